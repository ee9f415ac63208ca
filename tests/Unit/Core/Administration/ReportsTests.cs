using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Administration;

public class ReportsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(new int[0], null)]
    [InlineData(new[] { 5 }, 5.0)]
    [InlineData(new[] { 3, 1, 2 }, 2.0)]
    [InlineData(new[] { 4, 1, 3, 10 }, 3.5)]
    [InlineData(new[] { 2, 1 }, 1.5)]
    public void Median_OddAndEvenCounts(int[] values, double? median) =>
        Assert.Equal(median, Reports.Median(values));

    [Fact]
    public async Task GetAsync_KnownRequests_CountsPerMonthMatterChannelMedianAndShareCompleted()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var clerk = await kit.AddStaffAsync("jan@gmina.example.pl", "Jan Nowak", StaffRoles.Clerk);
        var (a, b) = await TwoMattersAsync(kit);

        // Today is 22 November 2026 in Warsaw: the twelve months run from 23 November 2025.
        await AddAsync(kit, Utc(2026, 11, 20, 9), RequestChannel.Web, a, null, clerk, new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30));
        // 23:30 UTC on 31 October is 00:30 on 1 November in Warsaw: a November request, 4 days to 5 November.
        await AddAsync(kit, Utc(2026, 10, 31, 23, 30), RequestChannel.Phone, a, null, clerk, new DateOnly(2026, 11, 5));
        await AddAsync(kit, Utc(2026, 10, 10, 10), RequestChannel.Kiosk, b, RequestStatus.Completed, clerk, new DateOnly(2026, 10, 11));
        await AddAsync(kit, Utc(2025, 12, 1, 12), RequestChannel.Web, b, RequestStatus.Cancelled, clerk);
        await AddAsync(kit, Utc(2026, 11, 21, 12), RequestChannel.Email, a, RequestStatus.Rejected, clerk);
        await AddAsync(kit, Utc(2025, 11, 30, 12), RequestChannel.Web, a, RequestStatus.Completed, clerk, new DateOnly(2025, 12, 30));
        // 22 November 2025 is a year and a day ago: outside.
        await AddAsync(kit, Utc(2025, 11, 22, 12), RequestChannel.Web, a, null, clerk);

        var report = await new Reports(kit.Database, kit.Clock).GetAsync(AdminTestKit.Coordinator, Ct);

        Assert.Equal((new DateOnly(2025, 11, 23), new DateOnly(2026, 11, 22)), (report.From, report.To));
        Assert.Equal(report.To, report.From.AddMonths(12).AddDays(-1));
        Assert.Equal(13, report.PerMonth.Count);
        Assert.Equal(("2025-11", 1), (report.PerMonth[0].Label, report.PerMonth[0].Count));
        Assert.Equal(("2025-12", 1), (report.PerMonth[1].Label, report.PerMonth[1].Count));
        Assert.Equal(("2026-10", 1), (report.PerMonth[11].Label, report.PerMonth[11].Count));
        Assert.Equal(("2026-11", 3), (report.PerMonth[12].Label, report.PerMonth[12].Count));
        Assert.Equal(6, report.PerMonth.Sum(m => m.Count));

        Assert.Equal([new ReportRow(a.Name, 4), new ReportRow(b.Name, 2)], report.PerMatter);
        Assert.Equal(
            [new ReportRow("Web", 3), new ReportRow("Kiosk", 1), new ReportRow("Phone", 1), new ReportRow("Email", 1)],
            report.PerChannel);

        // First visits: 3, 4, 1 and 30 days after the request (the re-booked second visit does not count).
        Assert.Equal(3.5, report.MedianDaysToVisit);
        Assert.Equal(4, report.RequestsWithVisit);
        Assert.Equal((6, 4, 2), (report.Total, report.Closed, report.Completed));
        Assert.Equal(0.5, report.CompletedShareOfClosed);
    }

    [Fact]
    public async Task GetAsync_EvenNumberOfVisits_MedianIsTheMeanOfTheMiddleTwo()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var clerk = await kit.AddStaffAsync("jan@gmina.example.pl", "Jan Nowak", StaffRoles.Clerk);
        var (a, _) = await TwoMattersAsync(kit);
        await AddAsync(kit, Utc(2026, 11, 2, 9), RequestChannel.Web, a, null, clerk, new DateOnly(2026, 11, 4));
        await AddAsync(kit, Utc(2026, 11, 2, 9), RequestChannel.Web, a, null, clerk, new DateOnly(2026, 11, 5));

        var report = await new Reports(kit.Database, kit.Clock).GetAsync(AdminTestKit.Administrator, Ct);

        Assert.Equal(2.5, report.MedianDaysToVisit);
        Assert.Null(report.CompletedShareOfClosed);
    }

    [Fact]
    public async Task GetAsync_NoRequests_GivesZeroesAndNoMedian()
    {
        await using var kit = await AdminTestKit.CreateAsync();

        var report = await new Reports(kit.Database, kit.Clock).GetAsync(AdminTestKit.Administrator, Ct);

        Assert.All(report.PerMonth, m => Assert.Equal(0, m.Count));
        Assert.Empty(report.PerMatter);
        Assert.Null(report.MedianDaysToVisit);
        Assert.Equal(0, report.Total);
    }

    [Fact]
    public async Task GetAsync_TenThousandRequests_CountsEveryOne()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var clerk = await kit.AddStaffAsync("jan@gmina.example.pl", "Jan Nowak", StaffRoles.Clerk);
        var (a, b) = await TwoMattersAsync(kit);
        await using (var db = kit.Database.CreateDbContext())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = 0; i < 10_000; i++)
            {
                var request = new VisitRequest
                {
                    TrackingCode = $"T{i:D7}",
                    Channel = (RequestChannel)(i % 4),
                    MatterId = i % 2 == 0 ? a.Id : b.Id,
                    Description = "Opis",
                    ResidentName = "Anna Nowak",
                    Street = "Długa 5",
                    PostalCode = "00-950",
                    Town = "Warszawa",
                };
                var created = kit.Clock.GetUtcNow().AddHours(-(i % 8000));
                request.RecordSubmission("mieszkaniec", created);
                if (i % 10 == 0)
                {
                    request.Visits.Add(new Visit { ClerkId = clerk.UserId, Date = DateOnly.FromDateTime(created.UtcDateTime).AddDays(2), BookedAt = created, BookedBy = "x" });
                }

                db.VisitRequests.Add(request);
            }

            await db.SaveChangesAsync(Ct);
        }

        var report = await new Reports(kit.Database, kit.Clock).GetAsync(AdminTestKit.Administrator, Ct);

        Assert.Equal(10_000, report.Total);
        Assert.Equal(10_000, report.PerMonth.Sum(m => m.Count));
        Assert.Equal([5_000, 5_000], report.PerMatter.Select(s => s.Count));
        Assert.All(report.PerChannel, c => Assert.Equal(2_500, c.Count));
        Assert.Equal(1_000, report.RequestsWithVisit);
    }

    [Fact]
    public async Task GetAsync_Clerk_IsRefused()
    {
        await using var kit = await AdminTestKit.CreateAsync();

        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => new Reports(kit.Database, kit.Clock).GetAsync(AdminTestKit.Clerk, Ct));
    }

    private static async Task<(Catalogue.Matter A, Catalogue.Matter B)> TwoMattersAsync(AdminTestKit kit)
    {
        await using var db = kit.Database.CreateDbContext();
        var matters = await db.Matters.AsNoTracking().OrderBy(s => s.SortOrder).Take(2).ToListAsync(Ct);
        return (matters[0], matters[1]);
    }

    private static async Task AddAsync(AdminTestKit kit, DateTimeOffset created, RequestChannel channel, Catalogue.Matter matter, RequestStatus? status, StaffActor clerk, params DateOnly[] visits)
    {
        await using var db = kit.Database.CreateDbContext();
        var request = new VisitRequest
        {
            TrackingCode = TrackingCode.NewCode(),
            Channel = channel,
            MatterId = matter.Id,
            Description = "Opis",
            ResidentName = "Anna Nowak",
            Street = "Długa 5",
            PostalCode = "00-950",
            Town = "Warszawa",
        };
        request.RecordSubmission("mieszkaniec", created);
        foreach (var date in visits)
        {
            request.Visits.Add(new Visit { ClerkId = clerk.UserId, Date = date, Start = new TimeOnly(9, 0), End = new TimeOnly(11, 0), BookedAt = created, BookedBy = "Anna Kowalska", State = VisitState.Rebooked });
        }

        db.VisitRequests.Add(request);
        await db.SaveChangesAsync(Ct);
        if (status is { } s)
        {
            await db.VisitRequests.Where(r => r.Id == request.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, s), Ct);
        }
    }
}
