using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Visits;

public class DayBeforeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_OnFriday_ShowsMondaysVisits()
    {
        // Booked on Tuesday 24 November 2026; the list is read on Friday 27 November.
        await using var kit = await VisitTestKit.CreateAsync(VisitTestKit.Warsaw(2026, 11, 24, 9));
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var monday = new DateOnly(2026, 11, 30);
        Assert.True((await kit.BookAsync(await kit.AddRequestAsync(), tomasz, monday, 10, 12)).Succeeded);
        Assert.True((await kit.BookAsync(await kit.AddRequestAsync(), tomasz, new DateOnly(2026, 11, 27), 14, 16)).Succeeded);
        kit.Clock.Advance(TimeSpan.FromDays(3));

        var list = await kit.DayBefore.ListAsync(VisitTestKit.Coordinator, ct: Ct);

        Assert.Equal(monday, list.Day);
        Assert.Equal([monday], list.Visits.Select(v => v.Date));
    }

    [Fact]
    public async Task List_WritesOneReadPerRequestShown_ByIdOnly()
    {
        await using var kit = await VisitTestKit.CreateAsync(VisitTestKit.Warsaw(2026, 11, 23, 9));
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var first = await kit.AddRequestAsync(residentName: "Stefan Nowak");
        var second = await kit.AddRequestAsync(relation: SubmitterRelation.Neighbour);
        Assert.True((await kit.BookAsync(first, tomasz, VisitTestKit.Tuesday, 8, 10)).Succeeded);
        Assert.True((await kit.BookAsync(second, tomasz, VisitTestKit.Tuesday, 12, 14)).Succeeded);

        await kit.DayBefore.ListAsync(VisitTestKit.Coordinator, ct: Ct);

        var reads = (await kit.AuditEntriesAsync()).Where(a => a.Action == AuditActions.DayBeforeRead).ToList();
        Assert.Equal([$"request:{first}", $"request:{second}"], reads.Select(a => a.Subject).Order());
        Assert.All(reads, a => Assert.Equal((VisitTestKit.Coordinator.UserId, "2026-11-24"), (a.ActorId, a.Detail)));
    }

    [Fact]
    public async Task Calendar_WritesOneReadPerRequestShown_ByIdOnly()
    {
        await using var kit = await VisitTestKit.CreateAsync(VisitTestKit.Warsaw(2026, 11, 23, 9));
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var request = await kit.AddRequestAsync(residentName: "Stefan Nowak");
        Assert.True((await kit.BookAsync(request, tomasz, VisitTestKit.Tuesday, 8, 10)).Succeeded);

        await kit.Booking.CalendarAsync(VisitTestKit.Coordinator, VisitTestKit.Monday, VisitTestKit.Monday.AddDays(6), Ct);

        var read = Assert.Single(await kit.AuditEntriesAsync(), a => a.Action == AuditActions.CalendarRead);
        Assert.Equal(($"request:{request}", "2026-11-23..2026-11-29"), (read.Subject, read.Detail));
    }

    [Fact]
    public async Task List_BeforeAHoliday_ShowsTheWorkingDayAfterIt()
    {
        // Tuesday 10 November 2026; Wednesday 11 November is Independence Day.
        await using var kit = await VisitTestKit.CreateAsync(VisitTestKit.Warsaw(2026, 11, 10, 9));
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        Assert.True((await kit.BookAsync(await kit.AddRequestAsync(), tomasz, new DateOnly(2026, 11, 12), 8, 10)).Succeeded);

        var list = await kit.DayBefore.ListAsync(VisitTestKit.Coordinator, ct: Ct);

        Assert.Equal(new DateOnly(2026, 11, 12), list.Day);
        Assert.Single(list.Visits);
    }

    [Fact]
    public async Task List_GivesWhoToCallTheirChannelAccessNeedsAndTheClerksName_InTimeOrder()
    {
        await using var kit = await VisitTestKit.CreateAsync(VisitTestKit.Warsaw(2026, 11, 23, 9));
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var maria = await kit.AddClerkAsync("Maria Zielińska");
        var neighbour = await kit.AddRequestAsync(relation: SubmitterRelation.Neighbour, channel: ContactChannel.Sms);
        var self = await kit.AddRequestAsync(residentName: "Stefan Nowak");
        Assert.True((await kit.BookAsync(neighbour, tomasz, VisitTestKit.Tuesday, 12, 14)).Succeeded);
        Assert.True((await kit.BookAsync(self, maria, VisitTestKit.Tuesday, 8, 10)).Succeeded);

        var list = await kit.DayBefore.ListAsync(VisitTestKit.Coordinator, ct: Ct);

        Assert.Equal(VisitTestKit.Tuesday, list.Day);
        Assert.Equal(
            [
                ("Stefan Nowak", "+48600100200", ContactChannel.PhoneCall, "Maria Zielińska"),
                ("Piotr Sąsiad", "+48500400300", ContactChannel.Sms, "Tomasz Wiśniewski"),
            ],
            list.Visits.Select(v => (v.CallName, v.Phone, v.Channel, v.ClerkName)));
        Assert.All(list.Visits, v => Assert.True(v.NeedsSignLanguage));
        Assert.All(list.Visits, v => Assert.Equal("Trzecie piętro, bez windy.", v.AccessNotes));
    }

    [Fact]
    public async Task Confirm_VisitConfirmed_RequestConfirmed_HistoryAndAudit()
    {
        await using var kit = await VisitTestKit.CreateAsync(VisitTestKit.Warsaw(2026, 11, 23, 9));
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var id = await kit.AddRequestAsync();
        var booked = await kit.BookAsync(id, tomasz, VisitTestKit.Tuesday, 10, 12);

        var result = await kit.DayBefore.ConfirmAsync(VisitTestKit.Coordinator, booked.Id!.Value, Ct);

        Assert.True(result.Succeeded);
        var request = await kit.RequestAsync(id);
        Assert.Equal(RequestStatus.VisitConfirmed, request.Status);
        Assert.Equal("Potwierdziliśmy wizytę: wtorek, 24 listopada 2026, 10:00–12:00. Przyjdzie: Tomasz Wiśniewski.", request.History[^1].PublicNote);
        var visit = Assert.Single(request.Visits);
        Assert.Equal((VisitState.Confirmed, "Anna Kowalska", kit.Clock.GetUtcNow()), (visit.State, visit.ConfirmedBy, visit.ConfirmedAt));
        Assert.Equal(AuditActions.VisitConfirmed, (await kit.AuditEntriesAsync())[^1].Action);
        Assert.Equal(VisitState.Confirmed, Assert.Single((await kit.DayBefore.ListAsync(VisitTestKit.Coordinator, ct: Ct)).Visits).State);
    }

    [Fact]
    public async Task Confirm_Twice_SecondSaysAlreadyConfirmed_AndChangesNothing()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var id = await kit.AddRequestAsync();
        var booked = await kit.BookAsync(id, tomasz, VisitTestKit.Tuesday, 10, 12);
        Assert.True((await kit.DayBefore.ConfirmAsync(VisitTestKit.Coordinator, booked.Id!.Value, Ct)).Succeeded);
        var historyBefore = (await kit.RequestAsync(id)).History.Count;

        var again = await kit.DayBefore.ConfirmAsync(VisitTestKit.Coordinator, booked.Id.Value, Ct);

        Assert.Equal("Ta wizyta jest już potwierdzona", Assert.Single(again.Worded()).Message);
        Assert.Equal(historyBefore, (await kit.RequestAsync(id)).History.Count);
    }

    [Fact]
    public async Task Confirm_RebookedVisit_Refused()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var id = await kit.AddRequestAsync();
        var old = await kit.BookAsync(id, tomasz, VisitTestKit.Tuesday, 10, 12);
        Assert.True((await kit.BookAsync(id, tomasz, VisitTestKit.Tuesday, 14, 16)).Succeeded);

        var result = await kit.DayBefore.ConfirmAsync(VisitTestKit.Coordinator, old.Id!.Value, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(RequestStatus.VisitScheduled, (await kit.RequestAsync(id)).Status);
    }

    [Fact]
    public async Task ListAndConfirm_ByAClerk_Refused()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");

        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => kit.DayBefore.ListAsync(tomasz, ct: Ct));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => kit.DayBefore.ConfirmAsync(tomasz, 1, Ct));
    }
}
