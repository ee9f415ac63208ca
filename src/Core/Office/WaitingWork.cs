using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Office;

/// <summary>
/// What waits for someone, as counts: each is null when the staff member's role does not see that part of the panel.
/// Counts only (no personal data), so opening the panel's home writes nothing to the audit log.
/// </summary>
public sealed record WaitingCounts(
    int? NewRequests,
    int? Overdue,
    int? NewVisitNeeded,
    DateOnly NextWorkingDay,
    int? TomorrowUnconfirmed,
    int? MessagesToPassOn,
    int? MyVisitsToday,
    int? MyVisitsWithoutOutcome);

/// <summary>The panel's home: new requests, overdue ones, requests back for a new visit, tomorrow's visits not yet
/// confirmed, messages staff must pass on by phone; for a clerk, today's visits and visits whose outcome is missing.</summary>
public sealed class WaitingWork(IDbContextFactory<AppDbContext> dbFactory, Inbox inbox, TimeProvider clock)
{
    public async Task<WaitingCounts> CountAsync(StaffActor actor, CancellationToken ct = default)
    {
        var today = WarsawTime.Today(clock);
        var tomorrow = WorkingDays.Next(today);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        int? newRequests = null, overdue = null, newVisit = null, unconfirmed = null, messages = null, mine = null, missing = null;
        if (actor.Can(StaffPermission.ViewInbox))
        {
            newRequests = await db.VisitRequests.CountAsync(r => r.Status == RequestStatus.Submitted, ct);
            overdue = await inbox.CountAsync(actor, new InboxQuery { OverdueOnly = true }, ct);
            newVisit = await db.VisitRequests.CountAsync(
                r => (r.Status == RequestStatus.InReview || r.Status == RequestStatus.NeedsInformation)
                    && !r.Visits.Any(v => v.State == VisitState.Booked || v.State == VisitState.Confirmed)
                    && r.Visits.Any(v => v.State == VisitState.NotHeld || (v.State == VisitState.Completed && v.AnotherVisitNeeded)),
                ct);
        }

        if (actor.Can(StaffPermission.ConfirmVisits))
        {
            unconfirmed = await db.Visits.CountAsync(v => v.Date == tomorrow && v.State == VisitState.Booked, ct);
        }

        if (actor.Can(StaffPermission.PassOnMessages))
        {
            messages = await db.Outbox.CountAsync(m => m.State == OutboxState.AwaitingStaff || m.State == OutboxState.Failed, ct);
        }

        if (actor.Can(StaffPermission.ViewOwnVisits))
        {
            mine = await db.Visits.CountAsync(v => v.ClerkId == actor.UserId && v.Date == today && v.State != VisitState.Rebooked && v.State != VisitState.Cancelled, ct);

            // Visits already begun (an earlier day, or today: compared by the start in memory) still waiting for their outcome.
            var open = await db.Visits.AsNoTracking()
                .Where(v => v.ClerkId == actor.UserId && v.Date <= today && (v.State == VisitState.Booked || v.State == VisitState.Confirmed))
                .Select(v => new { v.Date, v.Start })
                .ToListAsync(ct);
            var now = clock.GetUtcNow();
            missing = open.Count(v => VisitOutcomes.StartsAt(v.Date, v.Start) <= now);
        }

        return new WaitingCounts(newRequests, overdue, newVisit, tomorrow, unconfirmed, messages, mine, missing);
    }
}
