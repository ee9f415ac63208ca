namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// A gateway that carries messages of one <see cref="NotificationChannel"/> (SMTP for e-mail, an HTTP SMS gateway).
/// Registered only when configured; a channel without a transport leaves its messages on the staff's call list.
/// </summary>
public interface IMessageTransport
{
    NotificationChannel Channel { get; }

    /// <summary>
    /// Hands one message to the gateway. Never throws for a gateway fault: every fault comes back as
    /// <see cref="DeliveryOutcome.Transient"/> (try again later) or <see cref="DeliveryOutcome.Permanent"/> (this message
    /// can never go this way), with a short error code that holds no personal data.
    /// </summary>
    Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct);
}

/// <summary>What a transport sends.</summary>
/// <param name="Key">Unique per message and the same on every retry: the SMS <c>idx</c>, the e-mail's Message-ID.</param>
/// <param name="Recipient">E.164 phone number or e-mail address.</param>
/// <param name="Subject">E-mail subject; null for SMS.</param>
/// <param name="Body">Plain text.</param>
/// <param name="StopUrl">The subscriber's one-click stop address (e-mail List-Unsubscribe, RFC 8058), when there is one.</param>
public sealed record OutgoingMessage(string Key, string Recipient, string? Subject, string Body, string? StopUrl);

/// <summary>How one attempt ended.</summary>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string? ProviderId = null, string? ErrorCode = null)
{
    public static DeliveryResult Delivered(string? providerId = null) => new(DeliveryOutcome.Delivered, providerId);

    public static DeliveryResult Transient(string errorCode) => new(DeliveryOutcome.Transient, null, errorCode);

    public static DeliveryResult Permanent(string errorCode) => new(DeliveryOutcome.Permanent, null, errorCode);

    public static DeliveryResult Unconfirmed(string errorCode) => new(DeliveryOutcome.Unconfirmed, null, errorCode);
}

public enum DeliveryOutcome
{
    /// <summary>The gateway accepted the message and named it.</summary>
    Delivered,

    /// <summary>Down, busy, timed out, refused for now: try again later.</summary>
    Transient,

    /// <summary>This message can never be delivered this way (bad number, address refused).</summary>
    Permanent,

    /// <summary>
    /// The gateway says it already has a message with this key and sends nothing, but proves no delivery: perhaps our own
    /// earlier attempt, perhaps not (a restored database). Never counted as sent: a person checks.
    /// </summary>
    Unconfirmed,
}
