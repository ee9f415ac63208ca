using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Visits;

/// <summary>Whether a clerk has a calendar address, since when, and when a calendar app last fetched it.</summary>
public sealed record CalendarFeedStatus(DateTimeOffset? CreatedAt, DateTimeOffset? LastReadAt);

/// <summary>One visit as the feed needs it: when, where (town only), what, and where it is in its chain of re-bookings.</summary>
public sealed record FeedVisit(int Id, int SeriesKey, int Sequence, string ClerkId, DateOnly Date, TimeOnly Start, TimeOnly End, VisitState State, string TrackingCode, string MatterName, string PostalCode, string Town);

/// <summary>
/// A clerk's private calendar subscription: an address with a secret token (only its hash is stored) that a calendar
/// app fetches without signing in. The feed holds the clerk's visits from two weeks back to two months ahead; a
/// re-booked visit keeps its UID and moves with a higher SEQUENCE, a cancelled one (or one moved to another clerk) is
/// marked STATUS:CANCELLED. Calendars sync to outside services, so no resident's name, street, phone or door word is
/// ever in it: the matter, the town and a link to the visit in the panel. Renewing the token revokes the old address.
/// Every fetch is audited in the clerk's name.
/// </summary>
public sealed class CalendarFeeds(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock, IOptions<NotificationOptions> options)
{
    public const int PastDays = 14;
    public const int FutureDays = 60;

    /// <summary>The feed's path for a token (the public site's, outside /panel: a calendar app has no staff cookie).</summary>
    public static string Path(string token) => $"/kalendarz/{token}.ics";

    public async Task<CalendarFeedStatus> StatusAsync(StaffActor actor, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ViewOwnVisits);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var feed = await db.CalendarFeeds.AsNoTracking().FirstOrDefaultAsync(f => f.ClerkId == actor.UserId, ct);
        return new CalendarFeedStatus(feed?.CreatedAt, feed?.LastReadAt);
    }

    /// <summary>
    /// Makes the actor's calendar address, or a new one in place of the old (which stops working at once). Returns the
    /// token; it is shown this once and never stored.
    /// </summary>
    public async Task<string> RenewAsync(StaffActor actor, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ViewOwnVisits);
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var feed = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.ClerkId == actor.UserId, ct);
        var renewed = feed is not null;
        if (feed is null)
        {
            feed = new CalendarFeed { ClerkId = actor.UserId, TokenHash = Hash(token) };
            db.CalendarFeeds.Add(feed);
        }

        feed.TokenHash = Hash(token);
        feed.CreatedAt = clock.GetUtcNow();
        feed.LastReadAt = null;
        audit.Add(db, actor, AuditActions.CalendarFeedRenewed, ClerkSchedule.StaffSubject(actor.UserId), renewed ? "renewed" : "created");
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>The calendar for <paramref name="token"/>; null for an unknown or revoked token, or a disabled account.</summary>
    public async Task<string?> ReadAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var feed = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.TokenHash == hash, ct);
        var clerk = feed is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == feed.ClerkId).Select(u => new { u.Id, u.DisplayName, u.IsDisabled }).FirstOrDefaultAsync(ct);
        if (feed is null || clerk is null || clerk.IsDisabled)
        {
            return null;
        }

        var today = WarsawTime.Today(clock);
        var from = today.AddDays(-PastDays);
        var to = today.AddDays(FutureDays);
        var own = await Rows(db.Visits.AsNoTracking().Where(v => v.ClerkId == clerk.Id && v.Date >= from && v.Date <= to)).ToListAsync(ct);
        var keys = own.Select(v => v.SeriesKey).Distinct().ToList();
        var series = await Rows(db.Visits.AsNoTracking().Where(v => keys.Contains(v.Id) || (v.SeriesId != null && keys.Contains(v.SeriesId.Value)))).ToListAsync(ct);

        var now = clock.GetUtcNow();
        var events = Events(clerk.Id, own, series, options.Value.PublicSiteUrl);
        feed.LastReadAt = now;
        var actor = new StaffActor(clerk.Id, clerk.DisplayName, []);
        audit.Add(db, actor, AuditActions.CalendarFeedRead, ClerkSchedule.StaffSubject(clerk.Id), $"events:{events.Count}");
        await db.SaveChangesAsync(ct);
        return IcsCalendar.Write(events, now, VisitText.Get("Ics_CalendarName", clerk.DisplayName));
    }

    /// <summary>
    /// One event per chain of re-bookings the clerk had a visit in: at the latest visit of the chain when it is the
    /// clerk's (tentative, confirmed, held; cancelled when called off or not held), else (moved to another clerk) at the
    /// clerk's own last time, cancelled. SEQUENCE is the chain's latest.
    /// </summary>
    public static IReadOnlyList<IcsEvent> Events(string clerkId, IEnumerable<FeedVisit> own, IEnumerable<FeedVisit> series, string siteUrl)
    {
        var latestOf = series.GroupBy(v => v.SeriesKey).ToDictionary(g => g.Key, g => g.OrderByDescending(v => v.Sequence).ThenByDescending(v => v.Id).First());
        var events = new List<IcsEvent>();
        foreach (var chain in own.GroupBy(v => v.SeriesKey))
        {
            var mine = chain.OrderByDescending(v => v.Sequence).ThenByDescending(v => v.Id).First();
            var latest = latestOf.GetValueOrDefault(chain.Key, mine);
            var shown = latest.ClerkId == clerkId ? latest : mine;
            var status = latest.ClerkId != clerkId
                ? IcsStatus.Cancelled
                : latest.State switch
                {
                    VisitState.Booked => IcsStatus.Tentative,
                    VisitState.Confirmed or VisitState.Completed => IcsStatus.Confirmed,
                    _ => IcsStatus.Cancelled,
                };
            var title = VisitText.Get("Ics_Summary", shown.MatterName, shown.Town);
            var summary = latest.ClerkId != clerkId || latest.State is VisitState.Cancelled or VisitState.Rebooked
                ? VisitText.Get("Ics_Cancelled", title)
                : latest.State switch
                {
                    VisitState.Completed => VisitText.Get("Ics_Held", title),
                    VisitState.NotHeld => VisitText.Get("Ics_NotHeld", title),
                    _ => title,
                };
            events.Add(new IcsEvent(
                IcsCalendar.VisitUid(chain.Key),
                shown.Date,
                shown.Start,
                shown.End,
                summary,
                $"{shown.PostalCode} {shown.Town}",
                VisitText.Get("Ics_DescriptionLink", TrackingCode.Format(shown.TrackingCode), siteUrl.TrimEnd('/') + VisitLink(shown.Id)),
                status,
                Math.Max(latest.Sequence, mine.Sequence)));
        }

        return [.. events.OrderBy(e => e.Date).ThenBy(e => e.Start)];
    }

    /// <summary>The visit's page in "Moje wizyty" (the panel asks for sign-in).</summary>
    public static string VisitLink(int visitId) => "/panel/moje-wizyty/wizyta/" + visitId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static IQueryable<FeedVisit> Rows(IQueryable<Visit> visits) => visits.Select(v => new FeedVisit(
        v.Id, v.SeriesId ?? v.Id, v.Sequence, v.ClerkId, v.Date, v.Start, v.End, v.State, v.Request!.TrackingCode, v.Request.Matter!.Name, v.Request.PostalCode, v.Request.Town));

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
