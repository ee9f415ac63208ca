using MobilnyUrzednik.Core.Audit;

namespace MobilnyUrzednik.Core.Visits;

public class MyVisitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Day_EachClerkSeesOnlyTheirOwnVisits_InTimeOrder()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var maria = await kit.AddClerkAsync("Maria Zielińska");
        Assert.True((await kit.BookAsync(await kit.AddRequestAsync(residentName: "Późna Wizyta"), tomasz, VisitTestKit.Tuesday, 14, 16)).Succeeded);
        Assert.True((await kit.BookAsync(await kit.AddRequestAsync(residentName: "Ranna Wizyta"), tomasz, VisitTestKit.Tuesday, 8, 10)).Succeeded);
        Assert.True((await kit.BookAsync(await kit.AddRequestAsync(residentName: "Cudza Wizyta"), maria, VisitTestKit.Tuesday, 10, 12)).Succeeded);

        var mine = await kit.MyVisits.DayAsync(tomasz, VisitTestKit.Tuesday, Ct);
        var hers = await kit.MyVisits.DayAsync(maria, VisitTestKit.Tuesday, Ct);

        Assert.Equal(["Ranna Wizyta", "Późna Wizyta"], mine.Visits.Select(v => v.ResidentName));
        Assert.Equal(["Cudza Wizyta"], hers.Visits.Select(v => v.ResidentName));
        var first = mine.Visits[0];
        Assert.Equal(("Główna 5 m. 3", "00-950", "Przykładowo", "Trzecie piętro, bez windy."), (first.Street, first.PostalCode, first.Town, first.AccessNotes));
        Assert.NotEmpty(first.Checklist);
        Assert.Equal("+48600100200", first.Phone);
    }

    [Fact]
    public async Task Day_EachReadIsAudited_WithoutPersonalData()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        Assert.True((await kit.BookAsync(await kit.AddRequestAsync(), tomasz, VisitTestKit.Tuesday, 8, 10)).Succeeded);
        var before = (await kit.AuditEntriesAsync()).Count;

        await kit.MyVisits.DayAsync(tomasz, VisitTestKit.Tuesday, Ct);
        await kit.MyVisits.DayAsync(tomasz, VisitTestKit.Tuesday, Ct);

        var reads = (await kit.AuditEntriesAsync()).Skip(before).ToList();
        Assert.Equal(2, reads.Count);
        Assert.All(reads, r => Assert.Equal((AuditActions.DaySheetRead, "staff:" + tomasz.UserId, "2026-11-24"), (r.Action, r.Subject, r.Detail)));
    }

    [Fact]
    public async Task OpeningDay_TodayWithoutVisits_TheNextDayWithAVisitToCome_OthersVisitsIgnored()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var maria = await kit.AddClerkAsync("Maria Zielińska");
        Assert.True((await kit.BookAsync(await kit.AddRequestAsync(), maria, VisitTestKit.Monday, 8, 10)).Succeeded);
        Assert.True((await kit.BookAsync(await kit.AddRequestAsync(), tomasz, VisitTestKit.Tuesday, 8, 10)).Succeeded);

        Assert.Equal(VisitTestKit.Tuesday, await kit.MyVisits.OpeningDayAsync(tomasz, Ct));
        Assert.Equal(VisitTestKit.Monday, await kit.MyVisits.OpeningDayAsync(maria, Ct));
        Assert.Equal(kit.MyVisits.Today(), await kit.MyVisits.OpeningDayAsync(await kit.AddClerkAsync("Bez Wizyt"), Ct));
    }

    [Fact]
    public async Task Day_WithoutThePermission_Refused()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var nobody = new Staff.StaffActor("x", "Ktoś", []);

        await Assert.ThrowsAsync<Staff.StaffAccessDeniedException>(() => kit.MyVisits.DayAsync(nobody, VisitTestKit.Tuesday, Ct));
    }
}
