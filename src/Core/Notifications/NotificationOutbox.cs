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
        var messages = subscribers.Select(s => Compose(request, s, kind, facts, visit, note, dedupeKey: null, extra: null)).ToList();
        db.Outbox.AddRange(messages);
        return messages;
    }

    /// <summary>
    /// Adds one message for one subscriber. <paramref name="dedupeKey"/> makes it single in this database (a second
    /// message with the same one is refused): the day-before job passes one made from the visit and the subscription.
    /// </summary>
    public async Task<OutboxMessage> QueueForAsync(AppDbContext db, VisitRequest request, NotificationSubscription subscriber, NotificationKind kind, VisitFacts? visit = null, string? note = null, string? dedupeKey = null, CancellationToken ct = default)
    {
        var message = Compose(request, subscriber, kind, await FactsAsync(db, request, ct), visit, note, dedupeKey, extra: null);
        db.Outbox.Add(message);
        return message;
    }

    /// <summary>
    /// Tells the request's own contacts that <paramref name="follower"/> now gets its news, with a link that removes them
    /// in one step (the caller saves). Each own contact who gets messages is told by their channel; when none does (a
    /// phone call was asked for, or they stopped the messages) the notice waits on the staff's call list to be passed
    /// on. Nothing is queued when the follower is an own contact themself.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> QueueFollowerNoticeAsync(AppDbContext db, VisitRequest request, NotificationSubscription follower, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(follower);
        if (MayHearDoorWord(request, follower) || follower.RemovalToken is null)
        {
            return [];
        }

        var facts = await FactsAsync(db, request, ct);
        var extra = new Dictionary<string, string?>
        {
            ["kto"] = NotificationText.Render("Who_" + follower.Channel, PlainHint(follower)),
            ["usun"] = RemovalUrl(follower.RemovalToken),
        };
        var contacts = (await ActiveSubscriptionsAsync(db, request, ct)).Where(s => s != follower && s.Id != follower.Id && MayHearDoorWord(request, s)).ToList();
        var messages = contacts.Select(c => Compose(request, c, NotificationKind.FollowerAdded, facts, null, null, null, extra)).ToList();
        if (messages.Count == 0 && StaffNotice(request, facts, extra) is { } notice)
        {
            messages.Add(notice);
        }

        db.Outbox.AddRange(messages);
        return messages;
    }

    /// <summary>
    /// Whether <paramref name="subscription"/> may hear the door word: only the request's own contacts — the contact
    /// chosen when it was filed, or a number or address the request itself holds (the resident's phone, the submitter's
    /// phone, the contact e-mail, as filed or as staff keep them). Anyone else who follows gets the visit's news without it.
    /// </summary>
    public static bool MayHearDoorWord(VisitRequest request, NotificationSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(subscription);
        if (subscription.IsRequestContact)
        {
            return true;
        }

        return subscription.Channel == NotificationChannel.Sms
            ? subscription.Address == request.ResidentPhone || subscription.Address == request.SubmitterPhone
            : string.Equals(subscription.Address, request.ContactEmail?.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>What keeps the day-before notice of one visit to one subscriber single in this database (never sent).</summary>
    public static string DayBeforeKey(int visitId, int subscriptionId) => $"dzien-przed-{visitId}-{subscriptionId}";

    /// <summary>A message key unique for ever: 128 random bits, nothing a database numbers.</summary>
    public static string NewKey() => Guid.NewGuid().ToString("N");

    /// <summary>The stop link of a subscription.</summary>
    public string StopUrl(string token) => $"{SiteUrl}/powiadomienia/stop/{token}";

    /// <summary>The link a new follower opens to confirm.</summary>
    public string ConfirmUrl(string token) => $"{SiteUrl}/powiadomienia/potwierdz/{token}";

    /// <summary>The link the request's own contact opens to remove a follower.</summary>
    public string RemovalUrl(string token) => $"{SiteUrl}/powiadomienia/usun/{token}";

    /// <summary>The status page for a request, with its code filled in.</summary>
    public string StatusUrl(string code) => $"{SiteUrl}/status?numer={TrackingCode.Format(code)}";

    private string SiteUrl => options.Value.PublicSiteUrl.TrimEnd('/');

    private static async Task<List<NotificationSubscription>> ActiveSubscriptionsAsync(AppDbContext db, VisitRequest request, CancellationToken ct)
    {
        // Only those who receive news: a follower who has not confirmed hears nothing but the request to confirm.
        var list = request.Subscriptions.Where(s => s.ReceivesNews).ToList();
        if (request.Id != 0)
        {
            var known = list.Select(s => s.Id).Where(id => id != 0).ToHashSet();
            list.AddRange((await db.Subscriptions.Where(s => s.VisitRequestId == request.Id && s.StoppedAt == null && !s.AwaitingConfirmation).OrderBy(s => s.Id).ToListAsync(ct))
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

    private OutboxMessage Compose(VisitRequest request, NotificationSubscription subscriber, NotificationKind kind, MessageFacts facts, VisitFacts? visit, string? note, string? dedupeKey, IReadOnlyDictionary<string, string?>? extra)
    {
        var sms = subscriber.Channel == NotificationChannel.Sms;
        var sentence = NotificationText.Sentence(note);
        var culture = NotificationText.Culture(request.Language);

        // The one rule of the door word, kept where every message is written: it goes to the request's own contacts only.
        var withWord = visit?.DoorWord is not null && MayHearDoorWord(request, subscriber);
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
            ["haslo"] = withWord ? visit!.DoorWord!.ToUpperInvariant() : null,
            ["potwierdz"] = ConfirmUrl(subscriber.Token),
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
        {
            values[name] = value;
        }

        // The request to confirm is all a new follower gets, and it offers nothing to stop: there is nothing yet.
        var textKey = kind switch
        {
            NotificationKind.Subscribed => $"Subscribed_{subscriber.Channel}",
            NotificationKind.DayBefore when !withWord => "DayBefore_NoWord",
            _ => kind.ToString(),
        };
        var body = NotificationText.Render("Body_" + textKey, values, culture);
        body = (sms, kind) switch
        {
            (true, NotificationKind.Subscribed) => body,
            (true, _) => body + " " + NotificationText.Render("Stop_Sms", values, culture),
            (false, NotificationKind.Subscribed) => body + "\n\n" + NotificationText.Render("Email_Footer", values, culture),
            _ => body + "\n\n" + NotificationText.Render("Stop_Email", values, culture) + "\n\n" + NotificationText.Render("Email_Footer", values, culture),
        };

        var now = clock.GetUtcNow();
        return new OutboxMessage
        {
            Key = NewKey(),
            DedupeKey = dedupeKey,
            Request = request.Id == 0 ? request : null,
            VisitRequestId = request.Id == 0 ? null : request.Id,
            VisitId = visit?.VisitId is > 0 ? visit.VisitId : null,
            Subscription = subscriber.Id == 0 ? subscriber : null,
            SubscriptionId = subscriber.Id == 0 ? null : subscriber.Id,
            Kind = kind,
            Channel = subscriber.Channel,
            Recipient = subscriber.Address,
            Subject = sms ? null : NotificationText.Render("Subject_" + (kind == NotificationKind.Subscribed ? "Subscribed" : textKey), values, culture),
            Body = body,
            State = OutboxState.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    // A hint of the follower's number or address in plain characters an SMS carries as they are (no "•"): the last
    // three digits, or the first letter and the domain.
    private static Dictionary<string, string?> PlainHint(NotificationSubscription follower)
    {
        var address = follower.Address;
        var at = address.LastIndexOf('@');
        return new()
        {
            ["koniec"] = address.Length >= 3 ? address[^3..] : address,
            ["adres"] = at > 0 ? address[0] + "...@" + address[(at + 1)..] : "...",
        };
    }

    // The follower notice for staff to pass on (by phone) when no own contact gets messages; null with no contact at all.
    private OutboxMessage? StaffNotice(VisitRequest request, MessageFacts facts, IReadOnlyDictionary<string, string?> extra)
    {
        var (channel, recipient) = (request.ContactPhone ?? request.ResidentPhone) is { } phone
            ? (NotificationChannel.Sms, phone)
            : request.ContactEmail is { Length: > 0 } email ? (NotificationChannel.Email, email.Trim()) : ((NotificationChannel?)null, (string?)null);
        if (channel is null)
        {
            return null;
        }

        var values = new Dictionary<string, string?>(extra)
        {
            ["gmina"] = facts.Municipality,
            ["numer"] = TrackingCode.Format(request.TrackingCode),
            ["telefon"] = facts.Phone,
        };
        var now = clock.GetUtcNow();
        return new OutboxMessage
        {
            Key = NewKey(),
            Request = request.Id == 0 ? request : null,
            VisitRequestId = request.Id == 0 ? null : request.Id,
            Kind = NotificationKind.FollowerAdded,
            Channel = channel.Value,
            Recipient = recipient!,
            Subject = channel == NotificationChannel.Email ? NotificationText.Render("Subject_FollowerAdded", values) : null,
            Body = NotificationText.Render("Body_FollowerAdded", values),
            State = OutboxState.AwaitingStaff,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    /// <summary>A new stop or removal token: 20 characters from an alphabet without look-alikes.</summary>
    internal static string NewToken() => RandomNumberGenerator.GetString(TokenAlphabet, 20);

    private sealed record MessageFacts(string Municipality, string Phone, string Matter);
}
