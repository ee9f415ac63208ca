using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Office;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// The whole sending path as the public site wires it (Core's registrations, the worker, the real SMTP and SMSAPI
/// transports) against local SMTP and SMS gateways that fail every second call, then go down, while the sending app is
/// stopped and started again, and after a sender "died" having handed some messages over without recording it: every
/// message arrives exactly once. Those the dead sender handed over are refused as repeats by the SMS gateway and wait
/// for staff to check, never marked sent on the gateway's word alone.
/// </summary>
public sealed class OutboxDeliveryTests
{
    private const int Requests = 24;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GatewaysFailingHalfTheCallsAndGoingDown_AcrossARestart_EveryMessageArrivesExactlyOnce()
    {
        await using var kit = await VisitTestKit.CreateAsync(DateTimeOffset.UtcNow);
        await using var smtp = await FakeSmtpServer.StartAsync();
        await using var sms = await FakeSmsGateway.StartAsync();
        var keys = await QueueAsync(kit);

        // A sender died after the gateway took three SMS and before it wrote "sent": their leases are still on.
        var dead = keys.Where(k => k.Channel == NotificationChannel.Sms).Take(3).ToList();
        var transport = new SmsApiTransport(new HttpClient(), Options.Create(Settings(smtp, sms)));
        foreach (var (key, _) in dead)
        {
            Assert.Equal(DeliveryOutcome.Delivered, (await transport.SendAsync(new OutgoingMessage(key, "+48600100200", null, "Wysłane przed awarią", null), Ct)).Outcome);
        }

        await using (var db = kit.Database.CreateDbContext())
        {
            var names = dead.Select(d => d.Key).ToList();
            await db.Outbox.Where(m => names.Contains(m.Key)).ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, 1).SetProperty(m => m.LeaseUntil, DateTimeOffset.UtcNow.AddSeconds(2)), Ct);
        }

        smtp.FailEvery(2);
        sms.FailEvery(2);

        // First run: part of the messages go, then both gateways go down and the app is stopped.
        using (var first = StartApp(kit, smtp, sms))
        {
            await first.StartAsync(Ct);
            await sms.WaitForAcceptedAsync(dead.Count + 6, Ct);
            await smtp.WaitForAcceptedAsync(6, Ct);
            await smtp.GoDownAsync();
            await sms.GoDownAsync();
            await WaitForFailedAttemptsAsync(kit, 6);
            await first.StopAsync(Ct);
        }

        // Second run, on the same database: the gateways come back meanwhile.
        using var second = StartApp(kit, smtp, sms);
        await second.StartAsync(Ct);
        await smtp.ComeBackAsync();
        await sms.ComeBackAsync();
        await sms.WaitForAcceptedAsync(Requests, Ct);
        await smtp.WaitForAcceptedAsync(Requests, Ct);
        await WaitForAllSentAsync(kit, dead.Count);
        await second.StopAsync(Ct);
        await using (var db = kit.Database.CreateDbContext())
        {
            var names = dead.Select(d => d.Key).ToList();
            var unconfirmed = await db.Outbox.AsNoTracking().Where(m => m.State == OutboxState.Failed).Select(m => new { m.Key, m.LastError }).ToListAsync(Ct);
            Assert.Equal(names.Order(), unconfirmed.Select(m => m.Key).Order());
            Assert.All(unconfirmed, m => Assert.Equal(SmsApiTransport.DuplicateError, m.LastError));
        }

        // Exactly once at each gateway, each with its own key — though every second call failed, and more than once.
        var smsKeys = sms.Messages.Select(m => m.Idx).ToList();
        Assert.Equal(keys.Where(k => k.Channel == NotificationChannel.Sms).Select(k => k.Key).Order(), smsKeys.Order());
        var mailIds = smtp.Messages.Select(m => m.Parse().MessageId).ToList();
        Assert.Equal(keys.Where(k => k.Channel == NotificationChannel.Email).Select(k => $"{k.Key}@przykladowo.pl").Order(), mailIds.Order());
        Assert.True(sms.Requests.Count >= 2 * Requests - dead.Count, $"only {sms.Requests.Count} SMS calls: the faults did not happen");
        Assert.True(smtp.ConnectionsAccepted >= (2 * Requests) - 1, $"only {smtp.ConnectionsAccepted} SMTP connections: the faults did not happen");
        Assert.Contains(sms.Requests, r => r.Form.TryGetValue("idx", out var idx) && dead.Any(d => d.Key == idx) && r.Form["check_idx"] == "1");
    }

    private static NotificationOptions Settings(FakeSmtpServer smtp, FakeSmsGateway sms) => new()
    {
        PublicSiteUrl = TestOutbox.SiteUrl,
        Sms = new SmsOptions { BaseUrl = sms.BaseAddress.ToString(), Token = sms.Token, Normalize = false },
        Smtp = new SmtpOptions { Host = smtp.Host, Port = smtp.Port, Security = SmtpSecurity.None, From = "Mobilny Urzędnik <mobilny@przykladowo.pl>" },
    };

    // The public site's sending part, configured as an operator would, on the test's database.
    private static IHost StartApp(VisitTestKit kit, FakeSmtpServer smtp, FakeSmsGateway sms)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", ContentRootPath = Path.GetTempPath() });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = kit.Database.ConnectionString,
            ["Database:Provider"] = kit.Database.Provider.ToString(),
            ["PublicSiteUrl"] = TestOutbox.SiteUrl,
            ["Notifications:Smtp:Host"] = smtp.Host,
            ["Notifications:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Smtp:Security"] = "None",
            ["Notifications:Smtp:From"] = "Mobilny Urzędnik <mobilny@przykladowo.pl>",
            ["Notifications:Sms:BaseUrl"] = sms.BaseAddress.ToString(),
            ["Notifications:Sms:Token"] = sms.Token,
            ["Notifications:PollSeconds"] = "0.1",
            ["Notifications:RetryDelaySeconds"] = "0.05",
            ["Notifications:MaxRetryDelaySeconds"] = "0.2",
            ["Notifications:MaxAttempts"] = "1000",
            ["Notifications:SendTimeoutSeconds"] = "5",
            ["Notifications:LeaseSeconds"] = "10",
        });
        builder.Logging.ClearProviders();
        builder.AddCore();
        builder.AddNotificationSending();
        return builder.Build();
    }

    // Requests asked for information, each followed by an SMS number and an e-mail address: one message for each.
    private static async Task<List<(string Key, NotificationChannel Channel)>> QueueAsync(VisitTestKit kit)
    {
        var actions = new RequestActions(kit.Database, kit.Audit, kit.Clock, TestOutbox.For(kit.Clock));
        for (var i = 0; i < Requests; i++)
        {
            var id = await kit.AddRequestAsync(RequestStatus.InReview);
            await OutboxQueueTests.AddSubscriberAsync(kit, id, NotificationChannel.Sms, $"+4860010{i:D4}");
            await OutboxQueueTests.AddSubscriberAsync(kit, id, NotificationChannel.Email, $"osoba{i}@example.pl");
            Assert.Empty(await actions.AskForInformationAsync(VisitTestKit.Coordinator, id, "Prosimy o numer dowodu", Ct));
        }

        await using var db = kit.Database.CreateDbContext();
        return [.. (await db.Outbox.AsNoTracking().Select(m => new { m.Key, m.Channel }).ToListAsync(Ct)).Select(m => (m.Key, m.Channel))];
    }

    private static async Task WaitForFailedAttemptsAsync(VisitTestKit kit, int count)
    {
        await WaitUntilAsync(kit, async db => await db.Outbox.CountAsync(m => m.State == OutboxState.Pending && (m.LastError == "sms-connect" || m.LastError == "smtp-connect"), Ct) >= count, $"{count} attempts against gateways that are down");
    }

    // Every message sent, but for the ones the gateway already had (refused as repeats): those wait for staff.
    private static Task WaitForAllSentAsync(VisitTestKit kit, int unconfirmed) =>
        WaitUntilAsync(
            kit,
            async db => await db.Outbox.AllAsync(m => m.State == OutboxState.Sent || (m.State == OutboxState.Failed && m.LastError == SmsApiTransport.DuplicateError), Ct)
                && await db.Outbox.CountAsync(m => m.State == OutboxState.Failed, Ct) == unconfirmed,
            "every message marked sent, but for the gateway's repeats");

    // Polls the database for a state the app reaches by itself; the deadline only stops a broken test from hanging.
    private static async Task WaitUntilAsync(VisitTestKit kit, Func<Data.AppDbContext, Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            await using (var db = kit.Database.CreateDbContext())
            {
                if (await condition(db))
                {
                    return;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "Never reached: " + what);
            await Task.Delay(50, Ct);
        }
    }
}
