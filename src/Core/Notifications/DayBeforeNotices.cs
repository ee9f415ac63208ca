using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// The day-before confirmation, sent by itself: on the working day before each visit (Warsaw time; after a Friday
/// comes Monday, before a holiday the day before it), between <see cref="NotificationOptions.DayBeforeFrom"/> and
/// <see cref="NotificationOptions.DayBeforeUntil"/>, every follower of the request gets the day, the window and the
/// clerk's name, and the request's own contacts (only they) the one-time door word the clerk will say at the door. A visit booked too late for that (on its own day
/// or after the hours on the day before) gets it on its own day, before it starts. Each visit's notice is queued once
/// per follower whatever runs the job (the key is unique in the database).
/// </summary>
public sealed partial class DayBeforeNotices(IDbContextFactory<AppDbContext> dbFactory, NotificationOutbox outbox, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<DayBeforeNotices> log)
{
    /// <summary>Queues the notices due now; returns how many messages were queued.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = WarsawTime.ToWarsaw(clock.GetUtcNow());
        var today = DateOnly.FromDateTime(now.DateTime);
        var time = TimeOnly.FromDateTime(now.DateTime);
        var o = options.Value;
        if (!WorkingDays.IsWorkingDay(today) || time < o.DayBeforeFrom || time >= o.DayBeforeUntil)
        {
            return 0;
        }

        // Visits from today to the next working day: the only ones whose day before is today (or, for today's, has passed).
        var until = WorkingDays.Next(today);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visits = await db.Visits
            .Where(v => (v.State == VisitState.Booked || v.State == VisitState.Confirmed) && v.Date >= today && v.Date <= until)
            .Include(v => v.Clerk)
            .Include(v => v.Request!).ThenInclude(r => r.Subscriptions)
            .ToListAsync(ct);

        var queued = 0;
        foreach (var visit in visits.Where(v => IsDue(v, today, time)))
        {
            var request = visit.Request!;
            // Whoever gets news; the door word goes only to the request's own contacts (NotificationOutbox keeps that rule).
            var followers = request.Subscriptions.Where(s => s.ReceivesNews).ToList();
            if (followers.Count == 0)
            {
                continue;
            }

            var keys = followers.Select(s => NotificationOutbox.DayBeforeKey(visit.Id, s.Id)).ToList();
            // Notices queued before the dedupe key existed carried it as their gateway key.
            var done = await db.Outbox.Where(m => keys.Contains(m.DedupeKey!) || keys.Contains(m.Key)).Select(m => m.DedupeKey ?? m.Key).ToListAsync(ct);
            var due = followers.Where(s => !done.Contains(NotificationOutbox.DayBeforeKey(visit.Id, s.Id))).ToList();
            if (due.Count == 0)
            {
                continue;
            }

            // A visit booked before door words existed gets one now; the clerk's day sheet shows the same.
            visit.DoorWord ??= DoorWords.Next();
            foreach (var follower in due)
            {
                await outbox.QueueForAsync(db, request, follower, NotificationKind.DayBefore, VisitFacts.Of(visit, visit.Clerk!.DisplayName), dedupeKey: NotificationOutbox.DayBeforeKey(visit.Id, follower.Id), ct: ct);
            }

            try
            {
                await db.SaveChangesAsync(ct);
                queued += due.Count;
                Telemetry.DayBeforeQueued.Add(due.Count);
                LogQueued(log, visit.Id, request.Id, due.Count);
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                // Another run queued them a moment ago: the unique key kept them single.
                db.ChangeTracker.Clear();
            }
        }

        return queued;
    }

    /// <summary>Whether the visit's notice goes out at <paramref name="time"/> on <paramref name="today"/>.</summary>
    public static bool IsDue(Visit visit, DateOnly today, TimeOnly time) =>
        today == WorkingDays.Previous(visit.Date) || (today == visit.Date && time < visit.Start);

    [LoggerMessage(Level = LogLevel.Information, Message = "Day-before notice of visit {VisitId} (request {RequestId}) queued for {Count} followers")]
    private static partial void LogQueued(ILogger logger, int visitId, int requestId, int count);
}

/// <summary>
/// Runs <see cref="DayBeforeNotices"/> every <see cref="NotificationOptions.DayBeforeCheckSeconds"/> (five minutes) in the
/// public site, on the node that leads (it is cheap: a handful of rows).
/// </summary>
public sealed class DayBeforeWorker(DayBeforeNotices notices, JobLeader leader, IOptions<NotificationOptions> options, ILogger<DayBeforeWorker> log)
    : PeriodicWorker(TimeSpan.FromSeconds(options.Value.DayBeforeCheckSeconds), leader, log)
{
    protected override Task RunOnceAsync(CancellationToken ct) => notices.RunAsync(ct);
}
