using Microsoft.Data.Sqlite;
using MobilnyUrzednik.Core.Data;
using Npgsql;

namespace MobilnyUrzednik.Benchmarks;

/// <summary>
/// The database a benchmark runs on: a new SQLite file in a temp folder, or, when <c>MU_BENCH_POSTGRES</c> holds a
/// PostgreSQL connection string (a role that may create databases), a new database on that server, dropped at the end.
/// Use a durable server (fsync on, as the system's own cluster is), not the test suite's throw-away one.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    public const string Variable = "MU_BENCH_POSTGRES";

    private readonly string? _folder;
    private readonly string? _server;

    private BenchDatabase(DatabaseSettings settings, string? folder, string? server)
    {
        Settings = settings;
        _folder = folder;
        _server = server;
    }

    public DatabaseSettings Settings { get; }

    public bool IsSqlite => Settings.IsSqlite;

    /// <summary>The configuration that points the app's services at this database.</summary>
    public IReadOnlyDictionary<string, string> AppSettings => new Dictionary<string, string>
    {
        ["Database:Provider"] = Settings.Provider.ToString(),
        ["ConnectionStrings:Default"] = Settings.ConnectionString,
    };

    /// <summary>The SQLite file (SQLite only).</summary>
    public string SqlitePath => new SqliteConnectionStringBuilder(Settings.ConnectionString).DataSource;

    public string Folder => _folder ?? Path.GetTempPath();

    public static async Task<BenchDatabase> CreateAsync(string name)
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server)
        {
            var database = $"mu_bench_{name}_{Guid.NewGuid():N}"[..40];
            await ExecuteAsync(server, $"CREATE DATABASE \"{database}\" TEMPLATE template0 ENCODING 'UTF8'");
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            return new BenchDatabase(DatabaseSettings.For(DatabaseProvider.Postgres, connectionString), null, server);
        }

        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"mu-bench-{name}-{Guid.NewGuid():N}")).FullName;
        var path = Path.Combine(folder, "mobilny-urzednik.db");
        return new BenchDatabase(DatabaseSettings.For(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path }.ToString()), folder, null);
    }

    /// <summary>One line on the engine: its version and how durably it commits.</summary>
    public async Task<string> DescribeAsync()
    {
        if (IsSqlite)
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = SqlitePath, Pooling = false }.ToString());
            await connection.OpenAsync();
            var drive = DriveInfo.GetDrives().Where(d => SqlitePath.StartsWith(d.RootDirectory.FullName, StringComparison.Ordinal)).MaxBy(d => d.RootDirectory.FullName.Length);
            return $"SQLite {connection.ServerVersion} file on {drive?.DriveFormat ?? "?"}, WAL, synchronous=FULL";
        }

        await using var pg = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Settings.ConnectionString) { Pooling = false }.ConnectionString);
        await pg.OpenAsync();
        async Task<string> Show(string setting)
        {
            await using var command = new NpgsqlCommand($"SHOW {setting}", pg);
            return (string)(await command.ExecuteScalarAsync())!;
        }

        return $"PostgreSQL {pg.PostgreSqlVersion} on {pg.Host}:{pg.Port}, fsync={await Show("fsync")}, synchronous_commit={await Show("synchronous_commit")}, full_page_writes={await Show("full_page_writes")}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(Settings.ConnectionString).Database}\" WITH (FORCE)");
        }

        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
