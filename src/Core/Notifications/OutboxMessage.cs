namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// One message to a resident, caregiver or other subscriber, written in the same transaction as the change it tells
/// about and sent later by <see cref="OutboxSender"/>. Holds the rendered text, so what was sent is what was written;
/// the retention job wipes the recipient and the text after <see cref="NotificationOptions.MessageRetentionDays"/>.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>
    /// Unique for ever, random, never made from ids (a database started afresh or restored hands its ids out again): the
    /// SMS gateway's <c>idx</c> (with <c>check_idx</c>, so the gateway refuses a second copy) and the e-mail's Message-ID.
    /// The same on every retry; staff sending a message again after the gateway's "already have it" give it a new one.
    /// </summary>
    public required string Key { get; set; }

    /// <summary>
    /// What makes the message single in this database, when it must be (the day-before notice: one per visit and
    /// follower, whatever runs the job). Unique; never sent anywhere.
    /// </summary>
    public string? DedupeKey { get; set; }

    public int? VisitRequestId { get; set; }
    public Requests.VisitRequest? Request { get; set; }

    /// <summary>The visit the message is about (booked, re-booked, day before); a day-before notice of a visit that is
    /// no longer going to happen is not sent.</summary>
    public int? VisitId { get; set; }

    public int? SubscriptionId { get; set; }
    public NotificationSubscription? Subscription { get; set; }

    public NotificationKind Kind { get; set; }
    public NotificationChannel Channel { get; set; }

    /// <summary>E.164 phone number or e-mail address.</summary>
    public required string Recipient { get; set; }

    /// <summary>The e-mail's subject (null for SMS).</summary>
    public string? Subject { get; set; }

    public required string Body { get; set; }

    public OutboxState State { get; set; } = OutboxState.Pending;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the sender may next try (now for a new message; later after a failure).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A sender that claimed the message holds it until then; after a crash another may take it.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public int Attempts { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The gateway's id for the message, when it gave one.</summary>
    public string? ProviderId { get; set; }

    /// <summary>Why the last attempt failed, as a short technical code (never personal data).</summary>
    public string? LastError { get; set; }

    /// <summary>The staff member who passed the message on by hand (call list), and when.</summary>
    public string? HandedOverBy { get; set; }
    public DateTimeOffset? HandedOverAt { get; set; }
}

/// <summary>What a message tells. Stored by name: never rename.</summary>
public enum NotificationKind
{
    Received,
    InformationNeeded,
    VisitBooked,
    VisitRebooked,
    DayBefore,
    Cancelled,
    Rejected,
    Completed,

    /// <summary>The clerk went but the visit did not take place.</summary>
    VisitNotHeld,

    /// <summary>The visit took place, and another one is needed.</summary>
    AnotherVisitNeeded,

    /// <summary>Sent to a new follower: the one message before they confirm, with the link to confirm.</summary>
    Subscribed,

    /// <summary>To the request's own contact: someone else now follows the request, with a link that removes them.</summary>
    FollowerAdded,
}

/// <summary>How a message travels. Stored by name.</summary>
public enum NotificationChannel
{
    Email,
    Sms,
}

/// <summary>Where a message is. Stored by name.</summary>
public enum OutboxState
{
    /// <summary>Waiting to be sent (again).</summary>
    Pending,

    /// <summary>The gateway accepted it.</summary>
    Sent,

    /// <summary>No gateway for its channel is configured: it waits on the staff's call list.</summary>
    AwaitingStaff,

    /// <summary>The gateway refused it for good, or every retry failed: it waits on the staff's call list.</summary>
    Failed,

    /// <summary>Staff passed it on by phone or by hand.</summary>
    HandedOver,

    /// <summary>No longer true (e.g. a day-before notice of a visit that was re-booked or cancelled): not sent.</summary>
    Obsolete,
}
