using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>Marker for the subscription form's error messages (SubscriptionMessages.resx), shared by every front end.</summary>
public sealed class SubscriptionMessages;

/// <summary>How a request to subscribe ended.</summary>
public enum SubscribeOutcome
{
    /// <summary>A new subscription, with its first message queued.</summary>
    Subscribed,

    /// <summary>That number or address already gets the messages: nothing was added or sent.</summary>
    AlreadySubscribed,

    /// <summary>Refused: see the result's errors.</summary>
    Refused,
}

/// <summary>What <see cref="Subscriptions.SubscribeAsync"/> did.</summary>
/// <param name="Outcome">Subscribed, already subscribed, or refused.</param>
/// <param name="Channel">The channel, when not refused.</param>
/// <param name="Address">The number or address as the person reads it back ("600 100 200"), when not refused.</param>
/// <param name="Errors">Why it was refused (empty otherwise).</param>
public sealed record SubscribeResult(SubscribeOutcome Outcome, NotificationChannel? Channel, string? Address, IReadOnlyList<AnswerError> Errors)
    : CommandResult(Errors)
{
    internal static SubscribeResult Refused(params AnswerError[] errors) => new(SubscribeOutcome.Refused, null, null, errors);
}

/// <summary>What the stop page shows about one subscription; never the whole number or address.</summary>
/// <param name="TrackingCode">The request's code as people read it ("K7P-4QX-9M").</param>
/// <param name="Channel">SMS or e-mail.</param>
/// <param name="MaskedAddress">"••• ••• 200" or "j•••@example.pl".</param>
/// <param name="IsActive">False once stopped.</param>
public sealed record SubscriptionStopView(string TrackingCode, NotificationChannel Channel, string MaskedAddress, bool IsActive);

/// <summary>How a stop ended.</summary>
public enum StopOutcome
{
    /// <summary>The messages are stopped now.</summary>
    Stopped,

    /// <summary>They were stopped before (a second click, a mail client's one-click after the page): nothing changed.</summary>
    AlreadyStopped,

    /// <summary>No subscription has that token.</summary>
    NotFound,
}

/// <summary>
/// People who ask for news of a request after it was filed — a caregiver, a daughter — on the confirmation page or on
/// /status, and the stop link every message carries. The request's own contact is subscribed when the request is
/// filed (<see cref="NotificationOutbox.SubscribeContact"/>); it stops the same way.
/// </summary>
/// <remarks>Numbers and addresses are never logged: only ids and the channel.</remarks>
public sealed partial class Subscriptions(IDbContextFactory<AppDbContext> dbFactory, NotificationOutbox outbox, TimeProvider clock, ILogger<Subscriptions> log)
{
    /// <summary>The field of the channel choice (<see cref="SmsChoice"/> or <see cref="EmailChoice"/>).</summary>
    public const string ChannelField = "Channel";

    /// <summary>The field of the number or address.</summary>
    public const string AddressField = "Address";

    /// <summary>The posted value of the SMS choice.</summary>
    public const string SmsChoice = "sms";

    /// <summary>The posted value of the e-mail choice.</summary>
    public const string EmailChoice = "email";

    /// <summary>Longest number or address accepted (an e-mail address's limit; a phone number is far shorter).</summary>
    public const int AddressMaxLength = RequestJourney.EmailMaxLength;

    private const int TokenMaxLength = 32;

    /// <summary>
    /// Subscribes <paramref name="address"/> to the news of request <paramref name="requestId"/> by
    /// <paramref name="channel"/> ("sms" or "email"), and queues one message to it that says so and carries its stop
    /// link, in the same save. The same number or address already subscribed is a success that adds and sends nothing.
    /// </summary>
    /// <param name="requestId">The request (from the confirmation page's draft, or a /status look-up just re-checked).</param>
    /// <param name="channel">"sms" or "email", as posted.</param>
    /// <param name="address">A Polish mobile number in any usual format, or an e-mail address, as typed.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<SubscribeResult> SubscribeAsync(int requestId, string? channel, string? address, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.VisitRequests.Include(r => r.Subscriptions).FirstOrDefaultAsync(r => r.Id == requestId, ct);

