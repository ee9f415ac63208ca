namespace MobilnyUrzednik.Core.Requests;

/// <summary>
/// Everything a person answers on the way to a request, exactly as typed (strings, so an invalid
/// answer is kept and shown back, never lost). The same questions serve the public site, the kiosk
/// and staff taking a phone call; <see cref="RequestJourney"/> validates and orders them.
/// </summary>
public sealed class RequestAnswers
{
    /// <summary>When the draft was started (public site): a request sent sooner than a person could fill it in is
    /// held back (Abuse:MinimumFillSeconds). Not an answer; never copied into the request.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    // Eligibility.
    /// <summary>"tak" or "nie".</summary>
    public string? LivesInMunicipality { get; set; }

    /// <summary>An <see cref="EligibilityReason"/> name.</summary>
    public string? Reason { get; set; }

    // For whom: a <see cref="SubmitterRelation"/> name.
    public string? Relation { get; set; }

    // The matter.
    public string? MatterSlug { get; set; }
    public string? Description { get; set; }

    // The resident.
    public string? ResidentName { get; set; }
    public string? ResidentPhone { get; set; }
    public string? Street { get; set; }
    public string? PostalCode { get; set; }
    public string? Town { get; set; }

    // The submitter, when it is someone else.
    public string? SubmitterName { get; set; }
    public string? SubmitterPhone { get; set; }
    public bool ResidentConsent { get; set; }

    // Contact: a <see cref="ContactChannel"/> name, and an e-mail when that is the channel.
    public string? ContactChannel { get; set; }
    public string? ContactEmail { get; set; }

    // Access needs (all optional).
    public bool NeedsSignLanguage { get; set; }
    public bool NeedsCallBeforeVisit { get; set; }
    public string? AccessNotes { get; set; }

    // Preferred times: "asap" or "date"; the date as three typed fields; a <see cref="PartOfDay"/> name.
    public string? Timing { get; set; }
    public string? EarliestDay { get; set; }
    public string? EarliestMonth { get; set; }
    public string? EarliestYear { get; set; }
    public string? PartOfDay { get; set; }

    /// <summary>Steps the person has answered at least once (so the journey knows how far they got).</summary>
    public HashSet<JourneyStep> Answered { get; set; } = [];

    /// <summary>True when someone other than the resident is filing.</summary>
    public bool IsForSomeoneElse =>
        Enum.TryParse<SubmitterRelation>(Relation, out var r) && r != SubmitterRelation.Self;
}
