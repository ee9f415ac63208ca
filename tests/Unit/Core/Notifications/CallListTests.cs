using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>The staff's call list: what no gateway carried stays until someone passes it on or sends it again.</summary>
public sealed class CallListTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly StaffActor Clerk = new("clerk-x", "Tomasz Wiśniewski", [StaffRoles.Clerk]);

    [Fact]
    public async Task MessagesWithoutAGateway_AreListedWithWhomToCall_AndEachOpeningIsAudited()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var id = await kit.AddRequestAsync(RequestStatus.InReview, relation: SubmitterRelation.Neighbour);
        await OutboxQueueTests.AddSubscriberAsync(kit, id, NotificationChannel.Email, "corka@example.pl");
        await OutboxQueueTests.AddSubscriberAsync(kit, id, NotificationChannel.Sms, "+48600100200");
        Assert.Empty(await new Office.RequestActions(kit.Database, kit.Audit, kit.Clock, TestOutbox.For(kit.Clock)).AskForInformationAsync(VisitTestKit.Coordinator, id, "Prosimy o PESEL", Ct));
        await Sender(kit).SendDueAsync(Ct);
        var list = new CallList(kit.Database, kit.Audit, kit.Clock, new OutboxSignal());

        var items = await list.ListAsync(VisitTestKit.Coordinator, Ct);

        Assert.Equal([NotificationChannel.Email, NotificationChannel.Sms], items.Select(i => i.Channel));
        Assert.All(items, i => Assert.Equal((OutboxState.AwaitingStaff, NotificationKind.InformationNeeded, id), (i.State, i.Kind, i.RequestId!.Value)));
        Assert.Equal("+48500400300", items[0].CallPhone); // the neighbour who filed, for the e-mail
        Assert.Equal("+48600100200", items[1].CallPhone); // the SMS's own number
        Assert.Contains("Prosimy o PESEL.", items[0].Body, StringComparison.Ordinal);
        // One read for the request both messages belong to, by id only (no number, address or text).
        var read = Assert.Single(await kit.AuditEntriesAsync(), a => a.Action == AuditActions.MessagesRead);
        Assert.Equal(($"request:{id}", null), (read.Subject, read.Detail));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => list.ListAsync(Clerk, Ct));
    }

    [Fact]
    public async Task HandedOver_LeavesTheList_OnceOnly_AndIsAudited()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var message = await AwaitingAsync(kit);
        var list = new CallList(kit.Database, kit.Audit, kit.Clock, new OutboxSignal());

        Assert.True(await list.HandOverAsync(VisitTestKit.Coordinator, message.Id, Ct));
        Assert.False(await list.HandOverAsync(VisitTestKit.Coordinator, message.Id, Ct));

        Assert.Empty(await list.ListAsync(VisitTestKit.Coordinator, Ct));
        var stored = Assert.Single(await OutboxQueueTests.Messages(kit));
        Assert.Equal((OutboxState.HandedOver, "Anna Kowalska", kit.Clock.GetUtcNow()), (stored.State, stored.HandedOverBy, stored.HandedOverAt!.Value));
        var audit = Assert.Single(await kit.AuditEntriesAsync(), a => a.Action == AuditActions.MessageHandedOver);
        Assert.Equal($"message:{message.Id}", audit.Detail);
    }

    [Fact]
    public async Task Retry_PutsAFailedMessageBackWithFreshAttempts_AndTheSenderDeliversIt()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var message = await AwaitingAsync(kit);
        await using (var db = kit.Database.CreateDbContext())
        {
            var m = await db.Outbox.SingleAsync(Ct);
            m.State = OutboxState.Failed;
            m.Attempts = 12;
            m.LastError = "sms-auth";
            await db.SaveChangesAsync(Ct);
        }

        var signal = new OutboxSignal();
        Assert.True(await new CallList(kit.Database, kit.Audit, kit.Clock, signal).RetryAsync(VisitTestKit.Coordinator, message.Id, Ct));
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, Ct));

        var sms = new ScriptedTransport(NotificationChannel.Sms);
        await Sender(kit, sms).SendDueAsync(Ct);
        var stored = Assert.Single(await OutboxQueueTests.Messages(kit));
        Assert.Equal((OutboxState.Sent, 1), (stored.State, stored.Attempts));
        Assert.Single(sms.Calls);
    }

    private static OutboxSender Sender(VisitTestKit kit, params IMessageTransport[] transports) =>
        new(kit.Database, transports, Microsoft.Extensions.Options.Options.Create(new NotificationOptions { PublicSiteUrl = TestOutbox.SiteUrl }), kit.Clock, new TestEnvironment("Production", Path.GetTempPath()), NullLogger<OutboxSender>.Instance);

    private static async Task<OutboxMessage> AwaitingAsync(VisitTestKit kit)
    {
        var id = await kit.AddRequestAsync(RequestStatus.InReview);
        await OutboxQueueTests.AddSubscriberAsync(kit, id, NotificationChannel.Sms, "+48600100200");
        Assert.Empty(await new Office.RequestActions(kit.Database, kit.Audit, kit.Clock, TestOutbox.For(kit.Clock)).AskForInformationAsync(VisitTestKit.Coordinator, id, "Prosimy o PESEL", Ct));
        await Sender(kit).SendDueAsync(Ct);
        return Assert.Single(await OutboxQueueTests.Messages(kit));
    }
}
