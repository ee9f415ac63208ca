using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MobilnyUrzednik.Core.Data;

namespace MobilnyUrzednik.Core.Common;

/// <summary>
/// A background job that runs on the node that leads (<see cref="JobLeader"/>: always on SQLite's single node) as soon
/// as it leads and then every <paramref name="interval"/>; a failed run is logged (by the job's own words, never with
/// personal data) and the next run catches up. A node that stops leading starts no further run.
/// </summary>
public abstract partial class PeriodicWorker(TimeSpan interval, JobLeader leader, ILogger logger) : BackgroundService
{
    /// <summary>One run of the job.</summary>
    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            CancellationToken term;
            try
            {
                term = await leader.WaitUntilLeaderAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            using var both = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, term);
            await RunWhileLeadingAsync(both.Token);
        }
    }

    // Runs now and then every interval until this node stops leading or the app stops.
    private async Task RunWhileLeadingAsync(CancellationToken leading)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await RunOnceAsync(leading);
            }
            catch (OperationCanceledException) when (leading.IsCancellationRequested)
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
        while (await NextAsync(timer, leading));
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
