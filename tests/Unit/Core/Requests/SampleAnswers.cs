using MobilnyUrzednik.Core.Catalogue;
using MobilnyUrzednik.Core.Common;

namespace MobilnyUrzednik.Core.Requests;

/// <summary>Complete, valid answers as a resident would give them, and a small hand-made catalogue.</summary>
internal static class SampleAnswers
{
    /// <summary>The "today" of the journey tests: Sunday 22 November 2026.</summary>
    public static readonly DateOnly Today = new(2026, 11, 22);

    public static IReadOnlyList<Matter> OfferedMatters { get; } =
    [
        new Matter { Id = 1, Slug = "dowod-osobisty", Name = "Wniosek o dowód osobisty", Description = "Dowód." },
        new Matter { Id = 2, Slug = "zameldowanie", Name = "Zameldowanie lub wymeldowanie", Description = "Meldunek." },
        new Matter { Id = 3, Slug = "stara-sprawa", Name = "Sprawa wycofana", Description = "Już nie.", IsRetired = true },
        new Matter { Id = 6, Slug = "inna-sprawa", Name = "Inna sprawa", Description = "Opisz.", IsOther = true },
    ];

    /// <summary>The resident files for themselves, typing loosely (extra spaces, a formatted phone).</summary>
    public static RequestAnswers ForSelf() => new()
    {
        LivesInMunicipality = "tak",
        Reason = nameof(EligibilityReason.Age),
        Relation = nameof(SubmitterRelation.Self),
        MatterSlug = "dowod-osobisty",
        Description = "  Potrzebuję   nowego dowodu,\r\n stary jest nieważny.  ",
        ResidentName = "  Anna   Nowak-Kowalska ",
        ResidentPhone = "+48 600-100-200",
        Street = " ul.  Długa 5/3 ",
        PostalCode = " 00 950 ",
        Town = "Warszawa",
        ContactChannel = nameof(ContactChannel.PhoneCall),
        NeedsCallBeforeVisit = true,
        AccessNotes = "Domofon nie działa, proszę zadzwonić.",
        Timing = "asap",
        PartOfDay = nameof(PartOfDay.Morning),
        Answered = [.. Enum.GetValues<JourneyStep>().Where(s => s != JourneyStep.Submitter)],
    };

    /// <summary>A neighbour files for the resident, who has no phone of their own.</summary>
    public static RequestAnswers ForNeighbour()
    {
        var answers = ForSelf();
        answers.Relation = nameof(SubmitterRelation.Neighbour);
        answers.ResidentPhone = null;
        answers.SubmitterName = " Jan  Sąsiad ";
        answers.SubmitterPhone = "601 234 567";
        answers.ResidentConsent = true;
        answers.Answered = [.. Enum.GetValues<JourneyStep>()];
        return answers;
    }

    /// <summary>"Field:Code" for each error, easy to compare and to read in a failure.</summary>
    public static string[] Codes(IEnumerable<AnswerError> errors) => [.. errors.Select(e => $"{e.Field}:{e.Code}")];
}
