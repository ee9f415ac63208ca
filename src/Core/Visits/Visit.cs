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
    Completed,
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
