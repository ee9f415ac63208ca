using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.PublicSite.Components.Panel.Visits;

/// <summary>
/// Base of the visit pages with forms. The visits services word their own problems in Polish
/// (VisitMessages.resx), so a problem's code already is the message the field and the summary show.
/// </summary>
public abstract class VisitsFormPage : PanelFormPage
{
    protected override string Message(AnswerError error) => error.Code;

    /// <summary>Shows a visits command's problems (or <paramref name="savedMessage"/>); true when it was done.</summary>
    protected bool Show(VisitResult result, string savedMessage, Func<string, string>? fieldId = null) =>
        Show([.. result.Errors.Select(e => new AnswerError(e.Field, e.Message))], savedMessage, fieldId);
}
