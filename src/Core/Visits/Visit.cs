using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Visits;

/// <summary>
/// A booked home visit: which clerk, which day, which time window (Warsaw wall-clock time).
/// A re-booking ends the old visit (state Rebooked) and books a new one, so the record of what was
/// promised to the resident stays.
/// </summary>
public sealed class Visit
{
    public int Id { get; set; }
    public int VisitRequestId { get; set; }
    public VisitRequest? Request { get; set; }

    public required string ClerkId { get; set; }
    public StaffUser? Clerk { get; set; }

    public DateOnly Date { get; set; }
    public TimeOnly Start { get; set; }
    public TimeOnly End { get; set; }

    public VisitState State { get; set; } = VisitState.Booked;

    public DateTimeOffset BookedAt { get; set; }
    public required string BookedBy { get; set; }

    /// <summary>When staff confirmed it with the resident the day before, and who.</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }
    public string? ConfirmedBy { get; set; }

    /// <summary>
    /// The one-time word the clerk says at the door, sent to the resident with the day-before notice and shown on the
    /// clerk's day sheet, so the resident can refuse someone who only pretends to come from the office.
    /// </summary>
    public string? DoorWord { get; set; }

    /// <summary>
    /// The first visit of this visit's chain of re-bookings (null: this visit is the first). A re-booked visit keeps its
    /// calendar event: the same UID, moved, with a higher <see cref="Sequence"/>.
    /// </summary>
    public int? SeriesId { get; set; }

    /// <summary>The calendar event's revision (iCalendar SEQUENCE): raised by every re-booking, confirmation, cancellation and outcome.</summary>
    public int Sequence { get; set; }

    /// <summary>The calendar event's UID key: the first visit of the chain.</summary>
    public int SeriesKey => SeriesId ?? Id;

    // What happened at the door, recorded by the visit's clerk (or the coordinator) from the visit's start time.

    /// <summary>When the outcome was recorded, and by whom (display name, as in the history).</summary>
    public DateTimeOffset? OutcomeAt { get; set; }

    public string? OutcomeBy { get; set; }

    /// <summary>
    /// The idempotency key of the form that recorded the outcome: the same form sent again (a double tap, a phone sending
    /// what it kept offline after the first copy got through) finds the outcome already there and changes nothing.
    /// </summary>
    public string? OutcomeKey { get; set; }

    /// <summary>Held: how the matter was filed.</summary>
    public OutcomeChannel? OutcomeChannel { get; set; }

    /// <summary>Held: the ePUAP receipt (UPO) number or another filing reference.</summary>
    public string? OutcomeReference { get; set; }

    /// <summary>Held: another visit is needed to finish the matter.</summary>
    public bool AnotherVisitNeeded { get; set; }

    /// <summary>Not held: why.</summary>
    public NotHeldReason? NotHeldReason { get; set; }

    /// <summary>Not held: what happens with the request now.</summary>
    public NotHeldNextStep? NextStep { get; set; }

    /// <summary>The clerk's note for the office (never shown to the resident).</summary>
    public string? OutcomeNote { get; set; }

    /// <summary>Booked or confirmed: the visit is still going to happen.</summary>
    public bool IsActive => State is VisitState.Booked or VisitState.Confirmed;

    /// <summary>Whether this visit's window overlaps [start, end) on the same day.</summary>
    public bool Overlaps(DateOnly date, TimeOnly start, TimeOnly end) => Date == date && Start < end && start < End;
}

/// <summary>Where a visit is. Stored by name.</summary>
public enum VisitState
{
    Booked,
    Confirmed,
    Rebooked,
    Cancelled,

    /// <summary>The visit took place (held).</summary>
    Completed,

    /// <summary>The clerk went, but the visit did not take place (nobody home, refused, in hospital, other).</summary>
    NotHeld,
}

/// <summary>Why a visit did not take place. Stored by name.</summary>
public enum NotHeldReason
{
    NobodyHome,
    Refused,
    InHospital,
    Other,
}

/// <summary>What happens with the request after a visit that did not take place. Stored by name.</summary>
public enum NotHeldNextStep
{
    /// <summary>The request goes back to the coordinator to book a new visit.</summary>
    NewVisit,

    /// <summary>The request is closed (cancelled): the resident no longer needs the visit.</summary>
    CloseRequest,
}

/// <summary>A clerk's regular working hours on one day of the week (Warsaw time).</summary>
public sealed class ClerkWorkingHours
{
    public int Id { get; set; }
    public required string ClerkId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly Start { get; set; }
    public TimeOnly End { get; set; }
}

/// <summary>Days a clerk does not visit (leave, sickness, training), inclusive.</summary>
public sealed class ClerkAbsence
{
    public int Id { get; set; }
    public required string ClerkId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }

    /// <summary>A short reason for colleagues ("urlop", "szkolenie"); never health details.</summary>
    public string? Note { get; set; }

    public bool Covers(DateOnly date) => From <= date && date <= To;
}

/// <summary>How the matter was filed at the visit.</summary>
public enum OutcomeChannel
{
    PaperAtOffice,
    Epuap,
    Zus,
    Other,
}
