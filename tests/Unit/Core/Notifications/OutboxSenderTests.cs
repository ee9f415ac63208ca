using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>The sender against gateways in memory: claims, retries with a growing wait, the call list, stale notices.</summary>
public sealed class OutboxSenderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly NotificationOptions Options = new() { PublicSiteUrl = TestOutbox.SiteUrl, RetryDelaySeconds = 30, MaxRetryDelaySeconds = 600, MaxAttempts = 3 };

    private static OutboxSender Sender(VisitTestKit kit, params IMessageTransport[] transports) =>
        new(kit.Database, transports, Microsoft.Extensions.Options.Options.Create(Options), kit.Clock, new TestEnvironment("Production", Path.GetTempPath()), NullLogger<OutboxSender>.Instance);

    [Fact]
    public async Task DueMessage_IsHandedToItsGatewayWithKeyAndStopLink_AndMarkedSent()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var (id, subscription) = await ArrangeAsync(kit, "Prosimy o dokument");
        var sms = new ScriptedTransport(NotificationChannel.Sms);

        Assert.Equal(1, await Sender(kit, sms).SendDueAsync(Ct));

        var call = Assert.Single(sms.Calls);
        var message = Assert.Single(await OutboxQueueTests.Messages(kit));
        Assert.Equal((message.Key, "+48600100200", message.Body), (call.Key, call.Recipient, call.Body));
        Assert.Equal($"{TestOutbox.SiteUrl}/api/powiadomienia/stop/{subscription.Token}", call.StopUrl);
        Assert.Equal((OutboxState.Sent, kit.Clock.GetUtcNow(), 1, id), (message.State, message.SentAt, message.Attempts, message.VisitRequestId));
        Assert.Equal("id-" + message.Key[..6], message.ProviderId);
        Assert.Null(message.LeaseUntil);

        // Nothing is sent twice.
        Assert.Equal(0, await Sender(kit, sms).SendDueAsync(Ct));
        Assert.Single(sms.Calls);
    }

    [Fact]
    public async Task GatewayFault_WaitsLongerEachTime_ThenGoesToTheCallList()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        await ArrangeAsync(kit, "Prosimy o dokument");
        var sms = new ScriptedTransport(NotificationChannel.Sms).Then(DeliveryResult.Transient("http-503"), DeliveryResult.Transient("timeout"), DeliveryResult.Transient("http-503"));
        var sender = Sender(kit, sms);

        await sender.SendDueAsync(Ct);
        var first = Assert.Single(await OutboxQueueTests.Messages(kit));
        Assert.Equal((OutboxState.Pending, 1, "http-503"), (first.State, first.Attempts, first.LastError));
        var wait = first.NextAttemptAt - kit.Clock.GetUtcNow();
        Assert.InRange(wait, TimeSpan.FromSeconds(24), TimeSpan.FromSeconds(36));

        // Not before it is due.
        kit.Clock.Advance(wait - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await sender.SendDueAsync(Ct));
        kit.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await sender.SendDueAsync(Ct));
        var second = Assert.Single(await OutboxQueueTests.Messages(kit));
        Assert.InRange(second.NextAttemptAt - kit.Clock.GetUtcNow(), TimeSpan.FromSeconds(48), TimeSpan.FromSeconds(72));

        kit.Clock.Advance(TimeSpan.FromMinutes(2));
        await sender.SendDueAsync(Ct);
        var last = Assert.Single(await OutboxQueueTests.Messages(kit));
        Assert.Equal((OutboxState.Failed, 3, "http-503"), (last.State, last.Attempts, last.LastError));
        Assert.Equal(3, sms.Calls.Count);
        Assert.All(sms.Calls, c => Assert.Equal(last.Key, c.Key));
    }

    [Fact]
    public async Task PermanentRefusal_GoesToTheCallListAtOnce()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        await ArrangeAsync(kit, "Prosimy o dokument");
        var sms = new ScriptedTransport(NotificationChannel.Sms).Then(DeliveryResult.Permanent("smsapi-13"));

        await Sender(kit, sms).SendDueAsync(Ct);

        var message = Assert.Single(await OutboxQueueTests.Messages(kit));
        Assert.Equal((OutboxState.Failed, 1, "smsapi-13"), (message.State, message.Attempts, message.LastError));
    }

    [Fact]
    public async Task NoGatewayForTheChannel_LeavesTheMessageForStaff_AndInDevelopmentWritesACopy()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        await ArrangeAsync(kit, "Prosimy o dokument");
        var root = Path.Combine(Path.GetTempPath(), "mu-outbox-" + Guid.NewGuid().ToString("N"));
        var options = new NotificationOptions { PublicSiteUrl = TestOutbox.SiteUrl, DevelopmentFolder = "wiadomosci" };
        var email = new ScriptedTransport(NotificationChannel.Email);
        var sender = new OutboxSender(kit.Database, [email], Microsoft.Extensions.Options.Options.Create(options), kit.Clock, new TestEnvironment("Development", root), NullLogger<OutboxSender>.Instance);
        try
        {
            Assert.Equal(1, await sender.SendDueAsync(Ct));

            var message = Assert.Single(await OutboxQueueTests.Messages(kit));
            Assert.Equal((OutboxState.AwaitingStaff, (DateTimeOffset?)null), (message.State, message.SentAt));
            Assert.Empty(email.Calls);
            var file = Assert.Single(Directory.GetFiles(Path.Combine(root, "wiadomosci")));
            var text = await File.ReadAllTextAsync(file, Ct);

            // A copy holds a phone number and a message: readable by the service's user only.
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(Path.Combine(root, "wiadomosci")));
                Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(file));
            }
            Assert.Contains("Do: +48600100200", text, StringComparison.Ordinal);
            Assert.Contains(message.Body, text, StringComparison.Ordinal);

            // Staying on the list: a second pass does not touch it again.
            Assert.Equal(0, await sender.SendDueAsync(Ct));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task NoGatewayOutsideDevelopment_WritesNoFile()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        await ArrangeAsync(kit, "Prosimy o dokument");
        var root = Path.Combine(Path.GetTempPath(), "mu-outbox-" + Guid.NewGuid().ToString("N"));
        var options = new NotificationOptions { PublicSiteUrl = TestOutbox.SiteUrl, DevelopmentFolder = "wiadomosci" };
        var sender = new OutboxSender(kit.Database, [], Microsoft.Extensions.Options.Options.Create(options), kit.Clock, new TestEnvironment("Production", root), NullLogger<OutboxSender>.Instance);

        await sender.SendDueAsync(Ct);

        Assert.Equal(OutboxState.AwaitingStaff, Assert.Single(await OutboxQueueTests.Messages(kit)).State);
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public async Task DayBeforeNotice_OfAVisitNoLongerGoingAhead_IsNotSent()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var id = await kit.AddRequestAsync();
        var subscription = await OutboxQueueTests.AddSubscriberAsync(kit, id, NotificationChannel.Sms, "+48600100200");
        Assert.True((await kit.BookAsync(id, clerk, VisitTestKit.Tuesday, 8, 10)).Succeeded);
        var visit = (await kit.RequestAsync(id)).Visits.Single();
        await using (var db = kit.Database.CreateDbContext())
        {
            var request = await db.VisitRequests.SingleAsync(r => r.Id == id, Ct);
            await TestOutbox.For(kit.Clock).QueueForAsync(db, request, await db.Subscriptions.SingleAsync(Ct), NotificationKind.DayBefore, VisitFacts.Of(visit, "Tomasz Wiśniewski"), dedupeKey: NotificationOutbox.DayBeforeKey(visit.Id, subscription.Id), ct: Ct);
            await db.SaveChangesAsync(Ct);
        }

        Assert.True((await kit.BookAsync(id, clerk, VisitTestKit.Tuesday, 12, 14)).Succeeded);
        var sms = new ScriptedTransport(NotificationChannel.Sms);
        await Sender(kit, sms).SendDueAsync(Ct);

        var messages = await OutboxQueueTests.Messages(kit);
        Assert.Equal(OutboxState.Obsolete, messages.Single(m => m.Kind == NotificationKind.DayBefore).State);
        var notice = messages.Single(m => m.Kind == NotificationKind.DayBefore);
        Assert.Equal(NotificationOutbox.DayBeforeKey(visit.Id, subscription.Id), notice.DedupeKey);
        Assert.DoesNotContain(sms.Calls, c => c.Key == notice.Key);
        Assert.Equal(2, sms.Calls.Count);
    }

    [Fact]
    public async Task TwoSendersAtOnce_SendEachMessageOnce()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        for (var i = 0; i < 12; i++)
        {
            await ArrangeAsync(kit, "Prosimy o dokument " + i);
        }

        var sms = new ScriptedTransport(NotificationChannel.Sms);
        var a = Sender(kit, sms);
        var b = Sender(kit, sms);

        var counts = await Task.WhenAll(a.SendDueAsync(Ct), b.SendDueAsync(Ct), a.SendDueAsync(Ct));

        Assert.Equal(12, counts.Sum());
        Assert.Equal(12, sms.Calls.Select(c => c.Key).Distinct().Count());
        Assert.Equal(12, sms.Calls.Count);
        Assert.All(await OutboxQueueTests.Messages(kit), m => Assert.Equal(OutboxState.Sent, m.State));
    }

    [Fact]
    public async Task MessageClaimedByASenderThatDied_WaitsForItsLease_ThenGoesWithTheSameKey()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        await ArrangeAsync(kit, "Prosimy o dokument");
        await using (var db = kit.Database.CreateDbContext())
        {
            // What a sender leaves when it is killed between claiming and recording.
            var m = await db.Outbox.SingleAsync(Ct);
            m.LeaseUntil = kit.Clock.GetUtcNow().AddSeconds(Options.LeaseSeconds);
            m.Attempts = 1;
            await db.SaveChangesAsync(Ct);
        }

        var sms = new ScriptedTransport(NotificationChannel.Sms);
        Assert.Equal(0, await Sender(kit, sms).SendDueAsync(Ct));
        kit.Clock.Advance(TimeSpan.FromSeconds(Options.LeaseSeconds));
        Assert.Equal(1, await Sender(kit, sms).SendDueAsync(Ct));

        var message = Assert.Single(await OutboxQueueTests.Messages(kit));
        Assert.Equal((OutboxState.Sent, 2, message.Key), (message.State, message.Attempts, Assert.Single(sms.Calls).Key));
    }

    [Fact]
    public void RetryDelay_DoublesUpToTheCap_WithJitterWithinAFifth()
    {
        var o = new NotificationOptions { RetryDelaySeconds = 30, MaxRetryDelaySeconds = 3600 };
        for (var i = 0; i < 50; i++)
        {
            Assert.InRange(OutboxSender.RetryDelay(1, o).TotalSeconds, 24, 36);
            Assert.InRange(OutboxSender.RetryDelay(4, o).TotalSeconds, 192, 288);
            Assert.InRange(OutboxSender.RetryDelay(20, o).TotalSeconds, 2880, 4320);
        }
    }

    // A request asked for information, followed by one SMS subscriber: one Pending message.
    private static async Task<(int Id, NotificationSubscription Subscription)> ArrangeAsync(VisitTestKit kit, string note)
    {
        var id = await kit.AddRequestAsync(Requests.RequestStatus.InReview);
        var subscription = await OutboxQueueTests.AddSubscriberAsync(kit, id, NotificationChannel.Sms, "+48600100200");
        var actions = new Office.RequestActions(kit.Database, kit.Audit, kit.Clock, TestOutbox.For(kit.Clock));
        Assert.Empty(await actions.AskForInformationAsync(VisitTestKit.Coordinator, id, note, Ct));
        return (id, subscription);
    }
}
