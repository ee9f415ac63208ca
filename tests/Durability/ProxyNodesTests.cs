using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace MobilnyUrzednik.Durability;

/// <summary>
/// Two public-site nodes and the kiosk app (their own processes) on one PostgreSQL database behind the system's
/// HAProxy, which ends TLS (a throw-away certificate) and keeps each browser on its node with a cookie, all on
/// loopback: a resident files through one node and finds the request on /status through the other; a coordinator signed
/// in once through one node goes on working when the affinity cookie moves them to the other; and a kiosk enrolled
/// through one kiosk node (its key over HTTPS, its Secure device cookie back) is recognised by the other kiosk node
/// when its affinity cookie moves it there. The key ring and the staff sessions are in the database. HAProxy names the
/// node that answered (X-Served-By).
/// </summary>
[Trait("RunOnce", "true")]
public sealed class ProxyNodesTests
{
    private const string Password = "Kolorowe-Jabłka-2026";
    private const string KioskKey = "klucz-biblioteki-4d2e-9a71";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ResidentCoordinatorAndKiosk_MovedBetweenNodes_KeepWorking()
    {
        var database = await TestPostgres.CreateDatabaseAsync(Ct);
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Default"] = database,
                ["PublicSiteUrl"] = "https://mobilny.przykladowo.example.pl",
                ["Abuse:PostsPerMinute"] = "1000",
                ["Abuse:MinimumFillSeconds"] = "0",
                ["Staff:RequireTwoFactor"] = "false",
            };
            var created = await AppProcess.RunWithInputAsync("MobilnyUrzednik.PublicSite", settings, Password, Ct,
                "create-staff", "--email", "ewa.nowak@gmina.example.pl", "--name", "Ewa Nowak", "--role", "coordinator");
            Assert.True(created.ExitCode == 0, created.Output + created.Error);

