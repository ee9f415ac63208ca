using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// An SMS is never marked sent when it was not (issue 12, point 3): the key the gateway sees is unique for ever, not
/// made from ids a fresh, restored or "started afresh" database hands out again, and the gateway's "I already have a
/// message with this key" is not taken as delivery, because nothing confirms it.
/// </summary>
public sealed class GatewayKeyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Sunday 8 November 2026, 10:00 in Warsaw; the visits are on Tuesday the 10th, their notices go on Monday the 9th.
    private static readonly DateTimeOffset Start = new(2026, 11, 8, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DayBefore_TwoDatabasesOneGateway_TheSecondResidentsNoticeIsReallySent()
    {
        // One SMS account, two databases one after the other: "delete data/ to start afresh", a restore, a second gmina
        // on the same account. Both number their first visit and first follower 1.
        await using var gateway = await FakeSmsGateway.StartAsync();
        var numbers = new[] { "+48600100200", "+48601202303" };
        var keys = new List<string>();
        foreach (var number in numbers)
        {
            await using var kit = await VisitTestKit.CreateAsync(Start);
            var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
            var requestId = await kit.AddRequestAsync();
            await AddContactAsync(kit, requestId, number);
            Assert.True((await kit.BookAsync(requestId, clerk, new DateOnly(2026, 11, 10), 10, 12)).Succeeded);
            kit.Clock.Advance(VisitTestKit.Warsaw(2026, 11, 9, 10) - kit.Clock.GetUtcNow());
            var options = Settings(gateway);

            Assert.Equal(1, await new DayBeforeNotices(kit.Database, new NotificationOutbox(options, kit.Clock), options, kit.Clock, NullLogger<DayBeforeNotices>.Instance).RunAsync(Ct));
            await Sender(kit, options).SendDueAsync(Ct);

            await using var db = kit.Database.CreateDbContext();
            var notice = await db.Outbox.SingleAsync(m => m.Kind == NotificationKind.DayBefore, Ct);
            Assert.Equal(OutboxState.Sent, notice.State);
            keys.Add(notice.Key);
        }

        // Each resident's phone got their own notice: the second was not refused as a repeat of the first.
        Assert.Equal(numbers.Select(n => n.TrimStart('+')), gateway.Messages.Where(m => m.Message.Contains("przypominamy", StringComparison.Ordinal)).Select(m => m.To));
        Assert.NotEqual(keys[0], keys[1]);
        Assert.All(keys, k => Assert.DoesNotContain("dzien-przed", k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sender_GatewaySaysItAlreadyHasTheKey_IsNotMarkedSentButWaitsForStaffWithTheReason()
    {
        // A restored backup holds a message as waiting that the gateway may or may not have had before the restore.
        await using var gateway = await FakeSmsGateway.StartAsync();
        await using var kit = await VisitTestKit.CreateAsync(Start);
        var requestId = await kit.AddRequestAsync();
        var subscription = await AddContactAsync(kit, requestId, "+48600100200");
        var options = Settings(gateway);
        long id;
        string key;
        await using (var db = kit.Database.CreateDbContext())
        {
            var request = await db.VisitRequests.Include(r => r.Subscriptions).SingleAsync(r => r.Id == requestId, Ct);
            var message = await new NotificationOutbox(options, kit.Clock).QueueForAsync(db, request, request.Subscriptions.Single(s => s.Id == subscription.Id), NotificationKind.Received, ct: Ct);
            await db.SaveChangesAsync(Ct);
            (id, key) = (message.Id, message.Key);
        }

        // The gateway already holds a message under that key: it answers error 53 and sends nothing.
        gateway.RememberIdx(key);

        await Sender(kit, options).SendDueAsync(Ct);

        Assert.Empty(gateway.Messages);
        await using (var db = kit.Database.CreateDbContext())
        {
            var message = await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, Ct);
            Assert.Equal(OutboxState.Failed, message.State);
            Assert.Null(message.SentAt);
            Assert.Equal(SmsApiTransport.DuplicateError, message.LastError);
        }

        // On the call list with its key, so staff can look it up in the gateway's panel.
        var item = Assert.Single(await new CallList(kit.Database, kit.Audit, kit.Clock, new OutboxSignal()).ListAsync(VisitTestKit.Coordinator, Ct));
        Assert.Equal((id, key, SmsApiTransport.DuplicateError), (item.MessageId, item.Key, item.LastError));
    }

    [Fact]
    public async Task CallList_SendAgainAfterADuplicateAnswer_GoesWithANewKeyAndIsSent()
    {
        await using var gateway = await FakeSmsGateway.StartAsync();
        await using var kit = await VisitTestKit.CreateAsync(Start);
        var requestId = await kit.AddRequestAsync();
        await AddContactAsync(kit, requestId, "+48600100200");
        var options = Settings(gateway);
        await using (var db = kit.Database.CreateDbContext())
        {
            var request = await db.VisitRequests.Include(r => r.Subscriptions).SingleAsync(r => r.Id == requestId, Ct);
            var message = await new NotificationOutbox(options, kit.Clock).QueueForAsync(db, request, request.Subscriptions.Single(), NotificationKind.Received, ct: Ct);
            await db.SaveChangesAsync(Ct);
            gateway.RememberIdx(message.Key);
        }

        var sender = Sender(kit, options);
        await sender.SendDueAsync(Ct);
        var calls = new CallList(kit.Database, kit.Audit, kit.Clock, new OutboxSignal());
        var item = Assert.Single(await calls.ListAsync(VisitTestKit.Coordinator, Ct));

        // Staff checked the gateway's panel, found nothing, and send it again: the old key can never go through.
        Assert.True(await calls.RetryAsync(VisitTestKit.Coordinator, item.MessageId, Ct));
        await sender.SendDueAsync(Ct);

        var sent = Assert.Single(gateway.Messages);
        await using var check = kit.Database.CreateDbContext();
        var stored = await check.Outbox.AsNoTracking().SingleAsync(m => m.Id == item.MessageId, Ct);
        Assert.Equal(OutboxState.Sent, stored.State);
        Assert.NotEqual(item.Key, stored.Key);
        Assert.Equal(stored.Key, sent.Idx);
    }

    private static IOptions<NotificationOptions> Settings(FakeSmsGateway gateway) => Options.Create(new NotificationOptions
    {
        PublicSiteUrl = TestOutbox.SiteUrl,
        Sms = new SmsOptions { BaseUrl = gateway.BaseAddress.ToString(), Token = gateway.Token },
    });

    private static OutboxSender Sender(VisitTestKit kit, IOptions<NotificationOptions> options) =>
        new(kit.Database, [new SmsApiTransport(new HttpClient(), options)], options, kit.Clock, new TestEnvironment("Production", Path.GetTempPath()), NullLogger<OutboxSender>.Instance);

    // The request's own SMS contact, as filing the form makes it.
    private static async Task<NotificationSubscription> AddContactAsync(VisitTestKit kit, int requestId, string number)
    {
        await using var db = kit.Database.CreateDbContext();
        var subscription = TestOutbox.For(kit.Clock).NewSubscription(NotificationChannel.Sms, number, isContact: true);
        subscription.VisitRequestId = requestId;
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(Ct);
        return subscription;
    }
}
