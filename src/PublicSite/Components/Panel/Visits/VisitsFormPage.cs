using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.PublicSite.Components.Panel.Visits;

/// <summary>Base of the visit pages with forms: their problems are worded by the visits' Polish words (VisitMessages.resx).</summary>
public abstract class VisitsFormPage : PanelFormPage
{
    protected override string Message(AnswerError error) => VisitText.Get(error.Code, error.Args);
}
