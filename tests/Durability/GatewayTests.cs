using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Durability;

/// <summary>
/// A resident is told "sent" whatever the SMS gateway is doing: with the gateway holding the site's sender on a call it
/// never answers, eleven residents file and see their codes; when the gateway answers again, each gets one SMS.
/// </summary>
public sealed class GatewayTests
{
    private const int Residents = 11;

    [Fact]
    public async Task GatewayThatNeverAnswers_DoesNotHoldUpSubmissions_AndEachMessageGoesOnceItAnswers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestStore.CreateAsync(ct);
        await using var gateway = await FakeSmsGateway.StartAsync();
        gateway.Hang();
        await using var site = new InProcessSite(database.AppSettings, new Dictionary<string, string>
        {
            ["Notifications:Sms:BaseUrl"] = gateway.BaseAddress.ToString(),
            ["Notifications:Sms:Token"] = gateway.Token,
            ["Notifications:SendTimeoutSeconds"] = "120",
            ["Notifications:LeaseSeconds"] = "180",
        });
        var address = site.Start();

        // The first resident's "received" SMS gets the sender stuck on the gateway.
        var codes = new List<string> { await FileAsync(address, 0, ct) };
        await gateway.WaitForHeldAsync(1, ct);

        // Everyone else files while it is stuck, and is told "sent" with a code.
        for (var i = 1; i < Residents; i++)
        {
            codes.Add(await FileAsync(address, i, ct));
            Assert.True(gateway.HeldConnections >= 1, "the gateway let go before the residents had filed");
        }

        Assert.Equal(Residents, codes.Distinct().Count());
        Assert.Equal(0, gateway.AcceptedCount);

        gateway.Release();
        await gateway.WaitForAcceptedAsync(Residents, ct);

        await using var db = database.Open();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await db.Outbox.AnyAsync(m => m.State != OutboxState.Sent, ct))
        {
            Assert.True(DateTime.UtcNow < deadline, "not every message was marked sent");
            await Task.Delay(50, ct);
        }

        Assert.Equal(Residents, gateway.Messages.Select(m => m.Idx).Distinct().Count());
        Assert.Equal(Residents, gateway.Messages.Count);
        Assert.All(codes, code => Assert.Contains(gateway.Messages, m => m.Message.Contains(code, StringComparison.Ordinal)));
    }

    private static async Task<string> FileAsync(Uri site, int i, CancellationToken ct)
    {
        using var client = new JourneyClient(site);
        await client.WalkToCheckAsync($"+48 602 100 {i:D3}", ct, ContactChannel.Sms);
        Assert.True(await client.SendAsync(ct), $"resident {i} was not told the request was sent");
        return await client.ReadConfirmationAsync(null, ct);
    }
}
