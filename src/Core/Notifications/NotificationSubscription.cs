namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// Someone who hears about a request's changes: the contact the resident chose in the form (SMS or e-mail), or a
/// caregiver or relative who asked on the confirmation page or on /status. Each has its own stop link.
/// </summary>
public sealed class NotificationSubscription
{
    public int Id { get; set; }
    public int VisitRequestId { get; set; }
    public Requests.VisitRequest? Request { get; set; }

    public NotificationChannel Channel { get; set; }

    /// <summary>E.164 phone number (SMS) or e-mail address, normalised.</summary>
    public required string Address { get; set; }

    /// <summary>The random token of the stop link (<c>/powiadomienia/stop/{token}</c>).</summary>
    public required string Token { get; set; }

    /// <summary>True for the contact given in the request itself; false for one added later.</summary>
    public bool IsRequestContact { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the subscriber stopped the messages (stop link or reply); null while active.</summary>
    public DateTimeOffset? StoppedAt { get; set; }

    public bool IsActive => StoppedAt is null;
}
