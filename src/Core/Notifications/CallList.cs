using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>One message staff must pass on themselves.</summary>
public sealed record CallListItem(
    long MessageId,
    int? RequestId,
    string? TrackingCode,
    NotificationKind Kind,
    NotificationChannel Channel,
    string Recipient,
    string? Subject,
    string Body,
    OutboxState State,
    DateTimeOffset CreatedAt,
    int Attempts,
    string? LastError,
    string? CallPhone,
    string Key);

/// <summary>
/// The staff's call list: messages that wait for a person because no gateway is configured for their channel (the
/// embedded default) or because the gateway refused them or kept failing. Nothing is dropped silently: each stays
/// here until someone passes it on (and marks it) or sends it again. Demands <see cref="StaffPermission.PassOnMessages"/>;
/// every opening of the list is audited (it shows phone numbers and addresses).
/// </summary>
public sealed class CallList(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock, OutboxSignal signal)
{
    /// <summary>The most shown at once, oldest first.</summary>
    public const int PageSize = 200;

    public async Task<IReadOnlyList<CallListItem>> ListAsync(StaffActor actor, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.PassOnMessages);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Outbox.AsNoTracking()
            .Where(m => m.State == OutboxState.AwaitingStaff || m.State == OutboxState.Failed)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Take(PageSize)
            .Select(m => new
            {
                m.Id,
                m.VisitRequestId,
                Code = m.Request == null ? null : m.Request.TrackingCode,
                m.Kind,
                m.Channel,
                m.Recipient,
                m.Subject,
                m.Body,
                m.State,
                m.CreatedAt,
                m.Attempts,
                m.LastError,
                m.Key,
                Relation = m.Request == null ? (SubmitterRelation?)null : m.Request.SubmitterRelation,
                ResidentPhone = m.Request == null ? null : m.Request.ResidentPhone,
                SubmitterPhone = m.Request == null ? null : m.Request.SubmitterPhone,
            })
            .ToListAsync(ct);
        // One entry per request shown (a message with no request, e.g. to a follower, by its own id).
        await audit.RecordReadsAsync(
            actor,
            AuditActions.MessagesRead,
            rows.Select(r => r.VisitRequestId is { } id ? AuditLog.RequestSubject(id) : "message:" + r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ct: ct);
        return [.. rows.Select(r => new CallListItem(
            r.Id, r.VisitRequestId, r.Code, r.Kind, r.Channel, r.Recipient, r.Subject, r.Body, r.State, r.CreatedAt, r.Attempts, r.LastError,
            // An SMS that could not go can be read out to the same number; otherwise the request's contact phone.
            r.Channel == NotificationChannel.Sms ? r.Recipient : r.Relation == SubmitterRelation.Self ? r.ResidentPhone : r.SubmitterPhone ?? r.ResidentPhone,
            r.Key))];
    }

    /// <summary>Marks a message passed on by hand (phone call, letter). False when it is no longer on the list.</summary>
    public async Task<bool> HandOverAsync(StaffActor actor, long messageId, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.PassOnMessages);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.Outbox.FirstOrDefaultAsync(m => m.Id == messageId && (m.State == OutboxState.AwaitingStaff || m.State == OutboxState.Failed), ct);
        if (message is null)
        {
            return false;
        }

        message.State = OutboxState.HandedOver;
        message.HandedOverBy = actor.DisplayName;
        message.HandedOverAt = clock.GetUtcNow();
        audit.Add(db, actor, AuditActions.MessageHandedOver, message.VisitRequestId is { } id ? AuditLog.RequestSubject(id) : "messages", $"message:{message.Id}");
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Puts a message back in the queue with a fresh set of attempts (after a gateway setting was fixed).</summary>
    public async Task<bool> RetryAsync(StaffActor actor, long messageId, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.PassOnMessages);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.Outbox.FirstOrDefaultAsync(m => m.Id == messageId && (m.State == OutboxState.AwaitingStaff || m.State == OutboxState.Failed), ct);
        if (message is null)
        {
            return false;
        }

        // The gateway refuses the old key for good; sending again was staff's decision after checking its panel.
        if (message.LastError == SmsApiTransport.DuplicateError)
        {
            message.Key = NotificationOutbox.NewKey();
        }

        message.State = OutboxState.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = clock.GetUtcNow();
        message.LeaseUntil = null;
        audit.Add(db, actor, AuditActions.MessageRetried, message.VisitRequestId is { } id ? AuditLog.RequestSubject(id) : "messages", $"message:{message.Id}");
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return true;
    }
}