        // A closed request sends nothing more, so fixing the number first would be a wasted effort: say so at once.
        if (request is null || request.AnonymisedAt is not null || RequestLifecycle.IsClosed(request.Status))
        {
            return SubscribeResult.Refused(new AnswerError(ChannelField, "Request_Closed"));
        }

        var errors = new List<AnswerError>();
        var parsed = Parse(channel, address, errors);
        if (parsed is not var (chosen, normalised))
        {
            return SubscribeResult.Refused([.. errors]);
        }

        var display = Display(chosen, normalised);
        var active = request.Subscriptions.Where(s => s.IsActive).ToList();
        if (active.Any(s => s.Channel == chosen && SameAddress(chosen, s.Address, normalised)))
        {
            return new SubscribeResult(SubscribeOutcome.AlreadySubscribed, chosen, display, []);
        }

        // A soft limit: two people subscribing in the same second could both pass it, which harms nobody.
        if (active.Count >= NotificationOutbox.MaxSubscriptionsPerRequest)
        {
            return SubscribeResult.Refused(new AnswerError(AddressField, "Subscriptions_Full", NotificationOutbox.MaxSubscriptionsPerRequest));
        }

        var subscription = outbox.NewSubscription(chosen, normalised, isContact: false);
        request.Subscriptions.Add(subscription);
        await outbox.QueueForAsync(db, request, subscription, NotificationKind.Subscribed, ct: ct);
        await db.SaveChangesAsync(ct);
        LogSubscribed(log, subscription.Id, request.Id, chosen);
        return new SubscribeResult(SubscribeOutcome.Subscribed, chosen, display, []);
    }

    /// <summary>What the stop page shows for <paramref name="token"/>; null when no subscription has it.</summary>
    public async Task<SubscriptionStopView?> FindByTokenAsync(string? token, CancellationToken ct = default)
    {
        if (NormaliseToken(token) is not { } key)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Subscriptions.AsNoTracking()
            .Where(s => s.Token == key)
            .Select(s => new { s.Channel, s.Address, s.StoppedAt, s.Request!.TrackingCode })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : new SubscriptionStopView(TrackingCode.Format(row.TrackingCode), row.Channel, Mask(row.Channel, row.Address), row.StoppedAt is null);
    }

    /// <summary>
    /// Stops the messages of the subscription with <paramref name="token"/>. Stopping twice is fine. Messages to it
    /// that are still waiting (not being sent this moment) are not sent: stop means stop.
    /// </summary>
    public async Task<StopOutcome> StopAsync(string? token, CancellationToken ct = default)
    {
        if (NormaliseToken(token) is not { } key)
        {
            return StopOutcome.NotFound;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Token == key, ct);
        if (subscription is null)
        {
            return StopOutcome.NotFound;
        }

        if (!subscription.IsActive)
        {
            return StopOutcome.AlreadyStopped;
        }

        var now = clock.GetUtcNow();
        subscription.StoppedAt = now;

        // A message the sender holds (an unexpired lease) may already be with the gateway; it is left to finish.
        var waiting = await db.Outbox
            .Where(m => m.SubscriptionId == subscription.Id && (m.State == OutboxState.Pending || m.State == OutboxState.AwaitingStaff))
            .ToListAsync(ct);
        foreach (var message in waiting.Where(m => m.LeaseUntil is null || m.LeaseUntil < now))
        {
            message.State = OutboxState.Obsolete;
        }

        await db.SaveChangesAsync(ct);
        LogStopped(log, subscription.Id, subscription.VisitRequestId, subscription.Channel);
        return StopOutcome.Stopped;
    }

    /// <summary>
    /// Hides most of a number or address: "••• ••• 200" (the last three digits of the number as it is read) and
    /// "j•••@example.pl" (the first letter and the domain).
    /// </summary>
    public static string Mask(NotificationChannel channel, string address)
    {
        if (channel == NotificationChannel.Email)
        {
            var at = address.LastIndexOf('@');
            return at <= 0 ? "•••" : address[0] + "•••" + address[at..];
        }

        var shown = PolishPhone.Display(address);
        var digits = shown.Count(char.IsAsciiDigit);
        var masked = new StringBuilder(shown.Length);
        var seen = 0;
        foreach (var c in shown)
        {
            if (char.IsAsciiDigit(c))
            {
                seen++;
                masked.Append(seen > digits - 3 ? c : '•');
            }
            else if (c != '+')
            {
                // A foreign contact number is shown internationally ("+44 7911 123456"): its "+" goes with the digits.
                masked.Append(c);
            }
        }

        return masked.ToString().Trim();
    }

    /// <summary>The channel and the normalised address (E.164, or the e-mail with its domain in lower case); null with errors.</summary>
    private static (NotificationChannel Channel, string Address)? Parse(string? channel, string? address, List<AnswerError> errors)
    {
        NotificationChannel? chosen = channel switch
        {
            SmsChoice => NotificationChannel.Sms,
            EmailChoice => NotificationChannel.Email,
            _ => null,
        };
        if (chosen is null)
        {
            errors.Add(new(ChannelField, "Channel_Required"));
        }

        var text = PlainText.Tidy(address);
        if (text.Length == 0)
        {
            errors.Add(new(AddressField, chosen switch
            {
                NotificationChannel.Sms => "Address_SmsRequired",
                NotificationChannel.Email => "Address_EmailRequired",
                _ => "Address_Required",
            }));
            return null;
        }

        var length = PlainText.Length(text);
        if (length > AddressMaxLength)
        {
            errors.Add(new(AddressField, "Address_TooLong", AddressMaxLength, length));
            return null;
        }

        if (PlainText.HasMarkupOrControl(text))
        {
            errors.Add(new(AddressField, "Address_Markup"));
            return null;
        }

        if (chosen is null)
        {
            return null;
        }

        if (chosen == NotificationChannel.Email)
        {
            if (EmailAddress.IsValid(text))
            {
                return (NotificationChannel.Email, LowerDomain(text));
            }

            // A number typed under "e-mail" is the likeliest slip: name the way out rather than only refusing.
            errors.Add(new(AddressField, PolishPhone.Normalise(text) is null ? "Address_EmailInvalid" : "Address_EmailLooksLikePhone"));
            return null;
        }

        if (PolishPhone.Normalise(text) is not { } phone)
        {
            errors.Add(new(AddressField, EmailAddress.IsValid(text) ? "Address_SmsLooksLikeEmail" : "Address_SmsInvalid"));
            return null;
        }

        // The SMS gateway's contract covers Polish numbers; abroad, e-mail reaches people for free.
        if (!phone.StartsWith("+48", StringComparison.Ordinal))
        {
            errors.Add(new(AddressField, "Address_SmsNotPolish"));
            return null;
        }

        if (!PolishPhone.CanReceiveSms(phone))
        {
            errors.Add(new(AddressField, "Address_SmsLandline"));
            return null;
        }

        return (NotificationChannel.Sms, phone);
    }

    private static string LowerDomain(string email)
    {
        var at = email.LastIndexOf('@');
        return email[..at] + email[at..].ToLowerInvariant();
    }

    // Mailboxes are case-insensitive in practice ("Jan.Nowak@" and "jan.nowak@" are one person); numbers are E.164.
    private static bool SameAddress(NotificationChannel channel, string stored, string address) =>
        channel == NotificationChannel.Email
            ? string.Equals(stored, address, StringComparison.OrdinalIgnoreCase)
            : string.Equals(stored, address, StringComparison.Ordinal);

    private static string Display(NotificationChannel channel, string address) =>
        channel == NotificationChannel.Sms ? PolishPhone.Display(address) : address;

    // Tokens are lower-case letters and digits; a link copied by hand may gain spaces or capitals.
    private static string? NormaliseToken(string? token)
    {
        var key = token?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(key) || key.Length > TokenMaxLength || !key.All(char.IsAsciiLetterOrDigit) ? null : key;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId} added to request {RequestId} ({Channel})")]
    private static partial void LogSubscribed(ILogger logger, int subscriptionId, int requestId, NotificationChannel channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId} of request {RequestId} stopped ({Channel})")]
    private static partial void LogStopped(ILogger logger, int subscriptionId, int requestId, NotificationChannel channel);
}