            var kioskSettings = new Dictionary<string, string>(settings)
            {
                ["Kiosk:Devices:0:Id"] = "biblioteka-szkolna",
                ["Kiosk:Devices:0:Location"] = "Biblioteka Publiczna, ul. Szkolna 2",
                ["Kiosk:Devices:0:KeySha256"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(KioskKey))),
            };

            await using var node1 = await AppProcess.StartAsync("MobilnyUrzednik.PublicSite", settings, Ct);
            await using var node2 = await AppProcess.StartAsync("MobilnyUrzednik.PublicSite", settings, Ct);
            await using var kiosk1 = await AppProcess.StartAsync("MobilnyUrzednik.Kiosk", kioskSettings, Ct);
            await using var kiosk2 = await AppProcess.StartAsync("MobilnyUrzednik.Kiosk", kioskSettings, Ct);
            await using var proxy = await HaproxyProcess.StartAsync(
            [
                new ProxiedApp("publicsite", "mu_node", [("node1", node1.BaseAddress), ("node2", node2.BaseAddress)]),
                new ProxiedApp("kiosk", "mu_kiosk_node", [("kiosk1", kiosk1.BaseAddress), ("kiosk2", kiosk2.BaseAddress)]),
            ], Ct);
            var site = proxy.AddressOf("publicsite");

            // A resident files through node 1 …
            using var resident = new JourneyClient(site, proxy.CreateHandler);
            resident.SetCookie("mu_node", "node1");
            await resident.WalkToCheckAsync("+48 602 555 123", Ct);
            Assert.True(await resident.SendAsync(Ct), "the request was not sent");
            var code = await resident.ReadConfirmationAsync(null, Ct);
            Assert.Equal("node1", resident.ServedBy);

            // … and, from another browser held to node 2, finds it on /status.
            using var neighbour = new JourneyClient(site, proxy.CreateHandler);
            neighbour.SetCookie("mu_node", "node2");
            Assert.Contains(code, await neighbour.LookUpStatusAsync(code, "5123", Ct), StringComparison.Ordinal);
            Assert.Equal("node2", neighbour.ServedBy);

            // A coordinator signs in once through node 1 …
            using var coordinator = new JourneyClient(site, proxy.CreateHandler);
            coordinator.SetCookie("mu_node", "node1");
            var landed = await coordinator.SignInStaffAsync("ewa.nowak@gmina.example.pl", Password, Ct);
            Assert.StartsWith("/panel", landed, StringComparison.Ordinal);
            Assert.NotEqual("/panel/logowanie", landed);
            Assert.Equal("/panel", (await coordinator.OpenAsync("/panel", Ct)).Path);
            Assert.Equal("node1", coordinator.ServedBy);

            // … and when the affinity cookie sends them to node 2, the panel is still theirs, without signing in again.
            coordinator.SetCookie("mu_node", "node2");
            Assert.Equal("/panel", (await coordinator.OpenAsync("/panel", Ct)).Path);
            Assert.Equal("node2", coordinator.ServedBy);

            await KioskEnrolledOnOneNode_IsRecognisedByTheOtherAsync(proxy);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    // The library's kiosk enters its key once through kiosk node 1 (over the proxy's HTTPS: over plain HTTP the key is
    // refused unread) and gets the Secure device cookie; moved to kiosk node 2 by its affinity cookie, it is served the
    // kiosk's start screen. A browser without the device cookie is refused by node 2 (so it is the cookie that counts).
    private static async Task KioskEnrolledOnOneNode_IsRecognisedByTheOtherAsync(HaproxyProcess proxy)
    {
        var kiosk = proxy.AddressOf("kiosk");
        var cookies = new CookieContainer();
        using var browser = new HttpClient(proxy.CreateHandler(cookies)) { BaseAddress = kiosk, Timeout = TimeSpan.FromSeconds(60) };
        cookies.Add(kiosk, new Cookie("mu_kiosk_node", "kiosk1", "/"));

        using (var refused = await browser.GetAsync("/", Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("kiosk1", ServedBy(refused));
        }

        using (var enrolled = await browser.PostAsync("/urzadzenie", new FormUrlEncodedContent([KeyValuePair.Create("klucz", KioskKey)]), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
            Assert.Equal("kiosk1", ServedBy(enrolled));
            var device = enrolled.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mu_kiosk=", StringComparison.Ordinal));
            Assert.Contains("secure", device, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", device, StringComparison.OrdinalIgnoreCase);
        }

        using (var atNode1 = await browser.GetAsync("/", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, atNode1.StatusCode);
            Assert.Equal("kiosk1", ServedBy(atNode1));
        }

        // Moved to kiosk node 2, which never saw the key.
        cookies.Add(kiosk, new Cookie("mu_kiosk_node", "kiosk2", "/"));
        using (var atNode2 = await browser.GetAsync("/", Ct))
        {
            Assert.Equal("kiosk2", ServedBy(atNode2));
            Assert.Equal(HttpStatusCode.OK, atNode2.StatusCode);
            // The kiosk's live screen (it is not prerendered: the page holds the circuit's start, with the device as a
            // protected parameter), not the refusal with its set-up link.
            var html = await atNode2.Content.ReadAsStringAsync(Ct);
            Assert.Contains("\"type\":\"server\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Ten kiosk nie jest jeszcze skonfigurowany", html, StringComparison.Ordinal);
        }

        // And node 2 opens the screen's live connection for it (Blazor's negotiation; refused to an unknown device).
        using (var live = await browser.PostAsync("/_blazor/negotiate?negotiateVersion=1", null, Ct))
        {
            Assert.Equal("kiosk2", ServedBy(live));
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Contains("connectionToken", await live.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // Without the device cookie, node 2 refuses: it recognised the kiosk, not any browser.
        using var stranger = new HttpClient(proxy.CreateHandler()) { BaseAddress = kiosk };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", "mu_kiosk_node=kiosk2");
        using var strangerAtNode2 = await stranger.SendAsync(request, Ct);
        Assert.Equal("kiosk2", ServedBy(strangerAtNode2));
        Assert.Equal(HttpStatusCode.Forbidden, strangerAtNode2.StatusCode);
        Assert.Contains("Ten kiosk nie jest jeszcze skonfigurowany", await strangerAtNode2.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        negotiate.Headers.Add("Cookie", "mu_kiosk_node=kiosk2");
        using var strangerLive = await stranger.SendAsync(negotiate, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, strangerLive.StatusCode);
    }

    private static string? ServedBy(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Served-By", out var node) ? node.Single() : null;
}
