using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Data;

namespace MobilnyUrzednik;

/// <summary>
/// A real database, migrated and seeded like a first start, handing out one context per operation as the apps'
/// factory does; it goes when the test ends. SQLite (a temp file) unless the run is on PostgreSQL
/// (MU_TEST_DATABASE=Postgres: ./test.sh runs the unit and durability tests once on each engine), where it is a
/// database of its own on the test cluster.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<AppDbContext>, IAsyncDisposable
{
    private readonly DbContextOptions<AppDbContext> _options;

    private TestDatabase(DatabaseSettings settings)
    {
        Settings = settings;
        _options = settings.Options();
    }

    /// <summary>The engine and connection string, for an app host the test starts on this database.</summary>
    public DatabaseSettings Settings { get; }

    public DatabaseProvider Provider => Settings.Provider;

    /// <summary>The connection string, for an app host the test starts on this database.</summary>
    public string ConnectionString => Settings.ConnectionString;

    /// <summary>The configuration an app needs to use this database.</summary>
    public IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Default"] = ConnectionString,
    };

    /// <summary>The engine of this test run.</summary>
    public static DatabaseProvider RunEngine => TestPostgres.IsThisRunsEngine ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    /// <summary>Creates the database on this run's engine, migrated and seeded with the demo municipality and catalogue.</summary>
    public static Task<TestDatabase> CreateAsync() => CreateAsync(RunEngine);

    /// <summary>Creates the database on <paramref name="provider"/>, migrated and seeded.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        if (provider == DatabaseProvider.Postgres)
        {
            return new TestDatabase(DatabaseSettings.For(DatabaseProvider.Postgres, await TestPostgres.CreateDatabaseAsync(ct)));
        }

        var database = new TestDatabase(DatabaseSettings.For(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(Path.GetTempPath(), $"mu-test-{Guid.NewGuid():N}.db"),

            // No pooled connection may keep the file open after the test.
            Pooling = false,

            // Parallel writers wait for the lock (Microsoft.Data.Sqlite retries SQLITE_BUSY until this timeout).
            DefaultTimeout = 30,
        }.ToString()));
        await using var db = database.CreateDbContext();
        await db.Database.MigrateAsync(ct);
        await DemoData.EnsureSeededAsync(db, ct);
        return database;
    }

    public AppDbContext CreateDbContext() => new(_options);

    /// <summary>Options with extra interceptors, for tests that watch what a service sends to the database.</summary>
    public DbContextOptions<AppDbContext> OptionsWith(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) =>
        Settings.Configure(new DbContextOptionsBuilder<AppDbContext>()).AddInterceptors(interceptors).Options;

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            await TestPostgres.DropDatabaseAsync(ConnectionString);
            return;
        }

        var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        foreach (var file in new[] { path, path + "-journal", path + "-wal", path + "-shm", path + ".seed-lock" })
        {
            File.Delete(file);
        }
    }
}
