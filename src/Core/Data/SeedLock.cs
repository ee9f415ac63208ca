using Microsoft.Data.Sqlite;
using MobilnyUrzednik.Core.Common;
using Npgsql;

namespace MobilnyUrzednik.Core.Data;

/// <summary>
/// One process at a time migrates and seeds a database, so two nodes (or the site and the kiosk) starting on an empty
/// database at the same moment apply each migration and create the municipality, the catalogue and the demo accounts
/// exactly once.
/// PostgreSQL: a session advisory lock on a connection of its own. SQLite: an exclusive lock on a file beside the
/// database (the engine's own write lock cannot be held while Identity saves through other connections).
/// </summary>
public static class SeedLock
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Waits for the lock; disposing the result releases it.</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(DatabaseSettings settings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.IsSqlite ? await FileLockAsync(settings, ct) : await AdvisoryLockAsync(settings, ct);
    }

    private static async Task<IAsyncDisposable> AdvisoryLockAsync(DatabaseSettings settings, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@k)", connection))
        {
            command.Parameters.AddWithValue("k", DbLocks.KeyOf("seed"));
            await command.ExecuteNonQueryAsync(ct);
        }

        // Closing the session releases a session lock too; the explicit unlock keeps a pooled session clean.
        return new Release(async () =>
        {
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@k)", connection))
            {
                command.Parameters.AddWithValue("k", DbLocks.KeyOf("seed"));
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }

            await connection.DisposeAsync();
        });
    }

    private static async Task<IAsyncDisposable> FileLockAsync(DatabaseSettings settings, CancellationToken ct)
    {
        var dataSource = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return new Release(() => ValueTask.CompletedTask);
        }

        var path = Path.GetFullPath(dataSource + ".seed-lock");
        // The lock sits beside the database, so its folder is made private like the database's own (the first to make it wins).
        PrivateFiles.CreateFolder(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive flock on Unix and a share-mode lock on Windows: another process waits here.
                // The file stays (deleting it on release would let a waiter lock an unlinked file while a newcomer locks a new one).
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new Release(() => stream.DisposeAsync());
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, ct);
            }
        }
    }

    private sealed class Release(Func<ValueTask> release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => release();
    }
}
