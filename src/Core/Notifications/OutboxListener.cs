using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MobilnyUrzednik.Core.Data;
using Npgsql;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// On PostgreSQL, wakes this node's outbox worker when any node (or the kiosk) queued a message: <c>LISTEN</c> on a
/// connection of its own, so a message goes out at once rather than at the next poll
/// (<see cref="NotificationOptions.PollSeconds"/>, which remains the fallback). After a lost connection it listens
/// again every few seconds, and wakes the worker once it is back (anything queued meanwhile is found by that pass).
/// Nothing to do on SQLite (one node: the in-process signal suffices).
/// </summary>
public sealed partial class OutboxListener(DatabaseSettings database, OutboxSignal signal, ILogger<OutboxListener> log) : BackgroundService
{
    /// <summary>The notification channel.</summary>
    public const string Channel = "mobilny_urzednik_outbox";

    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.IsSqlite)
        {
            return;
        }

        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Pooling = false,
            KeepAlive = (int)Retry.TotalSeconds,
            ApplicationName = "mobilny-urzednik outbox listener " + Environment.ProcessId,
        }.ConnectionString;
        var lost = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => signal.Notify();
                await using (var listen = new NpgsqlCommand("LISTEN " + Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                if (lost)
                {
                    LogListening(log);
                    lost = false;
                }

                signal.Notify();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A lost database must not end the listening: it goes on when the database is back.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (!lost)
                {
                    LogLost(log, ex.GetType().Name);
                    lost = true;
                }

                try
                {
                    await Task.Delay(Retry, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox listener lost its database connection ({Error}); messages from other nodes wait for the next poll until it is back")]
    private static partial void LogLost(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "The outbox listener hears other nodes again")]
    private static partial void LogListening(ILogger logger);
}
