using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>What a message says about a visit.</summary>
public sealed record VisitFacts(int VisitId, DateOnly Date, TimeOnly Start, TimeOnly End, string ClerkName, string? DoorWord)
{
    public static VisitFacts Of(Visit visit, string clerkName) => new(visit.Id, visit.Date, visit.Start, visit.End, clerkName, visit.DoorWord);
}

/// <summary>
/// Writes the messages a change of a request means for the people who follow it, into the context the change is
/// made in, so they are committed in the same transaction as the change (or not at all). Sending is the
/// <see cref="OutboxSender"/>'s job, later and elsewhere: no gateway is ever called while a resident or a staff
/// member waits.
/// </summary>
public sealed class NotificationOutbox(IOptions<NotificationOptions> options, TimeProvider clock)
{
    /// <summary>A staff note is cut to this many characters in an SMS (the whole note is on /status).</summary>
    public const int SmsNoteMaxLength = 300;

    /// <summary>At most this many people follow one request (the contact included).</summary>
    public const int MaxSubscriptionsPerRequest = 5;

    private const string TokenAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>
    /// For a new request: subscribes the contact it chose (an SMS to the contact phone, or the e-mail address) and returns
    /// the subscription, or null when the resident asked for a phone call.
    /// </summary>
    public NotificationSubscription? SubscribeContact(VisitRequest request)
    {
        var (channel, address) = request.ContactChannel switch
        {
            ContactChannel.Sms when request.ContactPhone is { } phone => (NotificationChannel.Sms, phone),
            ContactChannel.Email when !string.IsNullOrWhiteSpace(request.ContactEmail) => (NotificationChannel.Email, request.ContactEmail.Trim()),
            _ => ((NotificationChannel?)null, (string?)null),
        };
        if (channel is null)
        {
            return null;
        }

        var subscription = NewSubscription(channel.Value, address!, isContact: true);
        request.Subscriptions.Add(subscription);
        return subscription;
    }

    /// <summary>A new subscription with a fresh stop token (not yet added to anything).</summary>
    public NotificationSubscription NewSubscription(NotificationChannel channel, string address, bool isContact) => new()
    {
        Channel = channel,
        Address = address,
        Token = NewToken(),
        IsRequestContact = isContact,
        CreatedAt = clock.GetUtcNow(),
    };

    /// <summary>
    /// Adds to <paramref name="db"/>'s pending changes one <paramref name="kind"/> message for every active subscriber of
    /// <paramref name="request"/> (the caller saves). Nothing is added when nobody follows the request.
    /// </summary>
    /// <param name="db">The context the change itself is made in.</param>
    /// <param name="request">The request, as changed.</param>
    /// <param name="kind">What happened.</param>
    /// <param name="visit">The visit, for booked, re-booked and day-before messages.</param>
    /// <param name="note">The note the resident reads on /status (reason, question), when there is one.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<OutboxMessage>> QueueAsync(AppDbContext db, VisitRequest request, NotificationKind kind, VisitFacts? visit = null, string? note = null, CancellationToken ct = default)
    {
        var subscribers = await ActiveSubscriptionsAsync(db, request, ct);
        if (subscribers.Count == 0)
        {
            return [];
        }

        var facts = await FactsAsync(db, request, ct);
        var messages = subscribers.Select(s => Compose(request, s, kind, facts, visit, note, key: null)).ToList();
        db.Outbox.AddRange(messages);
        return messages;
    }

    /// <summary>
    /// Adds one message for one subscriber. <paramref name="key"/> makes it unique (a second message with the same key
    /// is refused by the database): the day-before job passes one derived from the visit and the subscription.
    /// </summary>
    public async Task<OutboxMessage> QueueForAsync(AppDbContext db, VisitRequest request, NotificationSubscription subscriber, NotificationKind kind, VisitFacts? visit = null, string? note = null, string? key = null, CancellationToken ct = default)
    {
        var message = Compose(request, subscriber, kind, await FactsAsync(db, request, ct), visit, note, key);
        db.Outbox.Add(message);
        return message;
    }

    /// <summary>The key of the day-before notice of one visit to one subscriber.</summary>
    public static string DayBeforeKey(int visitId, int subscriptionId) => $"dzien-przed-{visitId}-{subscriptionId}";

