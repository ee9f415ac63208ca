using MobilnyUrzednik.Core.Catalogue;

namespace MobilnyUrzednik.Core.Requests;

/// <summary>
/// A request for a clerk's home visit ("zgłoszenie"). Holds the minimum the office needs:
/// who to visit and where, who asked and how to reach them, what the matter is.
/// </summary>
public sealed class VisitRequest
{
    public int Id { get; set; }

    /// <summary>
    /// Goes up by one with every change of the request (<see cref="Data.AppDbContext"/> does it on save), and a save
    /// over a version someone else has changed fails: two coordinators changing one request at once cannot
    /// overwrite each other, on either engine.
    /// </summary>
    public int Version { get; set; }

    /// <summary>The code residents read aloud and type, stored normalised without dashes (e.g. "K7P4QX9M").</summary>
    public required string TrackingCode { get; set; }

    /// <summary>Idempotency key of the form that created it, so a re-sent form finds this request again.</summary>
    public string? SubmissionKey { get; set; }

    public RequestChannel Channel { get; set; }

    /// <summary>The kiosk that took the request (its configured id), when the channel is Kiosk.</summary>
    public string? KioskId { get; set; }

    /// <summary>Where that kiosk stands, e.g. "Biblioteka Publiczna, ul. Szkolna 2", as configured at the time.</summary>
    public string? KioskLocation { get; set; }

    /// <summary>
    /// The language the resident filed in ("pl", "en", "uk"; null means Polish): the messages about the request are
    /// written in it. Staff taking a call record Polish.
    /// </summary>
    public string? Language { get; set; }

    public RequestStatus Status { get; private set; } = RequestStatus.Submitted;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    // Eligibility (a category, never a diagnosis).
    public bool LivesInMunicipality { get; set; }
    public EligibilityReason EligibilityReason { get; set; }

    // The matter.
    public int MatterId { get; set; }
    public Matter? Matter { get; set; }
    public required string Description { get; set; }

    // The resident to be visited.
    public required string ResidentName { get; set; }

    /// <summary>The name in lower case for staff search (SQLite's LIKE ignores case only for ASCII); kept in step by the context.</summary>
    public string? ResidentNameSearch { get; set; }

    /// <summary>E.164, e.g. "+48600100200"; optional when someone else files and gives their own phone.</summary>
    public string? ResidentPhone { get; set; }

    public required string Street { get; set; }
    public required string PostalCode { get; set; }
    public required string Town { get; set; }

    // The submitter, when it is not the resident.
    public SubmitterRelation SubmitterRelation { get; set; }
    public string? SubmitterName { get; set; }
    public string? SubmitterPhone { get; set; }

    /// <summary>The submitter confirmed that the resident knows about the request and agrees.</summary>
    public bool ResidentConsent { get; set; }

    // Contact.
    public ContactChannel ContactChannel { get; set; }
    public string? ContactEmail { get; set; }

    // Access needs for the visit (optional, minimal).
    public bool NeedsSignLanguage { get; set; }
    public bool NeedsCallBeforeVisit { get; set; }
    public string? AccessNotes { get; set; }

    // Preferred times.
    /// <summary>Earliest day the visit suits; null means "as soon as possible".</summary>
    public DateOnly? EarliestDate { get; set; }
    public PartOfDay PartOfDay { get; set; }

    public List<RequestHistoryEntry> History { get; set; } = [];

    /// <summary>Every visit booked for this request, re-booked and cancelled ones included.</summary>
    public List<Visits.Visit> Visits { get; set; } = [];

    // The outcome, recorded when the request is completed.
    public Visits.OutcomeChannel? OutcomeChannel { get; set; }

    /// <summary>The receipt number when filed through ePUAP (UPO), or another filing reference.</summary>
    public string? OutcomeReference { get; set; }

    /// <summary>What was filed and anything the office should know, for staff only.</summary>
    public string? OutcomeNote { get; set; }

    public bool AnotherVisitNeeded { get; set; }

    /// <summary>When the personal data was removed (retention period over, or erased on request); null while it is kept.</summary>
    public DateTimeOffset? AnonymisedAt { get; set; }

    /// <summary>Who hears about changes: the contact chosen in the form and anyone who asked later.</summary>
    public List<Notifications.NotificationSubscription> Subscriptions { get; set; } = [];

    /// <summary>The phone the office calls: the submitter's when someone else filed, else the resident's.</summary>
    public string? ContactPhone => SubmitterRelation == SubmitterRelation.Self ? ResidentPhone : SubmitterPhone;

    /// <summary>Starts the life of a new request: status Submitted and its first history entry.</summary>
    public void RecordSubmission(string actor, DateTimeOffset now)
    {
        Status = RequestStatus.Submitted;
        CreatedAt = now;
        UpdatedAt = now;
        History.Add(new RequestHistoryEntry { At = now, Status = RequestStatus.Submitted, Actor = actor });
    }

    /// <summary>
    /// Moves the request to <paramref name="to"/> and appends the change to its history.
    /// Refuses any move the lifecycle does not allow, and a rejection without a reason.
    /// </summary>
    /// <exception cref="LifecycleException">The move is not allowed.</exception>
    public void MoveTo(RequestStatus to, string actor, string? publicNote, DateTimeOffset now)
    {
        if (!RequestLifecycle.CanMove(Status, to))
        {
            throw new LifecycleException($"A request in {Status} cannot move to {to}.");
        }

        if (to == RequestStatus.Rejected && string.IsNullOrWhiteSpace(publicNote))
        {
            throw new LifecycleException("A rejection needs a reason the resident can read.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        Status = to;
        UpdatedAt = now;
        History.Add(new RequestHistoryEntry
        {
            At = now,
            Status = to,
            Actor = actor,
            PublicNote = string.IsNullOrWhiteSpace(publicNote) ? null : publicNote.Trim(),
        });
    }
}
