using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Data;

namespace MobilnyUrzednik;

/// <summary>
/// A real SQLite database in a temp file, migrated and seeded like a first start, handing out one
/// context per operation as the apps' factory does. The file goes when the test ends.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<AppDbContext>, IAsyncDisposable
{
    private readonly string _path;
    private readonly DbContextOptions<AppDbContext> _options;

    /// <summary>The connection string, for an app host the test starts on this database.</summary>
    public string ConnectionString { get; }

    private TestDatabase(string path)
    {
        _path = path;
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            // No pooled connection may keep the file open after the test.
            Pooling = false,
            // Parallel writers wait for the lock (Microsoft.Data.Sqlite retries SQLITE_BUSY until this
            // timeout), standing in for the apps' busy_timeout pragma.
            DefaultTimeout = 30,
        }.ToString();
        ConnectionString = connectionString;
        _options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connectionString).Options;
    }

    /// <summary>Creates the file, applies the migrations and seeds the demo municipality and catalogue.</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase(Path.Combine(Path.GetTempPath(), $"mu-test-{Guid.NewGuid():N}.db"));
        await using var db = database.CreateDbContext();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        await DemoData.EnsureSeededAsync(db, TestContext.Current.CancellationToken);
        return database;
    }

    public AppDbContext CreateDbContext() => new(_options);

    public ValueTask DisposeAsync()
    {
        foreach (var file in new[] { _path, _path + "-journal", _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }
}
