using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Benchmarks;

/// <summary>
/// Fills a benchmark database with requests that look real: names, statuses reached through the lifecycle (so each
/// has its history), a booked, confirmed or completed visit where the status says so. Can be called again to grow the
/// same database. Tracking codes are random (23⁷ of them), so at 100,000 requests two draws of the same code are
/// likely (about 1.5 expected); a code already in the database or the batch is drawn again, where an unlucky run used
/// to fail on the unique index.
/// </summary>
internal sealed class BenchSeed
{
    private static readonly string[] First = ["Janina", "Stanisław", "Halina", "Zofia", "Józef", "Krystyna", "Tadeusz", "Barbara", "Władysław", "Irena"];
    private static readonly string[] Last = ["Kowalska", "Nowak", "Wiśniewska", "Wójcik", "Kowalczyk", "Kamińska", "Lewandowski", "Zielińska", "Szymański", "Woźniak", "Dąbrowska", "Kozłowski"];

    private readonly IDbContextFactory<AppDbContext> _factory;
    private readonly Random _random = new(20261122);
    private readonly HashSet<string> _codes;
    private readonly List<int> _matters;
    private readonly string _clerkId;
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    private BenchSeed(IDbContextFactory<AppDbContext> factory, HashSet<string> codes, List<int> matters, string clerkId)
    {
        _factory = factory;
        _codes = codes;
        _matters = matters;
        _clerkId = clerkId;
    }

    /// <summary>Codes drawn again because they were taken (item 7 of issue 17: a seed of 100,000 must not fail on one).</summary>
    public int CodesDrawnAgain { get; private set; }

    public static async Task<BenchSeed> CreateAsync(IDbContextFactory<AppDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        var matters = await db.Matters.Select(s => s.Id).ToListAsync();
        var clerk = new StaffUser { UserName = "bench-clerk", DisplayName = "Urzędnik Testowy" };
        db.Users.Add(clerk);
        await db.SaveChangesAsync();
        var codes = (await db.VisitRequests.Select(r => r.TrackingCode).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        return new BenchSeed(factory, codes, matters, clerk.Id);
    }

    /// <summary>Adds <paramref name="count"/> requests in batches of 1,000.</summary>
    public async Task AddAsync(int count)
    {
        var statuses = Enum.GetValues<RequestStatus>();
        var channels = Enum.GetValues<RequestChannel>();
        await using var db = await _factory.CreateDbContextAsync();
        for (var batch = 0; batch < count; batch += 1000)
        {
            for (var i = batch; i < Math.Min(count, batch + 1000); i++)
            {
                var created = _now.AddMinutes(-_random.Next(0, 365 * 24 * 60));
                var request = new VisitRequest
                {
                    TrackingCode = NewCode(),
                    Channel = channels[_random.Next(channels.Length)],
                    LivesInMunicipality = true,
                    EligibilityReason = EligibilityReason.Age,
                    MatterId = _matters[_random.Next(_matters.Count)],
                    Description = "Wniosek do złożenia podczas wizyty.",
                    ResidentName = $"{First[_random.Next(First.Length)]} {Last[_random.Next(Last.Length)]}",
                    ResidentPhone = "+486001" + _random.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture),
                    Street = $"Główna {_random.Next(1, 200)}",
                    PostalCode = "00-950",
                    Town = "Przykładowo",
                    ContactChannel = ContactChannel.PhoneCall,
                };
                request.RecordSubmission("mieszkaniec", created);
                var status = statuses[_random.Next(statuses.Length)];
                foreach (var step in PathTo(status))
                {
                    request.MoveTo(step, "Benchmark", step == RequestStatus.Rejected ? "Poza zakresem usługi." : null, created.AddHours(1));
                }

                if (status is RequestStatus.VisitScheduled or RequestStatus.VisitConfirmed or RequestStatus.Completed)
                {
                    request.Visits.Add(new Visit
                    {
                        ClerkId = _clerkId,
                        Date = DateOnly.FromDateTime(created.AddDays(_random.Next(1, 14)).UtcDateTime),
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

    private string NewCode()
    {
        var code = TrackingCode.NewCode();
        while (!_codes.Add(code))
        {
            CodesDrawnAgain++;
            code = TrackingCode.NewCode();
        }

        return code;
    }

    // The lifecycle's way from Submitted to a status, so seeded requests have real histories.
    private static RequestStatus[] PathTo(RequestStatus status) => status switch
    {
        RequestStatus.Submitted => [],
        RequestStatus.InReview => [RequestStatus.InReview],
        RequestStatus.NeedsInformation => [RequestStatus.InReview, RequestStatus.NeedsInformation],
        RequestStatus.VisitScheduled => [RequestStatus.InReview, RequestStatus.VisitScheduled],
        RequestStatus.VisitConfirmed => [RequestStatus.InReview, RequestStatus.VisitScheduled, RequestStatus.VisitConfirmed],
        RequestStatus.Completed => [RequestStatus.InReview, RequestStatus.VisitScheduled, RequestStatus.VisitConfirmed, RequestStatus.Completed],
        _ => [status],
    };
}
