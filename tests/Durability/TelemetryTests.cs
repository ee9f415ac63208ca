using System.Net;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Requests;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MobilnyUrzednik.Durability;

/// <summary>
/// The public site as its own process exporting over OTLP to a local receiver: a resident files with a canary word in
/// every free-text answer and a phone number of its own, gets the SMS, looks the request up (right, then wrong until
/// refused), and odd addresses carry the canary in a query string and in route values. The receiver gets our counters
/// and the framework's, and no canary, no phone number and no tracking code anywhere. Without an endpoint, nothing is
/// collected.
/// </summary>
[Trait("RunOnce", "true")]
public sealed class TelemetryTests
{
    private const string Canary = "Zzkanarekqx";
    private const string Phone = "+48 602 913 847";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FullJourney_ExportsOurCountersAndNoPersonalDataOrTrackingCode()
    {
        using var folder = new TempFolder();
        await using var otlp = await OtlpListener.StartAsync();
        await using var sms = await FakeSmsGateway.StartAsync();
        await using var site = await AppProcess.StartAsync("MobilnyUrzednik.PublicSite", new Dictionary<string, string>
        {
            ["ConnectionStrings:Default"] = "Data Source=" + folder.File("mobilny.db"),
            ["PublicSiteUrl"] = "https://mobilny.przykladowo.example.pl",
            ["Abuse:PostsPerMinute"] = "1000",
            ["Abuse:MinimumFillSeconds"] = "0",
            ["StatusLookup:FailuresBeforeLock"] = "1",
            ["Notifications:Sms:BaseUrl"] = sms.BaseAddress.ToString(),
            ["Notifications:Sms:Token"] = sms.Token,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        }, Ct);

        using var resident = new JourneyClient(site.BaseAddress);
        await resident.WalkToCheckAsync(Phone, Ct, ContactChannel.Sms, Canary);
        Assert.True(await resident.SendAsync(Ct), "the request was not sent");
        var code = await resident.ReadConfirmationAsync(null, Ct);
        await sms.WaitForAcceptedAsync(1, Ct);
        Assert.Contains(code, sms.Messages[0].Message, StringComparison.Ordinal);

        Assert.Contains(code, await resident.LookUpStatusAsync(code, "3847", Ct), StringComparison.Ordinal);
        await resident.LookUpStatusAsync(code, "0000", Ct);
        await resident.LookUpStatusAsync(code, "0000", Ct);

        // A canary in a query string and in route values, as a stranger's link or a stop link carries it.
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = site.BaseAddress };

        // The caller's address as a proxy on the same machine forwards it: personal data too.
        http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.77");
        foreach (var path in new[] { $"/status?numer={code}&x={Canary}", $"/powiadomienia/stop/{Canary}", $"/api/powiadomienia/stop/{Canary}", $"/jezyk?powrot=/{Canary}", $"/{Canary}" })
        {
            using var response = await http.GetAsync(path, Ct);
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        }

        // Every counter we expect has arrived (the exporter sends every half second); then one more export of each kind.
        string[] expected =
        [
            "mu.requests.filed", "mu.outbox.deliveries", "mu.status_lookups.refused", "mu.outbox.depth", "mu.outbox.oldest_age",
            "http.server.request.duration", "http.client.request.duration", "/zgloszenie", "mobilny-urzednik-publicsite",
        ];
        using (var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            patience.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                while (expected.Any(e => !otlp.Text.Contains(e, StringComparison.Ordinal)))
                {
                    await Task.Delay(200, patience.Token);
                }
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                Assert.Fail("Not exported: " + string.Join(", ", expected.Where(e => !otlp.Text.Contains(e, StringComparison.Ordinal))) + "\n" + site.Log);
            }
        }

        // One more request, and then an export of traces and of metrics after it: every span of the journey ended before
        // it, and the exporter sends spans in the order they ended.
        var metrics = otlp.Count("/v1/metrics");
        var traces = otlp.Count("/v1/traces");
        using (var last = await http.GetAsync("/", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        }

        using (var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            patience.CancelAfter(TimeSpan.FromSeconds(60));
            while (otlp.Count("/v1/metrics") <= metrics || otlp.Count("/v1/traces") <= traces)
            {
                await Task.Delay(100, patience.Token);
            }
        }

        var all = otlp.Text;
        Assert.Contains("Sms", all, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("913847", all.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("913 847", all, StringComparison.Ordinal);
        Assert.DoesNotContain(code, all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal), all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Kowalczyk", all, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113.77", all, StringComparison.Ordinal);
        Assert.Equal(0, otlp.Count("/v1/logs"));
    }

    [Fact]
    public void NoEndpoint_NothingCollected()
    {
        using var folder = new TempFolder();
        using var site = InProcessSite.OnSqliteFile(folder.File("mobilny.db"));

        Assert.Null(site.Services.GetService(typeof(TracerProvider)));
        Assert.Null(site.Services.GetService(typeof(MeterProvider)));
    }
}
