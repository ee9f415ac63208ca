using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Core.Privacy;

/// <summary>Settings of section <c>Privacy</c>.</summary>
public sealed class PrivacyOptions
{
    /// <summary>A closed request keeps its personal data this many days after its last change, then is anonymised.</summary>
    public int RetentionDays { get; set; } = 730;
}

/// <summary>What one run did.</summary>
public sealed record RetentionResult(int RequestsAnonymised, int MessagesWiped)
{
    /// <summary>Half-filled (or sent) drafts deleted: untouched for <see cref="DraftStore.Lifetime"/>.</summary>
    public int DraftsPurged { get; init; }
}

/// <summary>
/// Keeps personal data no longer than needed: anonymises every closed request (completed, cancelled, rejected) whose
/// last change is at least <see cref="PrivacyOptions.RetentionDays"/> old — open requests never, whatever their age —
/// each with its audit entry; and wipes the recipient and text of messages sent, passed on or dropped more than
/// <see cref="NotificationOptions.MessageRetentionDays"/> ago (those still waiting for staff stay); and deletes every
/// draft untouched for <see cref="DraftStore.Lifetime"/> (a draft can hold a health description: it must not wait for
/// the next resident to start a form before it goes).
/// </summary>
public sealed partial class RetentionJob(
    IDbContextFactory<AppDbContext> dbFactory,
    RequestAnonymiser anonymiser,
    IOptions<PrivacyOptions> privacy,
    IOptions<NotificationOptions> notifications,
    TimeProvider clock,
    ILogger<RetentionJob> log)
{
    private static readonly RequestStatus[] Closed = [.. Enum.GetValues<RequestStatus>().Where(RequestLifecycle.IsClosed)];

    public async Task<RetentionResult> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var requestsBefore = now.AddDays(-privacy.Value.RetentionDays);
        var messagesBefore = now.AddDays(-notifications.Value.MessageRetentionDays);
        List<int> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = await db.VisitRequests.AsNoTracking()
                .Where(r => r.AnonymisedAt == null && Closed.Contains(r.Status) && r.UpdatedAt <= requestsBefore)
                .OrderBy(r => r.Id)
                .Select(r => r.Id)
                .ToListAsync(ct);
        }

        var anonymised = 0;
        foreach (var id in due)
        {
            // One short transaction a request: the submissions going on meanwhile never wait long.
            if (await anonymiser.AnonymiseAsync(RequestAnonymiser.System, id, RequestAnonymiser.ReasonRetention, ct))
            {
                anonymised++;
                LogAnonymised(log, id);
            }
        }

        int wiped;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            wiped = await db.Outbox
                .Where(m => (m.State == OutboxState.Sent || m.State == OutboxState.HandedOver || m.State == OutboxState.Obsolete)
                    && m.CreatedAt <= messagesBefore && m.Recipient != RequestAnonymiser.Removed)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Recipient, RequestAnonymiser.Removed).SetProperty(m => m.Body, RequestAnonymiser.Removed).SetProperty(m => m.Subject, (string?)null), ct);
        }

        var draftsBefore = now - DraftStore.Lifetime;
        int drafts;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            drafts = await db.RequestDrafts.Where(d => d.UpdatedAt < draftsBefore).ExecuteDeleteAsync(ct);
        }

        return new RetentionResult(anonymised, wiped) { DraftsPurged = drafts };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId} anonymised: its retention period is over")]
    private static partial void LogAnonymised(ILogger logger, int requestId);
}

/// <summary>Runs the retention job at start and every hour in the public site, on the node that leads.</summary>
public sealed class RetentionWorker(RetentionJob job, Data.JobLeader leader, ILogger<RetentionWorker> log) : PeriodicWorker(TimeSpan.FromHours(1), leader, log)
{
    protected override Task RunOnceAsync(CancellationToken ct) => job.RunAsync(ct);
}
