namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// Someone who hears about a request's changes: the contact the resident chose in the form (SMS or e-mail), or a
/// caregiver or relative who asked on the confirmation page or on /status. Each has its own stop link. One who asked
/// later hears nothing but the request to confirm until they confirm it, and never the door word unless the number or
/// address is one the request itself gave (<see cref="NotificationOutbox.MayHearDoorWord"/>).
/// </summary>
public sealed class NotificationSubscription
{
    public int Id { get; set; }
    public int VisitRequestId { get; set; }
    public Requests.VisitRequest? Request { get; set; }

    public NotificationChannel Channel { get; set; }

    /// <summary>E.164 phone number (SMS) or e-mail address, normalised.</summary>
    public required string Address { get; set; }

    /// <summary>The random token of the stop link (<c>/powiadomienia/stop/{token}</c>) and of the confirmation link.</summary>
    public required string Token { get; set; }

    /// <summary>True for the contact given in the request itself; false for one added later.</summary>
    public bool IsRequestContact { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// True for one who asked later, until they open the link of the one message they were sent and confirm: until then
    /// nothing else is sent to them. (False for the request's own contact and for everyone who followed before
    /// confirmation existed.)
    /// </summary>
    public bool AwaitingConfirmation { get; set; }

    /// <summary>When the follower confirmed; null for the request's own contact and while awaiting confirmation.</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>
    /// The random token of the link the request's own contact gets to remove this follower in one step
    /// (<c>/powiadomienia/usun/{token}</c>); null for the request's own contact.
    /// </summary>
    public string? RemovalToken { get; set; }

    /// <summary>
    /// While awaiting confirmation: the request, channel and address, unique in the database, so an address gets one
    /// request to confirm however many posts arrive at once (a double click, a script, two nodes). Cleared when confirmed
    /// or stopped, and given up by a sign-up whose link lapsed when the address signs up again.
    /// </summary>
    public string? SignUpKey { get; set; }

    /// <summary>When the subscriber stopped the messages (stop link or reply), or the request's contact removed them; null while active.</summary>
    public DateTimeOffset? StoppedAt { get; set; }

    public bool IsActive => StoppedAt is null;

    /// <summary>Whether news of the request goes to them: not stopped, and confirmed.</summary>
    public bool ReceivesNews => StoppedAt is null && !AwaitingConfirmation;
}
