using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Visits;

/// <summary>One visit to confirm by phone: who to call, how they want to be contacted, whom to announce.</summary>
public sealed record CallItem(
    int VisitId,
    int RequestId,
    string TrackingCode,
    DateOnly Date,
    TimeOnly Start,
    TimeOnly End,
    VisitState State,
    string ClerkName,
    string MatterName,
    string CallName,
    string? Phone,
    ContactChannel Channel,
    string? Email,
    bool NeedsSignLanguage,
    bool NeedsCallBeforeVisit,
    string? AccessNotes,
    string Town,
    string? DoorWord = null,
    DayBeforeNotice? Notice = null);

/// <summary>How the resident hears of the visit the day before: by the automatic message, or from a person who calls.</summary>
public enum DayBeforeWay
{
    /// <summary>The automatic message will go out (the day before, within the sending hours).</summary>
    WillBeSent,

    /// <summary>The automatic message went out.</summary>
    Sent,

    /// <summary>Call: the resident chose a phone call, or stopped the messages.</summary>
    CallChosePhone,

    /// <summary>Call: no gateway is set up for the channel they chose.</summary>
    CallNoGateway,

    /// <summary>Call: the message could not be delivered.</summary>
    CallNotDelivered,
}

/// <summary>The day-before notice of one visit: the way, the channel of the automatic message, and when it went.</summary>
public sealed record DayBeforeNotice(DayBeforeWay Way, NotificationChannel? Channel, DateTimeOffset? SentAt)
{
    /// <summary>Someone must call: no automatic message will reach the resident.</summary>
    public bool MustCall => Way is DayBeforeWay.CallChosePhone or DayBeforeWay.CallNoGateway or DayBeforeWay.CallNotDelivered;
}

/// <summary>The day-before list for one day.</summary>
public sealed record CallList(DateOnly Day, IReadOnlyList<CallItem> Visits);

/// <summary>
/// The day before: the next working day's visits (Warsaw) with the phone to call, the preferred contact channel,
/// the clerk's name and the door word to give; staff mark each one confirmed. Residents who chose SMS or e-mail also
/// get both from <see cref="Notifications.DayBeforeNotices"/>; this list is how the office reaches those who chose a call.
/// Demands <see cref="StaffPermission.ConfirmVisits"/>; every listing writes <see cref="AuditActions.DayBeforeRead"/> for each
/// request shown (names, phones, access notes and door words).
/// </summary>
public sealed class DayBefore(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock, IEnumerable<IMessageTransport>? transports = null)
{
    private readonly HashSet<NotificationChannel> _gateways = [.. (transports ?? []).Select(t => t.Channel)];

    /// <summary>The next working day after today in Warsaw (Friday → Monday; before a holiday, the day after it).</summary>
    public DateOnly NextWorkingDay() => WorkingDays.Next(WarsawTime.Today(clock));

    /// <summary>The active visits of <paramref name="day"/> (default: the next working day), in time order.</summary>
    public async Task<CallList> ListAsync(StaffActor actor, DateOnly? day = null, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ConfirmVisits);
        var date = day ?? NextWorkingDay();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await VisitBooking.ActiveVisits(db).AsNoTracking()
            .Where(v => v.Date == date)
            .Select(v => new
            {
                v.Id,
                v.VisitRequestId,
                v.Request!.TrackingCode,
                v.Date,
                v.Start,
                v.End,
                v.State,
                ClerkName = v.Clerk!.DisplayName,
                MatterName = v.Request.Matter!.Name,
                v.Request.SubmitterRelation,
                v.Request.SubmitterName,
                v.Request.SubmitterPhone,
                v.Request.ResidentName,
                v.Request.ResidentPhone,
                v.Request.ContactChannel,
                v.Request.ContactEmail,
                v.Request.NeedsSignLanguage,
                v.Request.NeedsCallBeforeVisit,
                v.Request.AccessNotes,
                v.Request.Town,
                v.DoorWord,
            })
            .ToListAsync(ct);

