using MobilnyUrzednik.Core.Catalogue;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Kiosk.Journey;

/// <summary>The kiosk's screens: one question each, "for whom" first. Each belongs to a step of <see cref="RequestJourney"/>.</summary>
public enum KioskScreen
{
    ForWhom,
    Residence,
    Reason,
    Matter,
    Description,
    ResidentName,
    ResidentPhone,
    Address,
    SubmitterName,
    SubmitterPhone,
    Consent,
    Contact,
    AccessNeeds,
    Timing,
    PartOfDay,
    Check,
}

/// <summary>
/// The order of the kiosk's screens and which answers each asks. The rules stay in Core: a screen is valid when
/// <see cref="RequestJourney.Validate"/> finds no problem with the fields it shows.
/// </summary>
public static class KioskScreens
{
    public const KioskScreen First = KioskScreen.ForWhom;

    public static IReadOnlyList<KioskScreen> All { get; } = Enum.GetValues<KioskScreen>();

    /// <summary>The journey step a screen's answers belong to.</summary>
    public static JourneyStep Step(KioskScreen screen) => screen switch
    {
        KioskScreen.ForWhom => JourneyStep.ForWhom,
        KioskScreen.Residence => JourneyStep.Residence,
        KioskScreen.Reason => JourneyStep.Reason,
        KioskScreen.Matter => JourneyStep.Matter,
        KioskScreen.Description => JourneyStep.Description,
        KioskScreen.ResidentName or KioskScreen.ResidentPhone => JourneyStep.Resident,
        KioskScreen.Address => JourneyStep.Address,
        KioskScreen.SubmitterName or KioskScreen.SubmitterPhone or KioskScreen.Consent => JourneyStep.Submitter,
        KioskScreen.Contact => JourneyStep.Contact,
        KioskScreen.AccessNeeds => JourneyStep.AccessNeeds,
        KioskScreen.Timing or KioskScreen.PartOfDay => JourneyStep.Times,
        _ => JourneyStep.Check,
    };

    /// <summary>The <see cref="RequestAnswers"/> properties a screen shows (errors on them belong to it).</summary>
    public static IReadOnlyList<string> Fields(KioskScreen screen) => screen switch
    {
        KioskScreen.ForWhom => [nameof(RequestAnswers.Relation)],
        KioskScreen.Residence => [nameof(RequestAnswers.LivesInMunicipality)],
        KioskScreen.Reason => [nameof(RequestAnswers.Reason)],
        KioskScreen.Matter => [nameof(RequestAnswers.MatterSlug)],
        KioskScreen.Description => [nameof(RequestAnswers.Description)],
        KioskScreen.ResidentName => [nameof(RequestAnswers.ResidentName)],
        KioskScreen.ResidentPhone => [nameof(RequestAnswers.ResidentPhone)],
        KioskScreen.Address => [nameof(RequestAnswers.Street), nameof(RequestAnswers.PostalCode), nameof(RequestAnswers.Town)],
        KioskScreen.SubmitterName => [nameof(RequestAnswers.SubmitterName)],
        KioskScreen.SubmitterPhone => [nameof(RequestAnswers.SubmitterPhone)],
        KioskScreen.Consent => [nameof(RequestAnswers.ResidentConsent)],
        KioskScreen.Contact => [nameof(RequestAnswers.ContactChannel), nameof(RequestAnswers.ContactEmail)],
        KioskScreen.AccessNeeds => [nameof(RequestAnswers.AccessNotes)],
        KioskScreen.Timing => [nameof(RequestAnswers.Timing), nameof(RequestAnswers.EarliestDay)],
        KioskScreen.PartOfDay => [nameof(RequestAnswers.PartOfDay)],
        _ => [],
    };

    public static bool Applies(KioskScreen screen, RequestAnswers answers) => RequestJourney.Applies(Step(screen), answers);

    /// <summary>The problems with the fields this screen shows.</summary>
    public static IReadOnlyList<AnswerError> Validate(KioskScreen screen, RequestAnswers answers, IReadOnlyList<Matter> catalogue, DateOnly today)
    {
        if (screen == KioskScreen.Check)
        {
            return RequestJourney.Validate(JourneyStep.Check, answers, catalogue, today);
        }

        var fields = Fields(screen);
        return [.. RequestJourney.Validate(Step(screen), answers, catalogue, today).Where(e => fields.Contains(e.Field))];
    }

    public static KioskScreen Next(KioskScreen screen, RequestAnswers answers)
    {
        for (var s = screen + 1; s < KioskScreen.Check; s++)
        {
            if (Applies(s, answers))
            {
                return s;
            }
        }

        return KioskScreen.Check;
    }

    /// <summary>The screen before, or null on the first.</summary>
    public static KioskScreen? Previous(KioskScreen screen, RequestAnswers answers)
    {
        for (var s = screen - 1; s >= KioskScreen.ForWhom; s--)
        {
            if (Applies(s, answers))
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>The first screen (before <paramref name="upTo"/>) whose answers are not valid; null when all are.</summary>
    public static KioskScreen? FirstIncomplete(RequestAnswers answers, IReadOnlyList<Matter> catalogue, DateOnly today, KioskScreen upTo = KioskScreen.Check)
    {
        foreach (var screen in All)
        {
            if (screen >= upTo)
            {
                break;
            }

            if (Applies(screen, answers) && Validate(screen, answers, catalogue, today).Count > 0)
            {
                return screen;
            }
        }

        return null;
    }

    /// <summary>The 1-based position among the screens that apply, and how many apply (for "Pytanie 3 z 14").</summary>
    public static (int Position, int Count) Progress(KioskScreen screen, RequestAnswers answers)
    {
        var applying = All.Where(s => s != KioskScreen.Check && Applies(s, answers)).ToList();
        return (applying.IndexOf(screen) + 1, applying.Count);
    }
}
