using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// Sends what the outbox holds. Each message is claimed (a lease, so two senders — or a sender restarted after a
/// crash — never work on one message at once), handed to its channel's gateway, and marked sent in its own short
/// transaction. A gateway fault puts it back with a growing wait; after <see cref="NotificationOptions.MaxAttempts"/>
/// attempts, or a fault that can never clear, it goes to the staff's call list. Every retry carries the message's
/// key, so a gateway that already took it (the process died before it could write "sent") does not deliver it again;
/// its "already have it" is not taken as "sent" either (<see cref="DeliveryOutcome.Unconfirmed"/>): staff check.
/// Logs name messages and requests by id only.
/// </summary>
public sealed partial class OutboxSender(
    IDbContextFactory<AppDbContext> dbFactory,
    IEnumerable<IMessageTransport> transports,
    IOptions<NotificationOptions> options,
    TimeProvider clock,
    IHostEnvironment environment,
    ILogger<OutboxSender> log)
{
    /// <summary>Messages claimed in one pass.</summary>
    public const int BatchSize = 50;

    private readonly Dictionary<NotificationChannel, IMessageTransport> _transports = transports.ToDictionary(t => t.Channel);

    /// <summary>Whether a gateway for <paramref name="channel"/> is configured.</summary>
    public bool CanSend(NotificationChannel channel) => _transports.ContainsKey(channel);

    /// <summary>Sends every message due now; returns how many were attempted. Runs until none is left due.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var total = 0;
        while (!ct.IsCancellationRequested)
        {
            var ids = await DueAsync(ct);
            if (ids.Count == 0)
            {
                break;
            }

            var attempted = 0;
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (id, token) =>
            {
                if (await SendOneAsync(id, token))
                {
                    Interlocked.Increment(ref attempted);
                }
            });
            total += attempted;
            if (attempted == 0)
            {
                break;
            }
        }

        return total;
    }

    /// <summary>When the next waiting message falls due (null: none is waiting), so the worker can sleep until then.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Outbox.AsNoTracking().Where(m => m.State == OutboxState.Pending)
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => (DateTimeOffset?)m.NextAttemptAt)
            .FirstOrDefaultAsync(ct);
    }

    private async Task<List<long>> DueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Outbox.AsNoTracking()
            .Where(m => m.State == OutboxState.Pending && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil <= now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
    }

    // Claim, send, record. False when another sender had claimed the message first.
    private async Task<bool> SendOneAsync(long id, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var lease = now.AddSeconds(o.LeaseSeconds);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // The claim is one conditional UPDATE: of two senders, exactly one changes the row.
        var claimed = await db.Outbox
            .Where(m => m.Id == id && m.State == OutboxState.Pending && (m.LeaseUntil == null || m.LeaseUntil <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, lease).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
        if (claimed == 0)
        {
            return false;
        }

        var message = await db.Outbox.FirstAsync(m => m.Id == id, ct);
        if (message.Kind == NotificationKind.DayBefore && message.VisitId is { } visitId
            && !await db.Visits.AnyAsync(v => v.Id == visitId && (v.State == VisitState.Booked || v.State == VisitState.Confirmed), ct))
        {
            message.State = OutboxState.Obsolete;
            message.LeaseUntil = null;
            await db.SaveChangesAsync(CancellationToken.None);
            LogObsolete(log, message.Id, message.VisitRequestId);
            return true;
        }

        if (!_transports.TryGetValue(message.Channel, out var transport))
        {
            message.State = OutboxState.AwaitingStaff;
            message.LeaseUntil = null;
            await db.SaveChangesAsync(CancellationToken.None);
            await WriteDevelopmentCopyAsync(message);
            LogAwaitingStaff(log, message.Id, message.VisitRequestId, message.Channel);
            return true;
        }

        var stopUrl = message.SubscriptionId is { } subscriptionId
            ? await db.Subscriptions.Where(s => s.Id == subscriptionId).Select(s => s.Token).FirstOrDefaultAsync(ct) is { } token
                ? StopUrl(token)
                : null
            : null;

        // The attempt is not cut short by the app stopping (the stop waits for it): a message cut off half-way is the
        // one case where the gateway may have it without our knowing.
        DeliveryResult result;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(o.SendTimeoutSeconds)))
        {
            try
            {
                result = await transport.SendAsync(new OutgoingMessage(message.Key, message.Recipient, message.Subject, message.Body, stopUrl), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                result = DeliveryResult.Transient("timeout");
            }
        }

        var after = clock.GetUtcNow();
        message.LeaseUntil = null;
        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                message.State = OutboxState.Sent;
                message.SentAt = after;
                message.ProviderId = result.ProviderId;
                message.LastError = null;
                LogSent(log, message.Id, message.VisitRequestId, message.Channel, message.Attempts);
                break;
            case DeliveryOutcome.Permanent:
                message.State = OutboxState.Failed;
                message.LastError = Code(result.ErrorCode);
                LogRefused(log, message.Id, message.VisitRequestId, message.Channel, message.LastError);
                break;
            case DeliveryOutcome.Unconfirmed:
                // Perhaps sent, perhaps not: "sent" is written only on proof, so a person looks in the gateway's panel.
                message.State = OutboxState.Failed;
                message.LastError = Code(result.ErrorCode);
                LogUnconfirmed(log, message.Id, message.VisitRequestId, message.Channel, message.LastError);
                break;
            default:
                message.LastError = Code(result.ErrorCode);
                if (message.Attempts >= o.MaxAttempts)
                {
                    message.State = OutboxState.Failed;
                    LogGaveUp(log, message.Id, message.VisitRequestId, message.Channel, message.Attempts, message.LastError);
                }
                else
                {
                    message.NextAttemptAt = after + RetryDelay(message.Attempts, o);
                    LogRetry(log, message.Id, message.VisitRequestId, message.Channel, message.Attempts, message.LastError);
                }

                break;
        }

        // Written whatever the app is doing: the gateway has answered, and the answer must not be lost.
        await db.SaveChangesAsync(CancellationToken.None);
        Telemetry.Deliveries.Add(1, new KeyValuePair<string, object?>("channel", message.Channel.ToString()), new KeyValuePair<string, object?>("outcome", Outcome(result.Outcome, message.State)));
        return true;
    }

    /// <summary>The wait after the <paramref name="attempts"/>-th failure: doubling from the first delay, capped, with ±20 % jitter
    /// so that many messages failed together do not all come back at once.</summary>
    public static TimeSpan RetryDelay(int attempts, NotificationOptions o)
    {
        var seconds = Math.Min(o.MaxRetryDelaySeconds, o.RetryDelaySeconds * Math.Pow(2, Math.Max(0, attempts - 1)));
        return TimeSpan.FromSeconds(seconds * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    // For the e-mail's List-Unsubscribe header: the one-click address (RFC 8058), which a mail client POSTs to without our
    // page; a client that opens it instead is sent on to the stop page.
    private string StopUrl(string token) => $"{options.Value.PublicSiteUrl.TrimEnd('/')}/api/powiadomienia/stop/{token}";

    private static string Outcome(DeliveryOutcome outcome, OutboxState state) => outcome switch
    {
        DeliveryOutcome.Delivered => "sent",
        DeliveryOutcome.Permanent => "refused",
        DeliveryOutcome.Unconfirmed => "unconfirmed",
        _ => state == OutboxState.Failed ? "failed" : "retry",
    };

        private static string Code(string? error) => string.IsNullOrWhiteSpace(error) ? "unknown" : error.Length > 200 ? error[..200] : error;

    // Development only: a copy of what staff would pass on, to read without a gateway. (The message also stays on the call list.)
    private async Task WriteDevelopmentCopyAsync(OutboxMessage message)
    {
        if (!environment.IsDevelopment() || string.IsNullOrWhiteSpace(options.Value.DevelopmentFolder))
        {
            return;
        }

        var folder = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.DevelopmentFolder));
        PrivateFiles.CreateFolder(folder);
        var lines = new List<string> { $"Do: {message.Recipient}", $"Kanał: {message.Channel}" };
        if (message.Subject is not null)
        {
            lines.Add($"Temat: {message.Subject}");
        }

        lines.Add(string.Empty);
        lines.Add(message.Body);
        await PrivateFiles.WriteAllLinesAsync(Path.Combine(folder, $"{message.Id:D6}-{message.Kind}-{message.Channel}.txt".ToLowerInvariant()), lines);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} of request {RequestId} sent by {Channel} (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, long messageId, int? requestId, NotificationChannel channel, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} of request {RequestId}: {Channel} gateway failed (attempt {Attempt}, {Error}); will retry")]
    private static partial void LogRetry(ILogger logger, long messageId, int? requestId, NotificationChannel channel, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} of request {RequestId}: {Channel} gateway failed {Attempt} times ({Error}); left on the staff's call list")]
    private static partial void LogGaveUp(ILogger logger, long messageId, int? requestId, NotificationChannel channel, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} of request {RequestId}: the {Channel} gateway refused it for good ({Error}); left on the staff's call list")]
    private static partial void LogRefused(ILogger logger, long messageId, int? requestId, NotificationChannel channel, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} of request {RequestId}: the {Channel} gateway says it already has a message with this key ({Error}) but confirms no delivery; left on the staff's call list")]
    private static partial void LogUnconfirmed(ILogger logger, long messageId, int? requestId, NotificationChannel channel, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} of request {RequestId}: no {Channel} gateway configured; left on the staff's call list")]
    private static partial void LogAwaitingStaff(ILogger logger, long messageId, int? requestId, NotificationChannel channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} of request {RequestId}: its visit is no longer going ahead; not sent")]
    private static partial void LogObsolete(ILogger logger, long messageId, int? requestId);
}
