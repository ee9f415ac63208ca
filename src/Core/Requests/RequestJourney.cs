using System.Globalization;
using MobilnyUrzednik.Core.Catalogue;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Municipalities;

namespace MobilnyUrzednik.Core.Requests;

/// <summary>The questions of the request journey, in the order they are asked.</summary>
public enum JourneyStep
{
    Residence,
    Reason,
    ForWhom,
    Matter,
    Description,
    Resident,
    Address,
    Submitter,
    Contact,
    AccessNeeds,
    Times,
    Check,
}

/// <summary>Why a person cannot use the matter, in words the eligibility page explains.</summary>
public enum Ineligibility
{
    None,
    OutsideMunicipality,
    CanComeToOffice,
}

/// <summary>
/// The order of the questions, which apply to whom, and what makes each answer valid. All three
/// front ends ask the same questions through this class, so a rule changes in one place.
/// </summary>
public static class RequestJourney
{
    /// <summary>Longest description, shown to the person beside the field.</summary>
    public const int DescriptionMaxLength = 1000;

    public const int NameMaxLength = 100;
    public const int StreetMaxLength = 150;
    public const int TownMaxLength = 80;
    public const int EmailMaxLength = EmailAddress.MaxLength;
    public const int AccessNotesMaxLength = 300;

    /// <summary>How far ahead a preferred date may be.</summary>
    public const int LatestPreferredDays = 90;

    /// <summary>All steps in order.</summary>
    public static IReadOnlyList<JourneyStep> Steps { get; } = Enum.GetValues<JourneyStep>();

    /// <summary>Whether <paramref name="step"/> is asked, given the answers so far.</summary>
    public static bool Applies(JourneyStep step, RequestAnswers answers) =>
        step != JourneyStep.Submitter || answers.IsForSomeoneElse;

    /// <summary>True once the answer <see cref="Applies"/> depends on (for whom) is given.</summary>
    public static bool KnowsWhichStepsApply(RequestAnswers answers) =>
        Enum.TryParse<SubmitterRelation>(answers.Relation, out var relation) && Enum.IsDefined(relation);

    /// <summary>The eligibility verdict from the first two answers.</summary>
    public static Ineligibility CheckEligibility(RequestAnswers answers)
    {
        if (answers.LivesInMunicipality == "nie")
        {
            return Ineligibility.OutsideMunicipality;
        }

        return answers.Reason == nameof(EligibilityReason.CanComeToOffice)
            ? Ineligibility.CanComeToOffice
            : Ineligibility.None;
    }

    /// <summary>Why the service cannot help, and where to go instead, for the not-eligible page and screen.</summary>
    public static IReadOnlyList<Wording> Explain(Ineligibility reason, MunicipalitySettings m) => reason switch
    {
        Ineligibility.OutsideMunicipality =>
        [
            Wording.Of(nameof(JourneyText.NotEligibleOutside), m.NameLocative, m.Name),
            Wording.Of(nameof(JourneyText.NotEligibleOutsideNext)),
        ],
        Ineligibility.CanComeToOffice =>
        [
            Wording.Of(nameof(JourneyText.NotEligibleCanCome)),
            Wording.Of(nameof(JourneyText.NotEligibleCanComeNext), m.OfficeName, m.OfficeAddress),
        ],
        _ => [],
    };

    /// <summary>The step after <paramref name="step"/> that applies.</summary>
    public static JourneyStep Next(JourneyStep step, RequestAnswers answers)
    {
        for (var s = step + 1; s <= JourneyStep.Check; s++)
        {
            if (Applies(s, answers))
            {
                return s;
            }
        }

        return JourneyStep.Check;
    }

    /// <summary>The step before <paramref name="step"/> that applies, or null at the first.</summary>
    public static JourneyStep? Previous(JourneyStep step, RequestAnswers answers)
    {
        for (var s = step - 1; s >= JourneyStep.Residence; s--)
        {
            if (Applies(s, answers))
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>
    /// The first step, up to <paramref name="upTo"/>, that is not yet answered validly; null when all are.
    /// A person who jumps ahead by address is sent back here.
    /// </summary>
    public static JourneyStep? FirstIncomplete(RequestAnswers answers, IReadOnlyList<Matter> catalogue, DateOnly today, JourneyStep upTo = JourneyStep.Check)
    {
        foreach (var step in Steps)
        {
            if (step >= upTo)
            {
                break;
            }

            if (!Applies(step, answers))
            {
                continue;
            }

            if (!answers.Answered.Contains(step) || Validate(step, answers, catalogue, today).Count > 0)
            {
                return step;
            }

            // Each eligibility question is refused on its own answer, so "change your answer" leads to it.
            if ((step == JourneyStep.Residence && CheckEligibility(answers) == Ineligibility.OutsideMunicipality)
                || (step == JourneyStep.Reason && CheckEligibility(answers) == Ineligibility.CanComeToOffice))
            {
                return step;
            }
        }

        return null;
    }

    /// <summary>The problems with the answers of one step (every step that applies, for <see cref="JourneyStep.Check"/>); empty when valid.</summary>
    public static IReadOnlyList<AnswerError> Validate(JourneyStep step, RequestAnswers a, IReadOnlyList<Matter> catalogue, DateOnly today)
    {
        var context = new QuestionContext(a, catalogue, today);
        var errors = new List<AnswerError>();
        foreach (var question in JourneyQuestions.All)
        {
            if (step == JourneyStep.Check ? Applies(question.Step, a) : question.Step == step)
            {
                question.Validate(context, errors);
            }
        }

        return errors;
    }

    /// <summary>The catalogue entry for a slug, if it is offered.</summary>
    public static Matter? FindMatter(string? slug, IReadOnlyList<Matter> catalogue) =>
        catalogue.FirstOrDefault(s => !s.IsRetired && s.Slug == slug);

    /// <summary>The preferred date from the three typed fields, or null when they are not a real date.</summary>
    public static DateOnly? ParseDate(string? day, string? month, string? year)
    {
        if (!int.TryParse(day?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || !int.TryParse(month?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(year?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y))
        {
            return null;
        }

        if (y is >= 0 and < 100)
        {
            y += 2000;
        }

        return y is >= 2000 and <= 2100 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            ? new DateOnly(y, m, d)
            : null;
    }
}
