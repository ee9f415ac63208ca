namespace MobilnyUrzednik.Core.Audit;

/// <summary>
/// One staff action or read, kept for the office's accountability (RODO art. 5(2)). Read-only once
/// written. Holds ids and kinds, never the resident's personal data.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }

    /// <summary>What happened, from <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What it happened to, e.g. "request:42", "service:3", "staff:&lt;id&gt;".</summary>
    public string? Subject { get; set; }

    /// <summary>A short technical detail without personal data, e.g. "InReview → VisitScheduled".</summary>
    public string? Detail { get; set; }
}

/// <summary>The kinds of audited actions. Stored as text: never rename.</summary>
public static class AuditActions
{
    public const string RequestRead = "request.read";
    public const string RequestChanged = "request.changed";
    public const string RequestCreated = "request.created";
    public const string VisitBooked = "visit.booked";
    public const string VisitConfirmed = "visit.confirmed";
    public const string VisitRebooked = "visit.rebooked";
    public const string DaySheetRead = "visits.daysheet";
    public const string VisitRead = "visit.read";
    public const string VisitOutcome = "visit.outcome";
    public const string CalendarFeedRead = "visits.feed";
    public const string CalendarFeedRenewed = "visits.feed.renewed";
    public const string ClerkDaysChanged = "clerk.days";
    public const string CatalogueChanged = "catalogue.changed";
    public const string SettingsChanged = "settings.changed";
    public const string StaffChanged = "staff.changed";
    public const string SignIn = "staff.signin";
    public const string SignInFailed = "staff.signin.failed";
    public const string ReportExported = "report.exported";
    public const string MessagesRead = "messages.read";
    public const string InboxRead = "inbox.read";
    public const string CalendarRead = "visits.calendar";
    public const string DayBeforeRead = "visits.daybefore";
    public const string MessageHandedOver = "message.handedover";
    public const string MessageRetried = "message.retried";
    public const string RequestAnonymised = "request.anonymised";
    public const string PersonalDataSearched = "personaldata.searched";
    public const string PersonalDataExported = "personaldata.exported";
    public const string PersonalDataErased = "personaldata.erased";

    /// <summary>A tracking code was locked after too many wrong digit pairs on the status look-up.</summary>
    public const string StatusLookupLocked = "status.locked";

    /// <summary>A kiosk used up its hourly budget of wrong status look-ups.</summary>
    public const string StatusLookupLimited = "status.limited";
}
