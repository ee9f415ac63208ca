using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MobilnyUrzednik.Core.Common;

/// <summary>
/// A background job that runs at start and then every <paramref name="interval"/>; a failed run is logged (by the
/// job's own words, never with personal data) and the next run catches up.
/// </summary>
public abstract partial class PeriodicWorker(TimeSpan interval, ILogger logger) : BackgroundService
{
    /// <summary>One run of the job.</summary>
    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // One failed run must not stop the next.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFault(logger, GetType().Name, ex);
            }
        }
        while (await NextAsync(timer, stoppingToken));
    }

    private static async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Job} failed; it runs again at its next turn")]
    private static partial void LogFault(ILogger logger, string job, Exception exception);
}
