using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Administration;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Office;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Core.Visits;

/// <summary>The office's day: what waits on the panel's home, who hears of tomorrow's visit how, the catalogue's order.</summary>
public class OfficeDayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class SmsGateway : IMessageTransport
    {
        public NotificationChannel Channel => NotificationChannel.Sms;

        public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct) => Task.FromResult(DeliveryResult.Delivered());
    }

    private static async Task FollowAsync(VisitTestKit kit, int requestId, NotificationChannel channel)
    {
        await using var db = kit.Database.CreateDbContext();
        var follower = TestOutbox.For(kit.Clock).NewSubscription(channel, channel == NotificationChannel.Sms ? "+48600100200" : "a@example.pl", isContact: true);
        follower.VisitRequestId = requestId;
        db.Subscriptions.Add(follower);
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task Waiting_CountsWhatWaitsForEachRole()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
        await kit.AddRequestAsync();
        await kit.AddRequestAsync();
        Assert.True((await kit.BookAsync(await kit.AddRequestAsync(), clerk, VisitTestKit.Monday, 8, 10)).Succeeded);
        var waiting = new WaitingWork(kit.Database, new Inbox(kit.Database, kit.Audit, kit.Clock), kit.Clock);

        var office = await waiting.CountAsync(VisitTestKit.Coordinator, Ct);
        var mine = await waiting.CountAsync(clerk, Ct);

        Assert.Equal((2, 1), (office.NewRequests, office.TomorrowUnconfirmed));
        Assert.Equal(VisitTestKit.Monday, office.NextWorkingDay);
        Assert.Null(mine.NewRequests);
        Assert.Equal((0, 0), (mine.MyVisitsToday, mine.MyVisitsWithoutOutcome));

        // Monday 9:00: the clerk's visit has begun and waits for its outcome.
        kit.Clock.Advance(VisitTestKit.Warsaw(2026, 11, 23, 9, 0) - kit.Clock.GetUtcNow());
        var atNine = await waiting.CountAsync(clerk, Ct);
        Assert.Equal((1, 1), (atNine.MyVisitsToday, atNine.MyVisitsWithoutOutcome));
    }

    [Fact]
    public async Task DayBefore_SaysWhoGetsTheAutomaticMessageAndWhoMustBeCalled()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var phone = await kit.AddRequestAsync(residentName: "Woli Telefon");
        var sms = await kit.AddRequestAsync(residentName: "Ma Sms", channel: ContactChannel.Sms);
        var email = await kit.AddRequestAsync(residentName: "Ma Email", channel: ContactChannel.Email);
        await FollowAsync(kit, sms, NotificationChannel.Sms);
        await FollowAsync(kit, email, NotificationChannel.Email);
        Assert.True((await kit.BookAsync(phone, clerk, VisitTestKit.Monday, 8, 10)).Succeeded);
        Assert.True((await kit.BookAsync(sms, clerk, VisitTestKit.Monday, 10, 12)).Succeeded);
        Assert.True((await kit.BookAsync(email, clerk, VisitTestKit.Monday, 12, 14)).Succeeded);

        // An SMS gateway is set up; no e-mail one.
        var list = await new DayBefore(kit.Database, kit.Audit, kit.Clock, [new SmsGateway()]).ListAsync(VisitTestKit.Coordinator, ct: Ct);

        Assert.Equal(
            [("Woli Telefon", DayBeforeWay.CallChosePhone, true), ("Ma Sms", DayBeforeWay.WillBeSent, false), ("Ma Email", DayBeforeWay.CallNoGateway, true)],
            list.Visits.Select(v => (v.CallName, v.Notice!.Way, v.Notice.MustCall)));

        // Sent: the list says so, with the time.
        await using (var db = kit.Database.CreateDbContext())
        {
            var visit = await db.Visits.SingleAsync(v => v.VisitRequestId == sms, Ct);
            var request = await db.VisitRequests.Include(r => r.Subscriptions).SingleAsync(r => r.Id == sms, Ct);
            var message = await TestOutbox.For(kit.Clock).QueueForAsync(db, request, request.Subscriptions[0], NotificationKind.DayBefore, VisitFacts.Of(visit, "Tomasz Wiśniewski"), dedupeKey: "k", ct: Ct);
            message.State = OutboxState.Sent;
            message.SentAt = kit.Clock.GetUtcNow();
            await db.SaveChangesAsync(Ct);
        }

        var after = await new DayBefore(kit.Database, kit.Audit, kit.Clock, [new SmsGateway()]).ListAsync(VisitTestKit.Coordinator, ct: Ct);
        Assert.Equal(DayBeforeWay.Sent, after.Visits.Single(v => v.CallName == "Ma Sms").Notice!.Way);
    }

    [Fact]
    public async Task Catalogue_MattersMoveUpAndDown_InnaSprawaStaysLast_AlsoForANewMatter()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var admin = new CatalogueAdmin(kit.Database, kit.Audit);
        var administrator = new Staff.StaffActor("admin-1", "Administrator", [Staff.StaffRoles.Administrator]);
        Assert.True((await admin.AddAsync(administrator, new MatterForm { Name = "Nowa sprawa", Description = "Opis sprawy.", Checklist = "Dowód" }, Ct)).Succeeded);
        var catalogue = new Catalogue.MatterCatalogue(kit.Database);

        var offered = await catalogue.GetOfferedAsync(Ct);
        Assert.True(offered[^1].IsOther);
        Assert.Equal("Nowa sprawa", offered[^2].Name);

        var first = offered[0];
        Assert.True((await admin.MoveAsync(administrator, first.Id, up: false, Ct)).Succeeded);
        var moved = await catalogue.GetOfferedAsync(Ct);
        Assert.Equal(first.Id, moved[1].Id);
        Assert.True(moved[^1].IsOther);

        Assert.Equal("Matter_CannotMove", Assert.Single((await admin.MoveAsync(administrator, moved[0].Id, up: true, Ct)).Errors).Code);
        Assert.Equal("Matter_CannotMove", Assert.Single((await admin.MoveAsync(administrator, moved[^2].Id, up: false, Ct)).Errors).Code);
        Assert.Equal("Matter_CannotMove", Assert.Single((await admin.MoveAsync(administrator, moved[^1].Id, up: true, Ct)).Errors).Code);
        Assert.True((await catalogue.GetOfferedAsync(Ct))[^1].IsOther);
    }
}
