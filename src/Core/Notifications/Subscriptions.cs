using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>Marker for the subscription form's error messages (SubscriptionMessages.resx), shared by every front end.</summary>
public sealed class SubscriptionMessages;

/// <summary>How a request to subscribe ended.</summary>
public enum SubscribeOutcome
{
    /// <summary>A new follower awaiting confirmation, with the one message that asks for it queued.</summary>
    Subscribed,

    /// <summary>That number or address already gets the messages: nothing was added or sent.</summary>
    AlreadySubscribed,

    /// <summary>That number or address was signed up a short while ago and has not confirmed yet: nothing was added or sent.</summary>
    AwaitingConfirmation,

    /// <summary>Refused: see <see cref="CommandResult.Errors"/>.</summary>
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

/// <summary>Where a follower's sign-up stands, for the page their confirmation link opens.</summary>
public enum FollowerLinkState
{
    /// <summary>Waiting for the follower to confirm.</summary>
    AwaitingConfirmation,

    /// <summary>Confirmed: the follower gets the request's news.</summary>
    Confirmed,

    /// <summary>Not confirmed in time: the link no longer works; they can sign up again.</summary>
    Expired,

    /// <summary>Stopped, by the follower or by the request's own contact.</summary>
    Stopped,

    /// <summary>The request is closed: nothing more is sent about it.</summary>
    Closed,
}

/// <summary>What the confirmation page shows; never the whole number or address.</summary>
/// <param name="TrackingCode">The request's code as people read it.</param>
/// <param name="Channel">SMS or e-mail.</param>
/// <param name="MaskedAddress">"••• ••• 200" or "j•••@example.pl".</param>
/// <param name="State">Where the sign-up stands.</param>
public sealed record FollowerConfirmationView(string TrackingCode, NotificationChannel Channel, string MaskedAddress, FollowerLinkState State);

/// <summary>What the removal page shows the request's own contact about a follower; never the whole number or address.</summary>
/// <param name="TrackingCode">The request's code as people read it.</param>
/// <param name="Channel">SMS or e-mail.</param>
/// <param name="MaskedAddress">The follower's number or address, mostly hidden.</param>
/// <param name="IsActive">False once removed or stopped.</param>
public sealed record FollowerRemovalView(string TrackingCode, NotificationChannel Channel, string MaskedAddress, bool IsActive);

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
/// <remarks>
/// Anyone who knows a tracking code and four digits can sign an address up, so a new follower is sent exactly one
/// message, the request to confirm, and nothing else until they confirm; at most
/// <see cref="NotificationOptions.FollowerSignUpsPerAddressPerDay"/> sign-ups reach one address a day over all requests.
/// On confirmation the request's own contact is told, with a link that removes the follower in one step; the door word
/// never goes to a follower (<see cref="NotificationOutbox.MayHearDoorWord"/>). Numbers and addresses are never logged:
/// only ids and the channel.
/// </remarks>
public sealed partial class Subscriptions(IDbContextFactory<AppDbContext> dbFactory, NotificationOutbox outbox, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<Subscriptions> log)
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
    /// Signs <paramref name="address"/> up for the news of request <paramref name="requestId"/> by
    /// <paramref name="channel"/> ("sms" or "email"), awaiting confirmation, and queues the one message that asks to
    /// confirm, in the same save. The same number or address already signed up is a success that adds and sends nothing.
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
        var now = clock.GetUtcNow();
        var live = request.Subscriptions.Where(s => IsLive(s, now)).ToList();
        if (live.FirstOrDefault(s => s.Channel == chosen && SameAddress(chosen, s.Address, normalised)) is { } known)
        {
            return new SubscribeResult(known.AwaitingConfirmation ? SubscribeOutcome.AwaitingConfirmation : SubscribeOutcome.AlreadySubscribed, chosen, display, []);
        }

        // Soft limits: two people subscribing in the same second could both pass them, which harms nobody.
        if (live.Count >= NotificationOutbox.MaxSubscriptionsPerRequest)
        {
            return SubscribeResult.Refused(new AnswerError(AddressField, "Subscriptions_Full", NotificationOutbox.MaxSubscriptionsPerRequest));
        }

        if (await SignUpsTodayAsync(db, chosen, normalised, now, ct) >= options.Value.FollowerSignUpsPerAddressPerDay)
        {
            return SubscribeResult.Refused(new AnswerError(AddressField, "Address_DailyLimit"));
        }

