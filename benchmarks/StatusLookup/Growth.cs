using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Benchmarks.StatusLookup;

/// <summary>
/// Whether the status look-up stays flat as the database grows: one database grown to each size in turn
/// (default 1,000, 10,000, 100,000 requests, about a third with a visit), and at each size the look-up of a request
/// with a booked visit timed (median of many runs), printed as a ratio to the first size measured in the same run.
/// Run on purpose: <code>dotnet run -c Release --project benchmarks/StatusLookup -- growth [SIZES…]</code>
/// (on PostgreSQL when MU_BENCH_POSTGRES names a server, as the other benchmarks).
/// </summary>
internal static class Growth
{
    private const int Runs = 201;

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1_000, 10_000, 100_000];
        await using var database = await BenchDatabase.CreateAsync("status");
        var factory = new Factory(database.Settings.Options());
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            if (database.IsSqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }

            await DemoData.EnsureSeededAsync(db);
        }

        var clock = TimeProvider.System;
        var limiter = new StatusLookupLimiter(new InMemoryStatusLookupCounter(clock), Options.Create(new StatusLookupOptions()), new AuditLog(factory, clock), clock);
        var lookup = new Core.Requests.StatusLookup(factory, limiter);
        var seed = await BenchSeed.CreateAsync(factory);

        Console.WriteLine($"Status look-up as the database grows: a request with a booked visit, median of {Runs} runs, {await database.DescribeAsync()}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var seeded = 0;
        double? first = null, firstBefore = null;
        foreach (var size in sizes)
        {
            var watch = Stopwatch.StartNew();
            await seed.AddAsync(size - seeded);
            seeded = size;
            if (!database.IsSqlite)
            {
                // As the inbox benchmark: a live PostgreSQL has planner statistics (autovacuum), a bulk load has none yet.
                await using var db = factory.CreateDbContext();
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
            }

            Console.WriteLine($"  grown to {size:N0} requests in {watch.Elapsed.TotalSeconds:F1} s ({seed.CodesDrawnAgain} tracking codes drawn again so far: already taken)");

            (string Code, string Phone) target;
            await using (var db = factory.CreateDbContext())
            {
                var booked = db.Visits.Where(v => v.State == VisitState.Booked);
                target = await booked.OrderBy(v => v.Id).Skip(await booked.CountAsync() / 2)
                    .Select(v => new ValueTuple<string, string>(v.Request!.TrackingCode, v.Request.ResidentPhone!)).FirstAsync();
            }

            var lastFour = target.Phone[^4..];
            var view = await lookup.FindAsync(target.Code, lastFour) ?? throw new InvalidOperationException("The request was not found.");
            if (view.Visit is null)
            {
                throw new InvalidOperationException("The request's booked visit was not shown.");
            }

            var median = await MedianAsync(() => lookup.FindAsync(target.Code, lastFour));
            var before = await MedianAsync(() => BeforeAsync(factory, target.Code));
            first ??= median;
            firstBefore ??= before;
            Console.WriteLine($"  {size:N0} requests: {median:F3} ms = {median / first.Value:F2} × the first size; "
                + $"the query before issue 17 (one query, a window over every booked visit): {before:F3} ms = {before / firstBefore.Value:F2} × its first size");
        }

        return 0;
    }

    // The look-up's query as it was (one query, the latest visit beside the timeline), kept here as the comparison.
    private static async Task BeforeAsync(Factory factory, string code)
    {
        await using var db = factory.CreateDbContext();
        await db.VisitRequests.AsNoTracking()
            .Where(r => r.TrackingCode == code)
            .Select(r => new
            {
                r.Id,
                r.TrackingCode,
                r.Status,
                r.ResidentPhone,
                r.SubmitterPhone,
                MatterName = r.Matter!.Name,
                History = r.History.OrderBy(h => h.Id).Select(h => new StatusEvent(h.Status, h.At, h.PublicNote)).ToList(),
                Visit = r.Visits.Where(v => v.State == VisitState.Booked || v.State == VisitState.Confirmed)
                    .OrderByDescending(v => v.Id)
                    .Select(v => new VisitView(v.Date, v.Start, v.End, v.Clerk!.DisplayName, v.State == VisitState.Confirmed))
                    .FirstOrDefault(),
            })
            .FirstOrDefaultAsync();
    }

    private static async Task<double> MedianAsync(Func<Task> action)
    {
        await action(); // warm-up: compiles the query, opens the pool
        var times = new List<double>(Runs);
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[Runs / 2];
    }

    private sealed class Factory(DbContextOptions<AppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new(options);
    }
}
