using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Benchmarks;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Durability;

// Submissions per second with 32 writers and 32 readers for 60 s (the same load as the durability test, which
// runs it for 10 s), as a ratio to raw inserts into a copy of the requests table (same columns, same indexes) in the
// same database in the same run: 32 writers, one row per autocommit INSERT, the apps' pragmas on SQLite. On SQLite by
// default; on PostgreSQL with MU_BENCH_POSTGRES set to a server's connection string (a new database, dropped at the end).
// The raw baseline runs before and after the load, so drift shows. Two more runs separate the causes: raw
// inserts with the same 32 readers running, and the 32 writers without readers. Run on purpose:
// With "sms" every second resident asks for SMS updates, so half the submissions also write a subscription and an
// outbox message in their transaction (no gateway is called: sending is the public site's background work).
//   dotnet run -c Release --project benchmarks/Submissions [-- LOAD_SECONDS OTHER_RUNS_SECONDS [sms]]
var loadSeconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
var otherSeconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
var sms = args.Length > 2 && args[2] == "sms";
const int Writers = 32;
const int Readers = 32;
await using var database = await BenchDatabase.CreateAsync("submissions");

try
{
    if (!database.IsSqlite)
    {
        // PostgreSQL is migrated by the explicit command, never at an app's start: here the benchmark is that command.
        await using var db = new AppDbContext(database.Settings.Options());
        await db.Database.MigrateAsync();
    }

    await using var app = await SubmissionLoad.StartCoreAsync(database.AppSettings, database.Folder);
    Console.WriteLine($"Submissions benchmark: {Writers} writers + {Readers} readers for {loadSeconds} s, other runs {otherSeconds} s each; medians of per-second counts; contacts: {(sms ? "every second by SMS (outbox message written)" : "all by phone call")}");
    Console.WriteLine($"  {await database.DescribeAsync()}; {Environment.ProcessorCount} cores, .NET {Environment.Version}");

    // A few requests written the real way; the raw writers copy the first one's values (with fresh unique keys).
    var warmUp = await SubmissionLoad.RunAsync(app.Services, writers: 2, readers: 2, TimeSpan.FromSeconds(2));
    var raw = await RawTable.CreateAsync(database);

    var before = await raw.InsertAsync(Writers, TimeSpan.FromSeconds(otherSeconds));
    var load = await SubmissionLoad.RunAsync(app.Services, Writers, Readers, TimeSpan.FromSeconds(loadSeconds), smsContacts: sms);
    var after = await raw.InsertAsync(Writers, TimeSpan.FromSeconds(otherSeconds));
    var readersDuringRaw = SubmissionLoad.RunAsync(app.Services, writers: 0, Readers, TimeSpan.FromSeconds(otherSeconds));
    var rawWithReaders = await raw.InsertAsync(Writers, TimeSpan.FromSeconds(otherSeconds));
    var readersOnly = await readersDuringRaw;
    var writersOnly = await SubmissionLoad.RunAsync(app.Services, Writers, readers: 0, TimeSpan.FromSeconds(otherSeconds), smsContacts: sms);
    var missing = await SubmissionLoad.MissingAsync(app.Services, load);

    var baseline = Median([.. before, .. after]);
    var submissions = Median(load.PerSecond());
    Console.WriteLine($"  raw inserts, {Writers} writers (baseline = 1.0): {baseline:F0}/s (before the load {Median(before):F0}/s, after it {Median(after):F0}/s)");
    Console.WriteLine($"  submissions, {Writers} writers + {Readers} readers: {submissions:F0}/s = {submissions / baseline:F3} × baseline; {Describe(load)}");
    Console.WriteLine($"  raw inserts, {Writers} writers + the same {Readers} readers: {Median(rawWithReaders):F0}/s = {Median(rawWithReaders) / baseline:F3} × baseline; reads {readersOnly.Reads / readersOnly.Elapsed.TotalSeconds:F0}/s");
    Console.WriteLine($"  submissions, {Writers} writers, no readers: {Median(writersOnly.PerSecond()):F0}/s = {Median(writersOnly.PerSecond()) / baseline:F3} × baseline; {Describe(writersOnly)}");
    var errors = load.Errors.Concat(readersOnly.Errors).Concat(writersOnly.Errors).Concat(warmUp.Errors).ToList();
    Console.WriteLine($"  errors: {errors.Count} ({errors.Count(e => e.Contains("database is locked", StringComparison.OrdinalIgnoreCase))} \"database is locked\"); submissions of the {loadSeconds} s load missing from the database: {missing.Count}");
    foreach (var error in errors.Distinct().Take(5))
    {
        Console.WriteLine($"    {error}");
    }

    return errors.Count == 0 && missing.Count == 0 ? 0 : 1;
}
finally
{
    SqliteConnection.ClearAllPools();
}

