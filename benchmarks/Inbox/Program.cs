using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Benchmarks;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Office;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.Core.Visits;

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
    await SeedAsync(factory, requests);
    if (!database.IsSqlite)
    {
        // A live PostgreSQL has planner statistics (autovacuum analyzes a table that grew); right after a bulk load it
        // has none yet, and the plans would be those of an empty table.
        await using var db = factory.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }
    Console.WriteLine($"  seeded {requests:N0} requests in {seeded.Elapsed.TotalSeconds:F1} s");

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

// The lifecycle's way from Submitted to a status, so seeded requests have real histories.
static RequestStatus[] PathTo(RequestStatus status) => status switch
{
    RequestStatus.Submitted => [],
    RequestStatus.InReview => [RequestStatus.InReview],
    RequestStatus.NeedsInformation => [RequestStatus.InReview, RequestStatus.NeedsInformation],
    RequestStatus.VisitScheduled => [RequestStatus.InReview, RequestStatus.VisitScheduled],
    RequestStatus.VisitConfirmed => [RequestStatus.InReview, RequestStatus.VisitScheduled, RequestStatus.VisitConfirmed],
    RequestStatus.Completed => [RequestStatus.InReview, RequestStatus.VisitScheduled, RequestStatus.VisitConfirmed, RequestStatus.Completed],
    _ => [status],
};

static async Task SeedAsync(Factory factory, int count)
{
    string[] first = ["Janina", "Stanisław", "Halina", "Zofia", "Józef", "Krystyna", "Tadeusz", "Barbara", "Władysław", "Irena"];
    string[] last = ["Kowalska", "Nowak", "Wiśniewska", "Wójcik", "Kowalczyk", "Kamińska", "Lewandowski", "Zielińska", "Szymański", "Woźniak", "Dąbrowska", "Kozłowski"];
    var random = new Random(20261122);
    var statuses = Enum.GetValues<RequestStatus>();
    var channels = Enum.GetValues<RequestChannel>();
    await using var db = factory.CreateDbContext();
    var matters = await db.Matters.Select(s => s.Id).ToListAsync();
    var clerk = new StaffUser { UserName = "bench-clerk", DisplayName = "Urzędnik Testowy" };
    db.Users.Add(clerk);
    await db.SaveChangesAsync();
    var now = DateTimeOffset.UtcNow;
    for (var batch = 0; batch < count; batch += 1000)
    {
        for (var i = batch; i < Math.Min(count, batch + 1000); i++)
        {
            var created = now.AddMinutes(-random.Next(0, 365 * 24 * 60));
            var request = new VisitRequest
            {
                TrackingCode = TrackingCode.NewCode(),
                Channel = channels[random.Next(channels.Length)],
                LivesInMunicipality = true,
                EligibilityReason = EligibilityReason.Age,
                MatterId = matters[random.Next(matters.Count)],
                Description = "Wniosek do złożenia podczas wizyty.",
                ResidentName = $"{first[random.Next(first.Length)]} {last[random.Next(last.Length)]}",
                ResidentPhone = "+486001" + random.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture),
                Street = $"Główna {random.Next(1, 200)}",
                PostalCode = "00-950",
                Town = "Przykładowo",
                ContactChannel = ContactChannel.PhoneCall,
            };
            request.RecordSubmission("mieszkaniec", created);
            var status = statuses[random.Next(statuses.Length)];
            foreach (var step in PathTo(status))
            {
                request.MoveTo(step, "Benchmark", step == RequestStatus.Rejected ? "Poza zakresem usługi." : null, created.AddHours(1));
            }

            if (status is RequestStatus.VisitScheduled or RequestStatus.VisitConfirmed or RequestStatus.Completed)
            {
                request.Visits.Add(new Visit
                {
                    ClerkId = clerk.Id,
                    Date = DateOnly.FromDateTime(created.AddDays(random.Next(1, 14)).UtcDateTime),
                    Start = new TimeOnly(8, 0),
                    End = new TimeOnly(10, 0),
                    State = status == RequestStatus.Completed ? VisitState.Completed : VisitState.Booked,
                    BookedBy = "Benchmark",
                });
            }

            db.VisitRequests.Add(request);
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}

internal sealed class Factory(DbContextOptions<AppDbContext> options) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => new(options);
}
