using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using MobilnyUrzednik.Durability;

// Submissions per second with 32 writers and 32 readers for 60 s (the same load as the durability test, which
// runs it for 10 s), as a ratio to raw SQLite inserts into a copy of the requests table (same columns, same
// indexes) on the same file in the same run: 32 writers, one row per autocommit INSERT, the apps' pragmas.
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
var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"mu-bench-submissions-{Guid.NewGuid():N}")).FullName;
var path = Path.Combine(folder, "mobilny-urzednik.db");

try
{
    await using var app = await SubmissionLoad.StartCoreAsync(path);
    Console.WriteLine($"Submissions benchmark: {Writers} writers + {Readers} readers for {loadSeconds} s, other runs {otherSeconds} s each; medians of per-second counts; contacts: {(sms ? "every second by SMS (outbox message written)" : "all by phone call")}");
    Console.WriteLine($"  SQLite {SqliteVersion(path)} file on {FileSystem(folder)}, WAL, synchronous=FULL; {Environment.ProcessorCount} cores, .NET {Environment.Version}");

    // A few requests written the real way; the raw writers copy the first one's values (with fresh unique keys).
    var warmUp = await SubmissionLoad.RunAsync(app.Services, writers: 2, readers: 2, TimeSpan.FromSeconds(2));
    var raw = await RawTable.CreateAsync(path);

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
    Directory.Delete(folder, recursive: true);
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

static string FileSystem(string folder)
{
    var drive = DriveInfo.GetDrives().Where(d => folder.StartsWith(d.RootDirectory.FullName, StringComparison.Ordinal)).MaxBy(d => d.RootDirectory.FullName.Length);
    return drive is null ? "an unknown file system" : $"{drive.DriveFormat} ({drive.RootDirectory.FullName})";
}

static string SqliteVersion(string path)
{
    using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
    connection.Open();
    return connection.ServerVersion;
}

/// <summary>A copy of the VisitRequests table (same columns, same indexes) and writers that insert into it with plain SQL.</summary>
internal sealed class RawTable
{
    private readonly string _connectionString;
    private readonly string[] _columns;
    private readonly object?[] _values;

    private RawTable(string connectionString, string[] columns, object?[] values)
    {
        _connectionString = connectionString;
        _columns = columns;
        _values = values;
    }

    public static async Task<RawTable> CreateAsync(string path)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
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

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT * FROM VisitRequests ORDER BY Id LIMIT 1;";
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var columns = Enumerable.Range(0, reader.FieldCount).Where(i => reader.GetName(i) != "Id").ToArray();
            return new RawTable(connectionString, [.. columns.Select(reader.GetName)], [.. columns.Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i))]);
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
                await using var connection = new SqliteConnection(_connectionString);
                await connection.OpenAsync();
                await using (var pragmas = connection.CreateCommand())
                {
                    // As the apps' connections (CoreExtensions): durable commits, wait rather than fail on the lock.
                    pragmas.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";
                    await pragmas.ExecuteNonQueryAsync();
                }

                await using var insert = connection.CreateCommand();
                insert.CommandText = $"INSERT INTO RawVisitRequests ({string.Join(", ", _columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", _columns.Select((_, i) => $"$p{i}"))});";
                for (var i = 0; i < _columns.Length; i++)
                {
                    insert.Parameters.AddWithValue($"$p{i}", _values[i] ?? DBNull.Value);
                }

                while (clock.Elapsed < duration)
                {
                    // Fresh values for the unique columns, as each submission has its own code and key.
                    var unique = Guid.NewGuid().ToString("N");
                    insert.Parameters[Array.IndexOf(_columns, "TrackingCode")].Value = unique;
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
}
