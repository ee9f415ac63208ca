using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Data;
using Npgsql;

namespace MobilnyUrzednik;

/// <summary>
/// Fresh PostgreSQL databases for tests, on the throw-away cluster that ./test.sh starts (tests/scripts/postgres.sh
/// exports its address as MU_TEST_POSTGRES). The schema is migrated once per test process into a template, and
/// each test gets its own copy (CREATE DATABASE … TEMPLATE), dropped when the test ends.
/// </summary>
public static class TestPostgres
{
    /// <summary>The environment variable with the cluster's connection string.</summary>
    public const string Variable = "MU_TEST_POSTGRES";

    /// <summary>The environment variable that picks the engine of a whole test run: Sqlite (default) or Postgres.</summary>
    public const string EngineVariable = "MU_TEST_DATABASE";

    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? _template;

    /// <summary>True when this run's tests use PostgreSQL (./test.sh runs the unit and durability tests on both).</summary>
    public static bool IsThisRunsEngine =>
        string.Equals(Environment.GetEnvironmentVariable(EngineVariable), "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The cluster's connection string, or a clear failure naming how to get one.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"This test needs PostgreSQL: run ./test.sh (it starts a throw-away cluster), or start one with "
                + $"`eval \"$(tests/scripts/postgres.sh start /tmp/mu-pg)\"` and set {Variable}.");

    /// <summary>Creates a new, migrated and seeded database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(CancellationToken ct = default)
    {
        var template = await TemplateAsync(ct);
        var name = "mu_t_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\" STRATEGY FILE_COPY", ct);
        return With(name);
    }

    /// <summary>Creates a new, empty database (no schema) and returns its connection string.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync(CancellationToken ct = default)
    {
        var name = "mu_e_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE template0", ct);
        return With(name);
    }

    /// <summary>Drops a database made by this class, closing whatever is still connected to it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
    }

    private static async Task<string> TemplateAsync(CancellationToken ct)
    {
        if (_template is not null)
        {
            return _template;
        }

        await TemplateGate.WaitAsync(ct);
        try
        {
            if (_template is null)
            {
                var name = $"mu_template_{Environment.ProcessId}_{Guid.NewGuid():N}"[..48];
                await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE template0", ct);

                // No pooled connection may stay open on the template: CREATE DATABASE … TEMPLATE needs it unused.
                var connectionString = new NpgsqlConnectionStringBuilder(With(name)) { Pooling = false }.ConnectionString;
                await using (var db = new AppDbContext(DatabaseSettings.For(DatabaseProvider.Postgres, connectionString).Options()))
                {
                    await db.Database.MigrateAsync(ct);
                    await DemoData.EnsureSeededAsync(db, ct);
                }

                _template = name;
            }

            return _template;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private static string With(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    private static async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