        // Who hears of the visit by the automatic message, and who must be called.
        var requestIds = rows.Select(r => r.VisitRequestId).ToList();
        var visitIds = rows.Select(r => r.Id).ToList();
        var followers = await db.Subscriptions.AsNoTracking()
            .Where(f => requestIds.Contains(f.VisitRequestId) && f.StoppedAt == null)
            .Select(f => new { f.VisitRequestId, f.Channel })
            .ToListAsync(ct);
        var notices = await db.Outbox.AsNoTracking()
            .Where(m => m.Kind == NotificationKind.DayBefore && m.VisitId != null && visitIds.Contains(m.VisitId.Value))
            .Select(m => new { VisitId = m.VisitId!.Value, m.Channel, m.State, m.SentAt })
            .ToListAsync(ct);
        DayBeforeNotice NoticeFor(int visitId, int requestId)
        {
            var sent = notices.Where(n => n.VisitId == visitId && n.State is OutboxState.Sent).OrderBy(n => n.SentAt).FirstOrDefault();
            if (sent is not null)
            {
                return new(DayBeforeWay.Sent, sent.Channel, sent.SentAt);
            }

            var channels = followers.Where(f => f.VisitRequestId == requestId).Select(f => f.Channel).Distinct().ToList();
            if (channels.Count == 0)
            {
                return new(DayBeforeWay.CallChosePhone, null, null);
            }

            var carried = channels.Where(_gateways.Contains).ToList();
            if (carried.Count == 0)
            {
                return new(DayBeforeWay.CallNoGateway, channels[0], null);
            }

            var stuck = notices.Where(n => n.VisitId == visitId).ToList();
            return stuck.Count > 0 && stuck.All(n => n.State is OutboxState.AwaitingStaff or OutboxState.Failed)
                ? new(DayBeforeWay.CallNotDelivered, carried[0], null)
                : new(DayBeforeWay.WillBeSent, carried[0], null);
        }

        var items = rows
            .OrderBy(r => r.Start).ThenBy(r => r.ClerkName, StringComparer.Create(VisitText.Polish, false))
            .Select(r =>
            {
                var self = r.SubmitterRelation == SubmitterRelation.Self;
                return new CallItem(
                    r.Id, r.VisitRequestId, r.TrackingCode, r.Date, r.Start, r.End, r.State, r.ClerkName, r.MatterName,
                    self ? r.ResidentName : r.SubmitterName ?? r.ResidentName,
                    self ? r.ResidentPhone : r.SubmitterPhone,
                    r.ContactChannel, r.ContactEmail, r.NeedsSignLanguage, r.NeedsCallBeforeVisit, r.AccessNotes, r.Town, r.DoorWord,
                    NoticeFor(r.Id, r.VisitRequestId));
            })
            .ToList();
        await audit.RecordReadsAsync(actor, AuditActions.DayBeforeRead, items.Select(i => AuditLog.RequestSubject(i.RequestId)), date.ToString("yyyy-MM-dd", VisitText.Polish), ct);
        return new CallList(date, items);
    }

    /// <summary>Marks the visit confirmed with the resident; the request moves to <see cref="RequestStatus.VisitConfirmed"/>.</summary>
    public async Task<CommandResult> ConfirmAsync(StaffActor actor, int visitId, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ConfirmVisits);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visit = await db.Visits.Include(v => v.Request).Include(v => v.Clerk).FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null || visit.State != VisitState.Booked)
        {
            return CommandResult.Fail("Visit", visit?.State == VisitState.Confirmed ? "Confirm_Already" : "Confirm_NotActive");
        }

        var request = visit.Request!;
        if (!RequestLifecycle.CanMove(request.Status, RequestStatus.VisitConfirmed))
        {
            return CommandResult.Fail("Visit", "Confirm_NotActive");
        }

        var at = clock.GetUtcNow();
        visit.State = VisitState.Confirmed;
        visit.ConfirmedAt = at;
        visit.ConfirmedBy = actor.DisplayName;
        visit.Sequence++;
        request.MoveTo(
            RequestStatus.VisitConfirmed,
            actor.DisplayName,
            VisitText.Get("History_Confirmed", VisitText.Day(visit.Date), VisitText.Window(visit.Start, visit.End), visit.Clerk!.DisplayName),
            at);
        audit.Add(db, actor, AuditActions.VisitConfirmed, AuditLog.RequestSubject(request.Id), $"visit:{visit.Id}");
        await db.SaveChangesAsync(ct);
        return CommandResult.Ok(visit.Id);
    }
}
