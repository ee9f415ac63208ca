extern alias kiosk;

using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// Kiosk set-up that cannot go quietly wrong (issue 12, point 9): outside Development no database of its own, and the
/// key and the device cookie only over HTTPS.
/// </summary>
public sealed class KioskSetupTests(BrowserFixture browser, SiteFixture site) : IClassFixture<SiteFixture>
{
    private const string Key = "klucz-produkcyjny-9d41";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void OutsideDevelopment_WithoutAConnectionString_TheKioskRefusesToStart()
    {
        using var kiosk = new ProductionKiosk(connectionString: null);
        var error = Assert.ThrowsAny<Exception>(kiosk.Start);
        Assert.Contains("ConnectionStrings:Default is not set", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void OutsideDevelopment_AConnectionStringToAMissingFile_IsRefused_AndNoFileIsMade()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"mu-kiosk-brak-{Guid.NewGuid():N}.db");
        using var kiosk = new ProductionKiosk(new SqliteConnectionStringBuilder { DataSource = missing }.ToString());
        var error = Assert.ThrowsAny<Exception>(kiosk.Start);
        Assert.Contains("does not exist", Flatten(error), StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task OutsideDevelopment_TheKeyAndTheDeviceCookie_OnlyOverHttps()
    {
        await using var kiosk = new ProductionKiosk(site.ConnectionString);
        var address = kiosk.Start();
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };

        // Over plain HTTP: no form to type the key into, and a posted key is refused unread.
        using (var form = await http.GetAsync("/urzadzenie", Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
            Assert.Contains("Klucz kiosku wpisuje się tylko przez połączenie szyfrowane", await form.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var plain = await http.SendAsync(Enrol(https: false), Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, plain.StatusCode);
            Assert.False(plain.Headers.Contains("Set-Cookie"));
        }

        // Over HTTPS (here: the trusted proxy in front says so): the cookie is set, Secure.
        using var enrolled = await http.SendAsync(Enrol(https: true), Ct);
        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
        var cookie = Assert.Single(enrolled.Headers.GetValues("Set-Cookie"), c => c.StartsWith("mu_kiosk=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        // The cookie opens the kiosk over HTTPS only.
        var value = cookie.Split(';')[0];
        using (var overHttps = await http.SendAsync(Get(value, https: true), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, overHttps.StatusCode);
        }

        using var overHttp = await http.SendAsync(Get(value, https: false), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, overHttp.StatusCode);
        Assert.Contains("połączenie szyfrowane", await overHttp.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverPlainHttp_TheKeyPage_SaysWhyInPolish_AndPassesAxe()
    {
        await using var kiosk = new ProductionKiosk(site.ConnectionString);
        var address = kiosk.Start();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = address.ToString(), Locale = "pl-PL" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/urzadzenie");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Konfiguracja kiosku");
        await Expect(page.Locator("main")).ToContainTextAsync("Klucz kiosku wpisuje się tylko przez połączenie szyfrowane.");
        await Expect(page.GetByLabel("Klucz kiosku")).ToHaveCountAsync(0);
        await Axe.CheckAsync(page, "konfiguracja kiosku: bez https");
    }

    private static HttpRequestMessage Enrol(bool https)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/urzadzenie") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["klucz"] = Key }) };
        Forwarded(request, https);
        return request;
    }

    private static HttpRequestMessage Get(string cookie, bool https)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        Forwarded(request, https);
        return request;
    }

    private static void Forwarded(HttpRequestMessage request, bool https)
    {
        request.Headers.Add("X-Forwarded-For", "192.0.2.10");
        request.Headers.Add("X-Forwarded-Proto", https ? "https" : "http");
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);

    /// <summary>The kiosk as a municipality runs it: Production, one device, the given database (or none).</summary>
    private sealed class ProductionKiosk(string? connectionString) : WebApplicationFactory<kiosk::Program>
    {
        public Uri Start()
        {
            UseKestrel(0);
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseStaticWebAssets();
            builder.UseSetting("PublicSiteUrl", "https://mobilny.przykladowo.example.pl");
            if (connectionString is not null)
            {
                builder.UseSetting("ConnectionStrings:Default", connectionString);
            }

            builder.UseSetting("Kiosk:Devices:0:Id", "biblioteka");
            builder.UseSetting("Kiosk:Devices:0:Location", "Biblioteka Publiczna, ul. Szkolna 2");
            builder.UseSetting("Kiosk:Devices:0:KeySha256", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Key))));
        }
    }
}