        // The database keeps one sign-up of an address awaiting confirmation per request, whatever arrives at once; one
        // whose link lapsed gives its key up in the same save.
        var signUpKey = FormattableString.Invariant($"{request.Id}|{chosen}|{normalised.ToLowerInvariant()}");
        foreach (var lapsed in request.Subscriptions.Where(s => s.SignUpKey == signUpKey))
        {
            lapsed.SignUpKey = null;
        }

        var subscription = outbox.NewSubscription(chosen, normalised, isContact: false);
        subscription.AwaitingConfirmation = true;
        subscription.RemovalToken = NotificationOutbox.NewToken();
        subscription.SignUpKey = signUpKey;
        request.Subscriptions.Add(subscription);
        await outbox.QueueForAsync(db, request, subscription, NotificationKind.Subscribed, ct: ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // The same address signed up a moment ago (a double click): its one message is on its way.
            return new SubscribeResult(SubscribeOutcome.AwaitingConfirmation, chosen, display, []);
        }

        LogSubscribed(log, subscription.Id, request.Id, chosen);
        return new SubscribeResult(SubscribeOutcome.Subscribed, chosen, display, []);
    }

    /// <summary>
    /// Whether the confirmation page's sign-up form must ask for the last four digits of the request's phone: once the
    /// request is older than <see cref="NotificationOptions.FollowerFormDigitsAfterMinutes"/> (the page may have been
    /// left open on a shared computer).
    /// </summary>
    public async Task<bool> ConfirmationFormNeedsDigitsAsync(int requestId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var filed = await db.VisitRequests.AsNoTracking().Where(r => r.Id == requestId).Select(r => (DateTimeOffset?)r.CreatedAt).FirstOrDefaultAsync(ct);
        return filed is null || clock.GetUtcNow() - filed.Value > TimeSpan.FromMinutes(options.Value.FollowerFormDigitsAfterMinutes);
    }

    /// <summary>What the page of a confirmation link shows; null when no follower has that token.</summary>
    public async Task<FollowerConfirmationView?> FindForConfirmationAsync(string? token, CancellationToken ct = default)
    {
        if (NormaliseToken(token) is not { } key)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subscription = await db.Subscriptions.AsNoTracking().Include(s => s.Request).FirstOrDefaultAsync(s => s.Token == key, ct);
        return subscription is null ? null : new(TrackingCode.Format(subscription.Request!.TrackingCode), subscription.Channel, Mask(subscription.Channel, subscription.Address), StateOf(subscription, clock.GetUtcNow()));
    }

    /// <summary>
    /// Confirms the follower with <paramref name="token"/> (the link of their one message): from now on they get the
    /// request's news, and the request's own contact is told, with a link that removes them. Confirming twice is fine.
    /// </summary>
    /// <returns>Where the sign-up stands after this; null when no follower has that token.</returns>
    public async Task<FollowerLinkState?> ConfirmAsync(string? token, CancellationToken ct = default)
    {
        if (NormaliseToken(token) is not { } key)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Token == key, ct);
        if (subscription is null)
        {
            return null;
        }

        var request = await db.VisitRequests.Include(r => r.Subscriptions).FirstAsync(r => r.Id == subscription.VisitRequestId, ct);
        var now = clock.GetUtcNow();
        var state = StateOf(subscription, now);
        if (state != FollowerLinkState.AwaitingConfirmation)
        {
            return state;
        }

        // One conditional update claims the confirmation, so two clicks at once tell the contact once; the notice is
        // written in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Subscriptions
            .Where(s => s.Id == subscription.Id && s.AwaitingConfirmation && s.StoppedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.AwaitingConfirmation, false).SetProperty(s => s.ConfirmedAt, now).SetProperty(s => s.SignUpKey, (string?)null), ct);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var after = await db.Subscriptions.AsNoTracking().Include(s => s.Request).FirstAsync(s => s.Id == subscription.Id, ct);
            return StateOf(after, now);
        }

        subscription.AwaitingConfirmation = false;
        subscription.ConfirmedAt = now;
        subscription.SignUpKey = null;
        db.Entry(subscription).State = EntityState.Unchanged;
        await outbox.QueueFollowerNoticeAsync(db, request, subscription, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogConfirmed(log, subscription.Id, request.Id, subscription.Channel);
        return FollowerLinkState.Confirmed;
    }

    /// <summary>What the removal page shows the request's own contact; null when no follower has that removal token.</summary>
    public async Task<FollowerRemovalView?> FindForRemovalAsync(string? removalToken, CancellationToken ct = default)
    {
        if (NormaliseToken(removalToken) is not { } key)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Subscriptions.AsNoTracking()
            .Where(s => s.RemovalToken == key)
            .Select(s => new { s.Channel, s.Address, s.StoppedAt, s.Request!.TrackingCode })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : new(TrackingCode.Format(row.TrackingCode), row.Channel, Mask(row.Channel, row.Address), row.StoppedAt is null);
    }

    /// <summary>
    /// The request's own contact removes a follower in one step (the link in "someone else now gets the messages"): their
    /// messages stop, waiting ones included. Removing twice is fine.
    /// </summary>
    public async Task<StopOutcome> RemoveAsync(string? removalToken, CancellationToken ct = default)
    {
        if (NormaliseToken(removalToken) is not { } key)
        {
            return StopOutcome.NotFound;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.RemovalToken == key, ct);
        if (subscription is null)
        {
            return StopOutcome.NotFound;
        }

        var outcome = await StopCoreAsync(db, subscription, ct);
        if (outcome == StopOutcome.Stopped)
        {
            LogRemoved(log, subscription.Id, subscription.VisitRequestId, subscription.Channel);
        }

        return outcome;
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

        var outcome = await StopCoreAsync(db, subscription, ct);
        if (outcome == StopOutcome.Stopped)
        {
            LogStopped(log, subscription.Id, subscription.VisitRequestId, subscription.Channel);
        }

        return outcome;
    }

    private async Task<StopOutcome> StopCoreAsync(AppDbContext db, NotificationSubscription subscription, CancellationToken ct)
    {
        if (!subscription.IsActive)
        {
            return StopOutcome.AlreadyStopped;
        }

        var now = clock.GetUtcNow();
        subscription.StoppedAt = now;
        subscription.SignUpKey = null;

        // A message the sender holds (an unexpired lease) may already be with the gateway; it is left to finish.
        var waiting = await db.Outbox
            .Where(m => m.SubscriptionId == subscription.Id && (m.State == OutboxState.Pending || m.State == OutboxState.AwaitingStaff))
            .ToListAsync(ct);
        foreach (var message in waiting.Where(m => m.LeaseUntil is null || m.LeaseUntil < now))
        {
            message.State = OutboxState.Obsolete;
        }

        await db.SaveChangesAsync(ct);
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

    // A sign-up counts while it is confirmed, or waiting within the time its link works.
    private bool IsLive(NotificationSubscription s, DateTimeOffset now) =>
        s.IsActive && (!s.AwaitingConfirmation || now - s.CreatedAt < TimeSpan.FromHours(options.Value.FollowerConfirmationHours));

    private FollowerLinkState StateOf(NotificationSubscription s, DateTimeOffset now) =>
        s.Request is { } r && (r.AnonymisedAt is not null || RequestLifecycle.IsClosed(r.Status)) ? FollowerLinkState.Closed
        : !s.IsActive ? FollowerLinkState.Stopped
        : !s.AwaitingConfirmation ? FollowerLinkState.Confirmed
        : IsLive(s, now) ? FollowerLinkState.AwaitingConfirmation
        : FollowerLinkState.Expired;

    // Sign-ups (not the request's own contacts) of this address in the last 24 hours, over every request.
    private static async Task<int> SignUpsTodayAsync(AppDbContext db, NotificationChannel channel, string address, DateTimeOffset now, CancellationToken ct)
    {
        var since = now.AddDays(-1);
        var recent = db.Subscriptions.Where(s => !s.IsRequestContact && s.Channel == channel && s.CreatedAt > since);
        return channel == NotificationChannel.Email
            ? await recent.CountAsync(s => s.Address.ToLower() == address.ToLower(), ct)
            : await recent.CountAsync(s => s.Address == address, ct);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId} of request {RequestId} confirmed ({Channel})")]
    private static partial void LogConfirmed(ILogger logger, int subscriptionId, int requestId, NotificationChannel channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId} of request {RequestId} removed by the request's contact ({Channel})")]
    private static partial void LogRemoved(ILogger logger, int subscriptionId, int requestId, NotificationChannel channel);
}
