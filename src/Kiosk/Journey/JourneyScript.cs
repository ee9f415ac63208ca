using Microsoft.Extensions.Localization;
using MobilnyUrzednik.Components;
using MobilnyUrzednik.Components.Forms;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Kiosk.Components;

namespace MobilnyUrzednik.Kiosk.Journey;

/// <summary>
/// What a journey screen says aloud ("Przeczytaj na głos", and non-visual mode on arrival), derived from the same
/// question definitions the screen is rendered from, so the words spoken are the words shown. Personal parts (what was
/// typed about a person) are marked, and the speaker reads them only through the headset.
/// </summary>
public sealed class JourneyScript(IStringLocalizer<JourneyText> words, IStringLocalizer<KioskText> kiosk, IStringLocalizer<ComponentText> components)
{
    /// <summary>A question screen: where it is, the problems, the question, and each field with its answer.</summary>
    public IReadOnlyList<SpeechPart> ForScreen(JourneyPage page, QuestionContext c, IReadOnlyList<FieldError> errors, (int Position, int? Count) progress, bool nonVisual)
    {
        var parts = new List<SpeechPart> { new(ProgressText(progress)) };

        // Each problem with the question it belongs to ("Jak się nazywasz?: Wpisz…"), as the question names the field.
        AddErrors(errors, parts, field => page.Questions.FirstOrDefault(q => q.Fields.Contains(field)) is { } q ? words.Say(q.LabelFor(c, page.AsksAlone)) : null);
        var heading = words.Say(page.HeadingText(c));
        parts.Add(new(page.HeadingIsOptional(c) ? heading + " " + components[nameof(ComponentText.Optional)] : heading));
        if (page.Heading?.Intro?.Invoke(c) is { } intro)
        {
            parts.Add(new(words.Say(intro)));
        }

        foreach (var question in page.Questions)
        {
            parts.AddRange(ForQuestion(question, c, isHeading: question == page.HeadingQuestion, alone: page.AsksAlone));
        }

        AddHelp(nonVisual, parts);
        return parts;
    }

    /// <summary>"Pytanie 3 z 14", or "Pytanie 1" while the number of questions is not known yet.</summary>
    public string ProgressText((int Position, int? Count) progress) => progress.Count is { } count
        ? kiosk.Format(nameof(KioskText.ScreenOf), [progress.Position, count])
        : kiosk.Format(nameof(KioskText.ScreenFirst), [progress.Position]);

    /// <summary>One question: its label (unless it is the screen's heading), its hint, its choices or what was typed.</summary>
    public IEnumerable<SpeechPart> ForQuestion(Question question, QuestionContext c, bool isHeading, bool alone)
    {
        var hint = question.HintFor(c, alone) is { } h ? words.Say(h) : null;
        if (!isHeading)
        {
            var label = words.Say(question.LabelFor(c, alone));
            yield return new(hint is null ? label : label + ". " + hint);
        }
        else if (hint is not null)
        {
            yield return new(hint);
        }

        switch (question)
        {
            case ChoiceQuestion choice:
                yield return Options(choice.Options(c));
                if (choice.Chosen(c) is { } chosen)
                {
                    yield return new(kiosk.Format(nameof(KioskText.SpeakChosen), [words.Say(chosen.Label)]));
                }

                break;
            case CheckboxesQuestion boxes:
                yield return Options(boxes.Boxes(c));
                if (boxes.Ticked(c) is { Count: > 0 } ticked)
                {
                    yield return new(kiosk.Format(nameof(KioskText.SpeakTicked), [string.Join("; ", ticked.Select(b => words.Say(b.Label)))]));
                }

                break;
            case ConfirmQuestion confirm:
                yield return new(words.Say(confirm.BoxLabel(c)) + (confirm.Value(c.Answers) ? ": " + words[nameof(JourneyText.Yes)] : string.Empty));
                break;
            case TextQuestion text:
                yield return Typed(text.Value(c.Answers), question.Personal);
                break;
            case LongTextQuestion longText:
                yield return Typed(longText.Value(c.Answers), question.Personal);
                break;
        }
    }

    /// <summary>The check screen: every section and row, then what to press.</summary>
    public IReadOnlyList<SpeechPart> ForCheck(IReadOnlyList<CheckAnswersSection> sections, IReadOnlyList<FieldError> errors, bool nonVisual)
    {
        var parts = new List<SpeechPart>();
        AddErrors(errors, parts);
        parts.Add(new(words[nameof(JourneyText.CheckTitle)]));
        foreach (var section in sections)
        {
            parts.Add(new(words.Say(section.Title)));
            foreach (var row in section.Rows)
            {
                parts.Add(new(words.Say(row.Key) + ":"));
                parts.Add(new(string.Join(", ", row.Lines.Select(words.Say)), row.Personal));
            }
        }

        parts.Add(new(kiosk[nameof(KioskText.CheckSendKiosk)]));
        AddHelp(nonVisual, parts);
        return parts;
    }

    /// <summary>The not-eligible screen: why, and where to go instead.</summary>
    public IReadOnlyList<SpeechPart> ForNotEligible(IEnumerable<string> lines, bool nonVisual)
    {
        var parts = new List<SpeechPart> { new(words[nameof(JourneyText.NotEligibleTitle)]) };
        parts.AddRange(lines.Select(l => new SpeechPart(l)));
        AddHelp(nonVisual, parts);
        return parts;
    }

    private SpeechPart Options(IEnumerable<QuestionOption> options) =>
        new(kiosk[nameof(KioskText.SpeakOptions)] + " " + string.Join("; ", options.Select(o => words.Say(o.Label))));

    private SpeechPart Typed(string? value, bool personal) => string.IsNullOrWhiteSpace(value)
        ? new(kiosk[nameof(KioskText.SpeakFieldEmpty)])
        : new(kiosk.Format(nameof(KioskText.SpeakFieldValue), [value.Trim()]), personal);

    private void AddErrors(IReadOnlyList<FieldError> errors, List<SpeechPart> parts, Func<string, string?>? fieldLabel = null)
    {
        if (errors.Count > 0)
        {
            parts.Add(new(kiosk[nameof(KioskText.SpeakErrors)] + " " + string.Join(". ", errors.Select(e =>
                fieldLabel?.Invoke(e.FieldId) is { } label ? kiosk.Format(nameof(KioskText.VoiceErrorInField), [label.TrimEnd('?', '.', ':'), e.Message]) : e.Message))));
        }
    }

    private void AddHelp(bool nonVisual, List<SpeechPart> parts)
    {
        if (nonVisual)
        {
            parts.Add(new(kiosk[nameof(KioskText.SpeakNonVisualHelp)]));
        }
    }
}