static string Describe(LoadReport report)
{
    var latencies = report.SubmitLatenciesMs.Order().ToArray();
    var web = report.Written.Count(w => w.Web);
    return $"{report.Written.Count:N0} submissions ({web:N0} the web way: draft created, answers saved, sent = 3 write transactions; " +
        $"{report.Written.Count - web:N0} the kiosk way: 1), {(3.0 * web + report.Written.Count - web) / report.Elapsed.TotalSeconds:F0} write transactions/s; " +
        $"time to submit: median {Percentile(latencies, 0.50):F0} ms, 95th percentile {Percentile(latencies, 0.95):F0} ms, 99th {Percentile(latencies, 0.99):F0} ms, max {latencies.LastOrDefault():F0} ms; " +
        $"reads {report.Reads / report.Elapsed.TotalSeconds:F0}/s";
}

static double Median(IReadOnlyList<int> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2.0;
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

/// <summary>
/// A copy of the VisitRequests table (same columns, same indexes) and writers that insert into it with plain SQL, one row
/// per autocommit INSERT, each writer on a connection of its own set up as the apps' are.
/// </summary>
internal sealed class RawTable
{
    private readonly BenchDatabase _database;
    private readonly string[] _columns;
    private readonly object?[] _values;

    private RawTable(BenchDatabase database, string[] columns, object?[] values)
    {
        _database = database;
        _columns = columns;
        _values = values;
    }

    public static async Task<RawTable> CreateAsync(BenchDatabase database)
    {
        await using var connection = Open(database);
        await connection.OpenAsync();
        if (database.IsSqlite)
        {
            var schema = new List<string>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT sql FROM sqlite_master WHERE tbl_name = 'VisitRequests' AND sql IS NOT NULL ORDER BY type = 'table' DESC;";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    schema.Add(reader.GetString(0).Replace("\"VisitRequests\"", "\"RawVisitRequests\"", StringComparison.Ordinal)
                        .Replace("\"IX_VisitRequests_", "\"IX_RawVisitRequests_", StringComparison.Ordinal)
                        .Replace("\"PK_VisitRequests\"", "\"PK_RawVisitRequests\"", StringComparison.Ordinal));
                }
            }

            foreach (var sql in schema)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync();
            }
        }
        else
        {
            // The same columns, defaults, identity, constraints and indexes (foreign keys are not copied by LIKE; the
            // real inserts check one against Matters, which costs a lookup).
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE \"RawVisitRequests\" (LIKE \"VisitRequests\" INCLUDING ALL);";
            await command.ExecuteNonQueryAsync();
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT * FROM \"VisitRequests\" ORDER BY \"Id\" LIMIT 1;";
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var columns = Enumerable.Range(0, reader.FieldCount).Where(i => reader.GetName(i) != "Id").ToArray();
            return new RawTable(database, [.. columns.Select(reader.GetName)], [.. columns.Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i))]);
        }
    }

    /// <summary>Inserts rows from <paramref name="writers"/> connections for <paramref name="duration"/>; rows committed in each whole second.</summary>
    public async Task<int[]> InsertAsync(int writers, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var times = new List<TimeSpan>();
        ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
        ThreadPool.SetMinThreads(Math.Max(minWorkers, writers + Environment.ProcessorCount), minIo);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
            {
                await Task.Yield();
                await using var connection = Open(_database);
                await connection.OpenAsync();
                if (_database.IsSqlite)
                {
                    await using var pragmas = connection.CreateCommand();

                    // As the apps' connections (SqliteConnectionSetup): durable commits, wait rather than fail on the lock.
                    pragmas.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";
                    await pragmas.ExecuteNonQueryAsync();
                }

                await using var insert = connection.CreateCommand();
                insert.CommandText = $"INSERT INTO \"RawVisitRequests\" ({string.Join(", ", _columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", _columns.Select((_, i) => $"@p{i}"))});";
                for (var i = 0; i < _columns.Length; i++)
                {
                    var parameter = insert.CreateParameter();
                    parameter.ParameterName = $"@p{i}";
                    parameter.Value = _values[i] ?? DBNull.Value;
                    insert.Parameters.Add(parameter);
                }

                while (clock.Elapsed < duration)
                {
                    // Fresh values for the unique columns, as each submission has its own code and key.
                    var unique = Guid.NewGuid().ToString("N");
                    insert.Parameters[Array.IndexOf(_columns, "TrackingCode")].Value = unique[..8];
                    insert.Parameters[Array.IndexOf(_columns, "SubmissionKey")].Value = unique;
                    await insert.ExecuteNonQueryAsync();
                    lock (times)
                    {
                        times.Add(clock.Elapsed);
                    }
                }
            }));
        }
        finally
        {
            ThreadPool.SetMinThreads(minWorkers, minIo);
        }

        var counts = new int[Math.Max(1, (int)duration.TotalSeconds)];
        foreach (var t in times.Where(t => t < duration))
        {
            counts[(int)t.TotalSeconds]++;
        }

        return counts;
    }

    private static System.Data.Common.DbConnection Open(BenchDatabase database) => database.IsSqlite
        ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.SqlitePath }.ToString())
        : new Npgsql.NpgsqlConnection(database.Settings.ConnectionString);
}