    /// <summary>The stop link of a subscription.</summary>
    public string StopUrl(string token) => $"{SiteUrl}/powiadomienia/stop/{token}";

    /// <summary>The status page for a request, with its code filled in.</summary>
    public string StatusUrl(string code) => $"{SiteUrl}/status?numer={TrackingCode.Format(code)}";

    private string SiteUrl => options.Value.PublicSiteUrl.TrimEnd('/');

    private static async Task<List<NotificationSubscription>> ActiveSubscriptionsAsync(AppDbContext db, VisitRequest request, CancellationToken ct)
    {
        var list = request.Subscriptions.Where(s => s.IsActive).ToList();
        if (request.Id != 0)
        {
            var known = list.Select(s => s.Id).Where(id => id != 0).ToHashSet();
            list.AddRange((await db.Subscriptions.Where(s => s.VisitRequestId == request.Id && s.StoppedAt == null).OrderBy(s => s.Id).ToListAsync(ct))
                .Where(s => !known.Contains(s.Id) && !list.Contains(s)));
        }

        return list;
    }

    private static async Task<MessageFacts> FactsAsync(AppDbContext db, VisitRequest request, CancellationToken ct)
    {
        var municipality = await db.Municipalities.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.Name, m.Phone }).FirstAsync(ct);
        var matter = request.Matter?.Name
            ?? await db.Matters.AsNoTracking().Where(s => s.Id == request.MatterId).Select(s => s.Name).FirstAsync(ct);
        return new MessageFacts(municipality.Name, municipality.Phone, matter);
    }

    private OutboxMessage Compose(VisitRequest request, NotificationSubscription subscriber, NotificationKind kind, MessageFacts facts, VisitFacts? visit, string? note, string? key)
    {
        var sms = subscriber.Channel == NotificationChannel.Sms;
        var sentence = NotificationText.Sentence(note);
        var culture = NotificationText.Culture(request.Language);
        var values = new Dictionary<string, string?>
        {
            ["gmina"] = facts.Municipality,
            ["numer"] = TrackingCode.Format(request.TrackingCode),
            ["sprawa"] = facts.Matter,
            ["telefon"] = facts.Phone,
            ["status"] = StatusUrl(request.TrackingCode),
            ["stop"] = StopUrl(subscriber.Token),
            ["uwaga"] = sentence is null ? null : sms ? NotificationText.Shorten(sentence, SmsNoteMaxLength) : sentence,
            ["dzien"] = visit?.Date.ToString("dddd, d MMMM yyyy", culture),
            ["okno"] = visit is null ? null : VisitText.Window(visit.Start, visit.End),
            ["urzednik"] = visit?.ClerkName,
            ["haslo"] = visit?.DoorWord?.ToUpperInvariant(),
        };

        var bodyKey = kind == NotificationKind.Subscribed ? $"Body_Subscribed_{subscriber.Channel}" : $"Body_{kind}";
        var body = NotificationText.Render(bodyKey, values, culture);
        body = sms
            ? body + " " + NotificationText.Render("Stop_Sms", values, culture)
            : body + "\n\n" + NotificationText.Render("Stop_Email", values, culture) + "\n\n" + NotificationText.Render("Email_Footer", values, culture);

        var now = clock.GetUtcNow();
        return new OutboxMessage
        {
            Key = key ?? Guid.NewGuid().ToString("N"),
            Request = request.Id == 0 ? request : null,
            VisitRequestId = request.Id == 0 ? null : request.Id,
            VisitId = visit?.VisitId is > 0 ? visit.VisitId : null,
            Subscription = subscriber.Id == 0 ? subscriber : null,
            SubscriptionId = subscriber.Id == 0 ? null : subscriber.Id,
            Kind = kind,
            Channel = subscriber.Channel,
            Recipient = subscriber.Address,
            Subject = sms ? null : NotificationText.Render("Subject_" + kind, values, culture),
            Body = body,
            State = OutboxState.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    private static string NewToken() => RandomNumberGenerator.GetString(TokenAlphabet, 20);

    private sealed record MessageFacts(string Municipality, string Phone, string Matter);
}
