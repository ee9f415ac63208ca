using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Core.Visits;

public class StatusWithVisitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StatusView_AfterBookingAndRebooking_ShowsTheActiveVisitWithTheClerksName()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var maria = await kit.AddClerkAsync("Maria Zielińska");
        var id = await kit.AddRequestAsync();
        var lookup = StatusLookupTests.Create(kit.Database);
        string code;
        await using (var db = kit.Database.CreateDbContext())
        {
            code = (await db.VisitRequests.SingleAsync(r => r.Id == id, Ct)).TrackingCode;
        }

        Assert.Null((await lookup.FindAsync(code, "0200", Ct))!.Visit);

        Assert.True((await kit.BookAsync(id, tomasz, VisitTestKit.Tuesday, 10, 12)).Succeeded);
        Assert.Equal(new VisitView(VisitTestKit.Tuesday, new TimeOnly(10, 0), new TimeOnly(12, 0), "Tomasz Wiśniewski", Confirmed: false), (await lookup.FindAsync(code, "0200", Ct))!.Visit);

        Assert.True((await kit.BookAsync(id, maria, VisitTestKit.Tuesday, 14, 16)).Succeeded);
        var view = await lookup.FindAsync(code, "0200", Ct);
        Assert.Equal(new VisitView(VisitTestKit.Tuesday, new TimeOnly(14, 0), new TimeOnly(16, 0), "Maria Zielińska", Confirmed: false), view!.Visit);
        Assert.Equal(RequestStatus.VisitScheduled, view.Status);
    }
}
