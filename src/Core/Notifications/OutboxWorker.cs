using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// Runs the <see cref="OutboxSender"/> in the public site: wakes when a message is queued in this process
/// (<see cref="OutboxSignal"/>), when the next retry falls due, or every <see cref="NotificationOptions.PollSeconds"/>
/// (messages queued by the kiosk, another process). A fault of its own is logged and the loop goes on.
/// </summary>
public sealed partial class OutboxWorker(OutboxSender sender, OutboxSignal signal, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<OutboxWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = TimeSpan.FromSeconds(options.Value.PollSeconds);
            try
            {
                await sender.SendDueAsync(stoppingToken);
                if (await sender.NextDueAsync(stoppingToken) is { } next)
                {
                    var until = next - clock.GetUtcNow();
                    wait = until < TimeSpan.Zero ? TimeSpan.Zero : until < wait ? until : wait;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The sender must outlive a fault of its own (a locked database, a bug in one message).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFault(log, ex);
            }

            try
            {
                await signal.WaitAsync(wait + TimeSpan.FromMilliseconds(20), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox sender failed; it tries again shortly")]
    private static partial void LogFault(ILogger logger, Exception exception);
}

/// <summary>Wakes the outbox worker of this process when a change queued a message, so it goes out at once.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    /// <summary>Tells the worker there is something to send (harmless when nothing listens).</summary>
    public void Notify()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    /// <summary>Waits until <see cref="Notify"/> or the time is up.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _semaphore.WaitAsync(timeout, ct);
}
