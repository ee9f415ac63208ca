using Ical.Net;
using Ical.Net.CalendarComponents;
using MobilnyUrzednik.Core.Audit;

namespace MobilnyUrzednik.Core.Visits;

public class CalendarFeedsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The feed's events as a calendar app reads them (Ical.Net).</summary>
    private static async Task<List<CalendarEvent>> EventsAsync(VisitTestKit kit, string token)
    {
        var ics = await kit.Feeds.ReadAsync(token, Ct);
        Assert.NotNull(ics);
        return [.. Calendar.Load(ics)!.Events];
    }

    [Fact]
    public async Task Booking_OneTentativeEvent_InWarsawTime_SequenceZero()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var booked = await kit.BookAsync(await kit.AddRequestAsync(), clerk, VisitTestKit.Tuesday, 10, 12);
        var token = await kit.Feeds.RenewAsync(clerk, Ct);

        var ev = Assert.Single(await EventsAsync(kit, token));

        Assert.Equal(IcsCalendar.VisitUid(booked.Id!.Value), ev.Uid);
        Assert.Equal(0, ev.Sequence);
        Assert.Equal("TENTATIVE", ev.Status);
        Assert.Equal("Europe/Warsaw", ev.DtStart!.TzId);
        Assert.Equal(new DateTime(2026, 11, 24, 10, 0, 0), ev.DtStart.Value);
        Assert.Equal(new DateTime(2026, 11, 24, 12, 0, 0), ev.DtEnd!.Value);
    }

    [Fact]
    public async Task Rebooking_TheSameEventMoves_SameUid_HigherSequence_OnlyOneEvent()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var request = await kit.AddRequestAsync();
        var first = await kit.BookAsync(request, clerk, VisitTestKit.Tuesday, 10, 12);
        var token = await kit.Feeds.RenewAsync(clerk, Ct);
        var before = Assert.Single(await EventsAsync(kit, token));

        Assert.True((await kit.BookAsync(request, clerk, VisitTestKit.Tuesday.AddDays(1), 14, 16)).Succeeded);
        var after = Assert.Single(await EventsAsync(kit, token));

        Assert.Equal(IcsCalendar.VisitUid(first.Id!.Value), after.Uid);
        Assert.True(after.Sequence > before.Sequence);
        Assert.Equal(new DateTime(2026, 11, 25, 14, 0, 0), after.DtStart!.Value);
        Assert.Equal("TENTATIVE", after.Status);
    }

    [Fact]
    public async Task Confirming_StatusConfirmed_HigherSequence()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var booked = await kit.BookAsync(await kit.AddRequestAsync(), clerk, VisitTestKit.Tuesday, 10, 12);
        var token = await kit.Feeds.RenewAsync(clerk, Ct);

        Assert.True((await kit.DayBefore.ConfirmAsync(VisitTestKit.Coordinator, booked.Id!.Value, Ct)).Succeeded);

        var ev = Assert.Single(await EventsAsync(kit, token));
        Assert.Equal(("CONFIRMED", 1), (ev.Status, ev.Sequence));
    }

    [Fact]
    public async Task Cancelling_TheEventStaysMarkedCancelled_HigherSequence()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var request = await kit.AddRequestAsync();
        var booked = await kit.BookAsync(request, clerk, VisitTestKit.Tuesday, 10, 12);
        var token = await kit.Feeds.RenewAsync(clerk, Ct);

        Assert.Empty(await kit.Actions.CancelAsync(VisitTestKit.Coordinator, request, "Mieszkaniec zrezygnował.", Ct));

        var ev = Assert.Single(await EventsAsync(kit, token));
        Assert.Equal((IcsCalendar.VisitUid(booked.Id!.Value), "CANCELLED", 1), (ev.Uid, ev.Status, ev.Sequence));
        Assert.StartsWith("Odwołana: ", ev.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RebookingToAnotherClerk_CancelledInTheFirstClerksFeed_InTheOthersWithTheSameUid()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var maria = await kit.AddClerkAsync("Maria Zielińska");
        var request = await kit.AddRequestAsync();
        var first = await kit.BookAsync(request, tomasz, VisitTestKit.Tuesday, 10, 12);
        var his = await kit.Feeds.RenewAsync(tomasz, Ct);
        var hers = await kit.Feeds.RenewAsync(maria, Ct);

        Assert.True((await kit.BookAsync(request, maria, VisitTestKit.Tuesday, 12, 14)).Succeeded);

        var gone = Assert.Single(await EventsAsync(kit, his));
        var moved = Assert.Single(await EventsAsync(kit, hers));
        Assert.Equal((IcsCalendar.VisitUid(first.Id!.Value), "CANCELLED"), (gone.Uid, gone.Status));
        Assert.Equal((IcsCalendar.VisitUid(first.Id!.Value), "TENTATIVE"), (moved.Uid, moved.Status));
        Assert.Equal(gone.Sequence, moved.Sequence);
    }

    [Fact]
    public async Task Feed_NoResidentsNameStreetPhoneOrDoorWord_TheMatterTownAndALinkToThePanel()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var booked = await kit.BookAsync(await kit.AddRequestAsync(residentName: "Janina Tajemnicza"), clerk, VisitTestKit.Tuesday, 10, 12);
        var token = await kit.Feeds.RenewAsync(clerk, Ct);

        var ics = (await kit.Feeds.ReadAsync(token, Ct))!;
        var word = (await kit.VisitAsync(booked.Id!.Value)).DoorWord!;

        Assert.DoesNotContain("Tajemnicza", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("Główna", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("600100200", ics, StringComparison.Ordinal);
        Assert.DoesNotContain(word, ics, StringComparison.OrdinalIgnoreCase);
        var ev = Assert.Single(Calendar.Load(ics)!.Events);
        Assert.Equal("00-950 Przykładowo", ev.Location);
        Assert.Contains(TestOutbox.SiteUrl + CalendarFeeds.VisitLink(booked.Id.Value), ev.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renewing_TheOldAddressAnswersNothing_TheNewOneWorks_EveryFetchAudited()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var old = await kit.Feeds.RenewAsync(clerk, Ct);
        Assert.NotNull(await kit.Feeds.ReadAsync(old, Ct));

        var renewed = await kit.Feeds.RenewAsync(clerk, Ct);

        Assert.NotEqual(old, renewed);
        Assert.Null(await kit.Feeds.ReadAsync(old, Ct));
        Assert.NotNull(await kit.Feeds.ReadAsync(renewed, Ct));
        Assert.Null(await kit.Feeds.ReadAsync("nieznany", Ct));
        var entries = await kit.AuditEntriesAsync();
        Assert.Equal(2, entries.Count(a => a.Action == AuditActions.CalendarFeedRead && a.ActorId == clerk.UserId));
        Assert.Equal(2, entries.Count(a => a.Action == AuditActions.CalendarFeedRenewed));
        Assert.All(entries, a => Assert.DoesNotContain(renewed, a.Detail ?? string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DisabledAccount_TheAddressStopsWorking()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var token = await kit.Feeds.RenewAsync(clerk, Ct);
        await using (var db = kit.Database.CreateDbContext())
        {
            (await db.Users.FindAsync([clerk.UserId], Ct))!.IsDisabled = true;
            await db.SaveChangesAsync(Ct);
        }

        Assert.Null(await kit.Feeds.ReadAsync(token, Ct));
    }
}
