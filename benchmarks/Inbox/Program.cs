using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Benchmarks;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Office;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;

// The inbox with 10,000 requests, measured against the same query on an empty table in the same run
// (these machines are noisy: ratios, not absolute times, are the result). Run on purpose, on SQLite, or on
// PostgreSQL with MU_BENCH_POSTGRES set to a server's connection string (a new database is made and dropped):
//   dotnet run -c Release --project benchmarks/Inbox [-- REQUESTS RUNS]
var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 31;
await using var database = await BenchDatabase.CreateAsync("inbox");
var options = database.Settings.Options();
var factory = new Factory(options);
var actor = new StaffActor("bench", "Benchmark", [StaffRoles.Coordinator]);
// Each page shown also writes its audit reads (one row per request on it), as the panel does.
var inbox = new Inbox(factory, new MobilnyUrzednik.Core.Audit.AuditLog(factory, TimeProvider.System), TimeProvider.System);

try
{
    await using (var db = factory.CreateDbContext())
    {
        await db.Database.MigrateAsync();
        if (database.IsSqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        await DemoData.EnsureSeededAsync(db);
    }

    var queries = new (string Name, InboxQuery Query)[]
    {
        ("first page, newest first", new InboxQuery()),
        ("filtered search: status + channel + name", new InboxQuery { Status = RequestStatus.InReview, Channel = RequestChannel.Phone, Search = "kowal" }),
        ("overdue only", new InboxQuery { OverdueOnly = true }),
        ("search by part of a name, no other filter", new InboxQuery { Search = "wiśniew" }),
    };

    Console.WriteLine($"Inbox benchmark: {requests:N0} requests, median of {runs} runs, {await database.DescribeAsync()}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
    var baseline = await MedianAsync(() => inbox.QueryAsync(actor, new InboxQuery()), runs);
    Console.WriteLine($"  empty table, first page: {baseline:F2} ms (baseline = 1.0)");

    var seeded = Stopwatch.StartNew();
    var seed = await BenchSeed.CreateAsync(factory);
    await seed.AddAsync(requests);
    if (!database.IsSqlite)
    {
        // A live PostgreSQL has planner statistics (autovacuum analyzes a table that grew); right after a bulk load it
        // has none yet, and the plans would be those of an empty table.
        await using var db = factory.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }

    Console.WriteLine($"  seeded {requests:N0} requests in {seeded.Elapsed.TotalSeconds:F1} s ({seed.CodesDrawnAgain} tracking codes drawn again: already taken)");

    string code;
    await using (var db = factory.CreateDbContext())
    {
        code = await db.VisitRequests.OrderBy(r => r.Id).Skip(requests / 2).Select(r => r.TrackingCode).FirstAsync();
    }

    foreach (var (name, query) in queries.Append(("search by tracking code (typed lower case with spaces)", new InboxQuery { Search = $"{code[..3]} {code[3..6]} {code[6..]}".ToLowerInvariant() })))
    {
        var median = await MedianAsync(() => inbox.QueryAsync(actor, query), runs);
        var result = await inbox.QueryAsync(actor, query);
        Console.WriteLine($"  {name}: {median:F2} ms = {median / baseline:F1} × baseline ({result.Total:N0} matching)");
    }
}
finally
{
    SqliteConnection.ClearAllPools();
}

static async Task<double> MedianAsync(Func<Task> action, int runs)
{
    await action(); // warm-up: compiles the query, opens the pool
    var times = new List<double>(runs);
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await action();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    return times[runs / 2];
}

internal sealed class Factory(DbContextOptions<AppDbContext> options) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => new(options);
}
