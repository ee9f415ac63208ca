using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MobilnyUrzednik.Core.Administration;
using MobilnyUrzednik.Core.Common;

namespace MobilnyUrzednik.PublicSite.Components.Panel.Admin;

/// <summary>Base of the administration pages: a panel form page whose problems are worded by AdminMessages.resx.</summary>
public abstract class AdminPage : PanelFormPage
{
    [Inject] protected IStringLocalizer<AdminMessages> Messages { get; set; } = default!;

    protected override string Message(AnswerError error) => Format(Messages[error.Code], error);
}
