using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MobilnyUrzednik.Core.Data;

/// <summary>Registers <see cref="JobLeader"/> once, in the app that runs the periodic jobs (the public site, not the kiosk).</summary>
public static class JobLeaderExtensions
{
    public static IHostApplicationBuilder AddJobLeader(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(JobLeader)))
        {
            return builder;
        }

        builder.Services.AddSingleton<JobLeader>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobLeader>());
        return builder;
    }
}

/// <summary>
/// Which node runs the periodic jobs (day-before confirmations, retention, draft and message clean-up). On SQLite (one
/// node) this node, always. On PostgreSQL the node holding a session advisory lock (<c>pg_try_advisory_lock</c>) on a
/// connection of its own: it holds the lock as long as that connection lives, and gives it up when it stops (or
/// PostgreSQL frees it when the process dies and its connection closes). The others try again every
/// <see cref="RetryInterval"/>, so a killed leader's jobs move to another node within that time; the leader checks its
/// connection as often and stops leading when it is gone. Correctness never rests on the lock alone: every job is safe
/// to run twice (the day-before notices have a unique key per visit and follower), the lock only keeps the work to one
/// node.
/// </summary>
public sealed partial class JobLeader(DatabaseSettings database, ILogger<JobLeader> log) : BackgroundService
{
    /// <summary>How often a follower tries to take the lock and the leader checks it still holds it.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    /// <summary>What PostgreSQL shows as the lock holder's <c>application_name</c>: this prefix and the process id.</summary>
    public const string ApplicationNamePrefix = "mobilny-urzednik jobs ";

    private readonly Lock _gate = new();
    private TaskCompletionSource _elected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource _term = new();

    /// <summary>The advisory lock's id (see <see cref="DbLocks.KeyOf"/>).</summary>
    public static long LockId { get; } = DbLocks.KeyOf("periodic-jobs-leader");

    /// <summary>Whether this node leads now.</summary>
    public bool IsLeader { get; private set; }

    /// <summary>
    /// Waits until this node leads and returns a token cancelled when it stops leading (a job in progress may finish
    /// its current step; it must not start another).
    /// </summary>
    public async Task<CancellationToken> WaitUntilLeaderAsync(CancellationToken ct)
    {
        Task elected;
        lock (_gate)
        {
            if (IsLeader)
            {
                return _term.Token;
            }

            elected = _elected.Task;
        }

        await elected.WaitAsync(ct);
        lock (_gate)
        {
            return _term.Token;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.IsSqlite)
        {
            // One node: it leads for its whole life.
            Elect();
            return;
        }

        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            // Its own physical connection: a pooled one could be handed back with the lock still on it.
            Pooling = false,
            ApplicationName = ApplicationNamePrefix + Environment.ProcessId,
            KeepAlive = (int)RetryInterval.TotalSeconds,
            Timeout = (int)RetryInterval.TotalSeconds,
        }.ConnectionString;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!IsLeader)
                    {
                        await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new NpgsqlParameter { Value = LockId } } };
                        if ((bool)(await take.ExecuteScalarAsync(stoppingToken))!)
                        {
                            Elect();
                            LogElected(log, Environment.ProcessId);
                        }
                    }
                    else
                    {
                        // Still connected, so still holding it (a session lock lives as long as its connection).
                        await using var check = new NpgsqlCommand("SELECT 1", connection);
                        await check.ExecuteScalarAsync(stoppingToken);
                    }

                    await Task.Delay(RetryInterval, stoppingToken);
                }

                if (IsLeader)
                {
                    // Given up at once on a clean stop, so another node need not wait for the connection to be noticed gone.
                    await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection) { Parameters = { new NpgsqlParameter { Value = LockId } } };
                    await release.ExecuteScalarAsync(CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // A lost database must not end the election: it goes on when the database is back.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (IsLeader)
                {
                    LogLost(log, ex.GetType().Name);
                }

                Depose();
                try
                {
                    await Task.Delay(RetryInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        Depose();
    }

    private void Elect()
    {
        lock (_gate)
        {
            IsLeader = true;
            _elected.TrySetResult();
        }
    }

    private void Depose()
    {
        lock (_gate)
        {
            if (!IsLeader)
            {
                return;
            }

            IsLeader = false;
            _term.Cancel();
            _term = new CancellationTokenSource();
            _elected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public override void Dispose()
    {
        _term.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This node (process {ProcessId}) now runs the periodic jobs")]
    private static partial void LogElected(ILogger logger, int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This node lost its connection to the database ({Error}) and no longer runs the periodic jobs")]
    private static partial void LogLost(ILogger logger, string error);
}
