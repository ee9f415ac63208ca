extern alias kiosk;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MobilnyUrzednik.Accessibility;

/// <summary>The kiosk app (still minimal): its start page uses the shared components and passes axe.</summary>
public sealed class KioskTests(BrowserFixture browser, KioskTests.KioskFixture kiosk) : IClassFixture<KioskTests.KioskFixture>
{
    [Fact]
    public async Task StartPage_Opened_ShowsTheMatterAndHelpWithNoAxeViolations()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = kiosk.BaseAddress.ToString(), Locale = "pl-PL" });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "pl");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Poproś o wizytę urzędnika w domu");
        var help = page.GetByRole(AriaRole.Complementary, new() { Name = "Potrzebujesz pomocy?" });
        await Expect(help).ToContainTextAsync("22 123 45 67");

        // Nothing on a kiosk can dial or write: the phone and e-mail are text to copy down, not tel:/mailto: links.
        await Expect(help).ToContainTextAsync("@przykladowo");
        await Expect(help.Locator("a[href^='tel:'], a[href^='mailto:']")).ToHaveCountAsync(0);
        await Expect(page).ToHaveTitleAsync("Poproś o wizytę urzędnika w domu – Mobilny Urzędnik");
        await Axe.CheckAsync(page, "kiosk start page");
    }

    [Fact]
    public async Task StartPage_BeforeItsLiveConnection_AlreadyHasATitle()
    {
        // The audit: kiosk screens had no <title> until the live connection rendered (a slow or refused connection
        // left a nameless page). The connection is held back here; the title must be there all the same.
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = kiosk.BaseAddress.ToString(), Locale = "pl-PL" });
        var page = await context.NewPageAsync();
        await page.RouteAsync("**/_blazor/**", route => route.AbortAsync());

        await page.GotoAsync("/");
        await Expect(page).ToHaveTitleAsync("Mobilny Urzędnik");
        Assert.Equal(1, await page.Locator("head title").CountAsync());

        // Once connected, the screen's own title replaces it, and only one title is left.
        await page.UnrouteAllAsync();
        await page.ReloadAsync();
        await Expect(page).ToHaveTitleAsync("Poproś o wizytę urzędnika w domu – Mobilny Urzędnik");
        Assert.Equal(1, await page.Locator("head title").CountAsync());
    }

    /// <summary>The kiosk on real Kestrel at a free port, with its own SQLite file.</summary>
    public class KioskFixture : WebApplicationFactory<kiosk::Program>, IAsyncLifetime
    {
        private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"mu-kiosk-{Guid.NewGuid():N}.db");

        public Uri BaseAddress { get; private set; } = default!;

        /// <summary>The port to listen on: 0 (any free one) unless a test brings a kiosk back where it was.</summary>
        protected virtual int Port => 0;

        public ValueTask InitializeAsync()
        {
            UseKestrel(Port);
            StartServer();
            BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            return ValueTask.CompletedTask;
        }

        /// <summary>Extra configuration for this kiosk (e.g. its devices and keys).</summary>
        protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Default", new SqliteConnectionStringBuilder { DataSource = _databasePath }.ToString());

            // Every test of a class uses the one demo kiosk, faster than a person: its speech and connection limits are
            // lifted here and tested on their own (StrangerInputTests sets them back).
            builder.UseSetting("Speech:RequestsPerMinute", "100000");
            builder.UseSetting("Abuse:LiveConnectionsPerKiosk", "100000");
            foreach (var (key, value) in Settings)
            {
                builder.UseSetting(key, value);
            }
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(_databasePath + suffix);
            }
        }
    }
}
