namespace MobilnyUrzednik.Core.Municipalities;

/// <summary>
/// The gmina that runs the service: how residents reach the office and the facts the
/// accessibility statement and the privacy notice must name. One row per database.
/// </summary>
public sealed class MunicipalitySettings
{
    public int Id { get; set; }

    /// <summary>Name as residents know it, e.g. "Gmina Przykładowo".</summary>
    public required string Name { get; set; }

    /// <summary>The name in the locative, for sentences such as "mieszka w Gminie Przykładowo".</summary>
    public required string NameLocative { get; set; }

    public required string OfficeName { get; set; }
    public required string OfficeAddress { get; set; }
    public required string Phone { get; set; }
    public required string Email { get; set; }

    /// <summary>When the phone is answered, in plain words, e.g. "od poniedziałku do piątku, 7:30–15:30".</summary>
    public required string PhoneHours { get; set; }

    public required string CoordinatorName { get; set; }

    /// <summary>Data protection officer's e-mail, named in the privacy notice.</summary>
    public required string DataProtectionOfficerEmail { get; set; }

    public DateOnly StatementPublishedOn { get; set; }
    public DateOnly StatementUpdatedOn { get; set; }
    public DateOnly StatementPreparedOn { get; set; }

    /// <summary>When the statement was last reviewed (it must be reviewed at least once a year).</summary>
    public DateOnly? StatementReviewedOn { get; set; }

    /// <summary>A request with no visit booked after this many working days stands out in the inbox.</summary>
    public int OverdueAfterWorkingDays { get; set; } = 5;

    /// <summary>Length of a visit's time window offered when booking, in minutes.</summary>
    public int VisitWindowMinutes { get; set; } = 120;

    /// <summary>
    /// Minutes a clerk needs to travel between two visits at different addresses: no window is offered or booked that
    /// starts sooner than this after another of the clerk's visits ends (or ends later than this before one starts).
    /// </summary>
    public int TravelBufferMinutes { get; set; } = 30;

    /// <summary>Person responsible for accessibility questions, named in the statement.</summary>
    public required string AccessibilityContactName { get; set; }

    /// <summary>How the office building can be reached, for the statement's architecture section.</summary>
    public required string BuildingAccessibility { get; set; }
}
