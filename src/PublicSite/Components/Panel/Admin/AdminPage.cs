using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MobilnyUrzednik.Core.Administration;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.PublicSite.Components.Panel.Admin;

/// <summary>Base of the administration pages: a panel form page whose problems are worded by AdminMessages.resx.</summary>
public abstract class AdminPage : PanelFormPage
{
    [Inject] protected IStringLocalizer<AdminMessages> Messages { get; set; } = default!;

    protected override string Message(AnswerError error) => Format(Messages[error.Code], error);

    /// <summary>Shows the result of an administration command: its problems, or <paramref name="savedMessage"/>. True when it was saved.</summary>
    protected bool Show(AdminResult result, string savedMessage, Func<string, string>? fieldId = null) => Show(result.Errors, savedMessage, fieldId);
}
