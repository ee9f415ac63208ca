using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Data;
using Npgsql;

namespace MobilnyUrzednik.Durability;

/// <summary>
/// The database a durability test runs the site on: a SQLite file in a folder of its own, or (when the run is on
/// PostgreSQL, MU_TEST_DATABASE=Postgres) a migrated database of its own on the test cluster. What the test reads
/// back it reads directly, as an administrator would, not through the app.
/// </summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly TempFolder _folder = new();

    private TestStore(DatabaseSettings settings) => Settings = settings;

    public DatabaseSettings Settings { get; private set; }

    public DatabaseProvider Provider => Settings.Provider;

    /// <summary>A folder of the test's own (for a SQLite file, backups, message copies).</summary>
    public TempFolder Folder => _folder;

    /// <summary>The configuration that points an app at this database.</summary>
    public IReadOnlyDictionary<string, string> AppSettings => new Dictionary<string, string>
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Default"] = Settings.ConnectionString,
    };

    /// <summary>A new database on this run's engine (SQLite: an empty file the app migrates; PostgreSQL: migrated, as after <c>migrate</c>).</summary>
    public static async Task<TestStore> CreateAsync(CancellationToken ct)
    {
        if (TestPostgres.IsThisRunsEngine)
        {
            return new TestStore(DatabaseSettings.For(DatabaseProvider.Postgres, await TestPostgres.CreateDatabaseAsync(ct)));
        }

        var store = new TestStore(DatabaseSettings.For(DatabaseProvider.Sqlite, "Data Source=placeholder.db"));
        store.Settings = DatabaseSettings.For(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = store._folder.File("mobilny-urzednik.db") }.ToString());
        return store;
    }

    /// <summary>The SQLite file, for tests of the embedded engine only.</summary>
    public string SqlitePath => Provider == DatabaseProvider.Sqlite
        ? new SqliteConnectionStringBuilder(Settings.ConnectionString).DataSource
        : throw new InvalidOperationException("Not a SQLite database.");

    /// <summary>A context on the database, not the app's.</summary>
    public AppDbContext Open() => new(Settings.Options());

    /// <summary>How many rows <paramref name="table"/> holds.</summary>
    public async Task<long> CountAsync(string table)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return await SqliteFile.CountAsync(SqlitePath, table);
        }

        await using var connection = await OpenPostgresAsync();
        await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM \"{table}\"", connection);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>The tracking codes stored.</summary>
    public async Task<HashSet<string>> TrackingCodesAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return await SqliteFile.TrackingCodesAsync(SqlitePath);
        }

        await using var connection = await OpenPostgresAsync();
        await using var command = new NpgsqlCommand("SELECT \"TrackingCode\" FROM \"VisitRequests\"", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            codes.Add(reader.GetString(0));
        }

        return codes;
    }

    /// <summary>
    /// Problems with what is stored, none when sound: SQLite's own integrity check of the file, and on both engines
    /// that no request was stored without its first history entry (the two are one commit).
    /// </summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync()
    {
        var problems = new List<string>();
        if (Provider == DatabaseProvider.Sqlite && await SqliteFile.IntegrityCheckAsync(SqlitePath) is var integrity and not "ok")
        {
            problems.Add("integrity_check: " + integrity);
        }

        await using var db = Open();
        var ct = TestContext.Current.CancellationToken;
        var withoutHistory = await db.VisitRequests.CountAsync(r => !db.RequestHistory.Any(h => h.VisitRequestId == r.Id), ct);
        if (withoutHistory > 0)
        {
            problems.Add($"{withoutHistory} requests without a history entry");
        }

        return problems;
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            await TestPostgres.DropDatabaseAsync(Settings.ConnectionString);
        }

        _folder.Dispose();
    }

    private async Task<NpgsqlConnection> OpenPostgresAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Settings.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
