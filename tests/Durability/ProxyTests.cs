namespace MobilnyUrzednik.Durability;

/// <summary>
/// Behind a TLS proxy: the apps believe <c>X-Forwarded-Proto</c> only from the proxies in <c>Abuse:TrustedProxies</c>
/// (addresses or CIDR networks), and then send HSTS, as they do over HTTPS; a malformed entry stops start-up with one
/// line. Both apps run as their own processes in Production, reached from 127.0.0.1.
/// </summary>
[Trait("RunOnce", "true")]
public sealed class ProxyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Apps => new() { "MobilnyUrzednik.PublicSite", "MobilnyUrzednik.Kiosk" };

    [Fact]
    public async Task ForwardedHttpsFromATrustedNetwork_GetsHsts_BothApps()
    {
        using var folder = new TempFolder();
        var settings = Settings(folder, "127.0.0.0/8");
        await using var site = await AppProcess.StartAsync("MobilnyUrzednik.PublicSite", settings, Ct);
        await using var kiosk = await AppProcess.StartAsync("MobilnyUrzednik.Kiosk", settings, Ct);

        foreach (var app in new[] { site, kiosk })
        {
            Assert.Null(await HstsAsync(app, forwardedProto: null));
            Assert.Null(await HstsAsync(app, forwardedProto: "http"));
            Assert.Equal("max-age=2592000", await HstsAsync(app, forwardedProto: "https"));
        }
    }

    [Fact]
    public async Task NothingConfigured_AProxyOnTheSameMachineIsTrusted()
    {
        using var folder = new TempFolder();
        await using var site = await AppProcess.StartAsync("MobilnyUrzednik.PublicSite", Settings(folder), Ct);

        Assert.Equal("max-age=2592000", await HstsAsync(site, forwardedProto: "https"));
    }

    [Fact]
    public async Task ForwardedHttpsFromAnUntrustedAddress_IsIgnored_BothApps()
    {
        using var folder = new TempFolder();

        // The proxy is elsewhere (192.0.2.0/24): the test's own address, 127.0.0.1, is just a caller.
        var settings = Settings(folder, "192.0.2.10, 198.51.100.0/24");
        await using var site = await AppProcess.StartAsync("MobilnyUrzednik.PublicSite", settings, Ct);
        await using var kiosk = await AppProcess.StartAsync("MobilnyUrzednik.Kiosk", settings, Ct);

        foreach (var app in new[] { site, kiosk })
        {
            Assert.Null(await HstsAsync(app, forwardedProto: "https"));
        }
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public async Task MalformedEntry_OneLineNamingIt_ExitCode3(string app)
    {
        using var folder = new TempFolder();
        var settings = Settings(folder, "10.0.0.0/24");
        settings["Abuse:TrustedProxies:1"] = "10.0.0.0/33";

        // The kiosk first asks for the site's database file (it never makes one): it is there.
        await File.WriteAllBytesAsync(folder.File("mobilny.db"), [], Ct);

        var (code, output, error) = await AppProcess.RunAsync(app, settings, Ct);

        Assert.Equal(3, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(
            "Błędny wpis „10.0.0.0/33” w Abuse:TrustedProxies — wpisz adres IP (np. 10.0.0.5) albo sieć w zapisie CIDR (np. 10.0.0.0/24). "
            + "/ Invalid entry '10.0.0.0/33' in Abuse:TrustedProxies: use an IP address or a CIDR network.",
            line);
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
    }

    // A request as the proxy would pass it on: the public host name (HSTS is never sent for localhost or 127.0.0.1).
    private static async Task<string?> HstsAsync(AppProcess app, string? forwardedProto)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(app.BaseAddress, "/"));
        request.Headers.Host = "mobilny.przykladowo.example.pl";
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        using var response = await http.SendAsync(request, Ct);
        Assert.True((int)response.StatusCode < 500, $"{app.BaseAddress}: {response.StatusCode}\n{app.Log}");
        return response.Headers.TryGetValues("Strict-Transport-Security", out var values) ? string.Join(",", values) : null;
    }

    private static Dictionary<string, string> Settings(TempFolder folder, string? trustedProxies = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Default"] = "Data Source=" + folder.File("mobilny.db"),
            ["PublicSiteUrl"] = "https://mobilny.przykladowo.example.pl",
        };
        if (trustedProxies is not null)
        {
            settings["Abuse:TrustedProxies:0"] = trustedProxies;
        }

        return settings;
    }
}
