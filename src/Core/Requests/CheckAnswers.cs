namespace MobilnyUrzednik.Core.Requests;

/// <summary>One answer on the check-answers page, with the page that changes it.</summary>
/// <param name="Question">The question whose row it is.</param>
/// <param name="Page">The page "Zmień" leads to, in the front end's order.</param>
/// <param name="Key">The row's name ("Adres").</param>
/// <param name="Lines">The answer, one line each.</param>
/// <param name="ChangeName">What "Zmień" changes ("adres"), for screen readers.</param>
/// <param name="Personal">True when the answer is about a person (read aloud only in the kiosk's headset).</param>
public sealed record CheckAnswersRow(Question Question, JourneyPage Page, Wording Key, IReadOnlyList<Wording> Lines, Wording ChangeName, bool Personal);

/// <summary>A titled group of rows ("Sprawa", "Kontakt i wizyta").</summary>
public sealed record CheckAnswersSection(CheckSection Section, Wording Title, IReadOnlyList<CheckAnswersRow> Rows);

/// <summary>
/// The check-answers page's content, built once for every front end (GOV.UK forms-runner's check-answers builder):
/// the rows of the questions that apply, in the order the front end asked them, grouped in sections.
/// </summary>
public static class CheckAnswers
{
    public static IReadOnlyList<CheckAnswersSection> Build(JourneyOrder order, QuestionContext c)
    {
        var sections = new List<CheckAnswersSection>();
        foreach (var page in order.Pages.Where(p => JourneyOrder.Applies(p, c.Answers)))
        {
            foreach (var question in page.Questions.Where(q => q.Row is not null))
            {
                var row = question.Row!;
                var line = new CheckAnswersRow(question, page, row.Key(c), row.Lines(c), Wording.Of(row.ChangeKey), row.Personal);
                if (sections.Count > 0 && sections[^1].Section == question.Section)
                {
                    sections[^1] = sections[^1] with { Rows = [.. sections[^1].Rows, line] };
                }
                else
                {
                    sections.Add(new(question.Section, Title(question.Section, c), [line]));
                }
            }
        }

        return sections;
    }

    /// <summary>The title of a section ("Sprawa", "Kontakt i wizyta"), also used by phone intake.</summary>
    public static Wording Title(CheckSection section, QuestionContext c) => Wording.Of(section switch
    {
        CheckSection.Matter => nameof(JourneyText.CheckMatterSection),
        CheckSection.Resident => c.ForOther ? nameof(JourneyText.CheckResidentSectionOther) : nameof(JourneyText.CheckResidentSectionSelf),
        CheckSection.Submitter => nameof(JourneyText.CheckSubmitterSection),
        CheckSection.Visit => nameof(JourneyText.CheckVisitSection),
        _ => throw new ArgumentOutOfRangeException(nameof(section)),
    });
}
