using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using MobilnyUrzednik.Core.Data;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// A restart or a redeploy (new processes, as in new containers: nothing shared with the old ones through files) keeps
/// a staff member signed in and a library kiosk enrolled: the key ring that protects their cookies is in the database.
/// Without it, every deploy signed the whole office out and sent a librarian to re-enrol every kiosk.
/// </summary>
public abstract class RestartChecks(BrowserFixture browser) : IAsyncLifetime
{
    private const string KioskKey = "klucz-kiosku-restart-5d2e";
    private string _sqliteFile = string.Empty;
    private string _connectionString = string.Empty;

    protected abstract DatabaseProvider Provider { get; }

    public async ValueTask InitializeAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            _connectionString = await TestPostgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        }
        else
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), $"mu-restart-{Guid.NewGuid():N}.db");
            _connectionString = new SqliteConnectionStringBuilder { DataSource = _sqliteFile }.ToString();
        }
    }

    [Fact]
    public async Task StaffSignedInAndKioskEnrolled_BothAppsRedeployed_StaySignedInAndEnrolled()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var office = await browser.Browser.NewContextAsync(new() { Locale = "pl-PL" });
        await using var library = await browser.Browser.NewContextAsync(new() { Locale = "pl-PL" });
        var staffPage = await office.NewPageAsync();
        var kioskPage = await library.NewPageAsync();

        await using (var site = await AppProcess.StartAsync("MobilnyUrzednik.PublicSite", SiteSettings(), ct))
        await using (var kiosk = await AppProcess.StartAsync("MobilnyUrzednik.Kiosk", KioskSettings(), ct))
        {
            await staffPage.GotoAsync(new Uri(site.BaseAddress, "/panel/logowanie").ToString());
            await Staff.TypeCredentialsAsync(staffPage, Staff.Coordinator, Staff.Password, site.BaseAddress);
            await Expect(staffPage.Locator("main h1")).ToHaveTextAsync("Panel pracowników");

            await kioskPage.GotoAsync(new Uri(kiosk.BaseAddress, "/urzadzenie").ToString());
            await kioskPage.GetByLabel("Klucz kiosku").FillAsync(KioskKey);
            await kioskPage.GetByRole(AriaRole.Button, new() { Name = "Zapisz klucz" }).ClickAsync();
            await Expect(Kiosk.H1(kioskPage)).ToHaveTextAsync(Journey.Headings.Start);
        }

        // New processes with new home folders on the same database (the browser keeps its cookies: they name the host, not the port).
        await using var newSite = await AppProcess.StartAsync("MobilnyUrzednik.PublicSite", SiteSettings(), ct);
        await using var newKiosk = await AppProcess.StartAsync("MobilnyUrzednik.Kiosk", KioskSettings(), ct);

        await staffPage.GotoAsync(new Uri(newSite.BaseAddress, "/panel/zgloszenia").ToString());
        await Expect(staffPage).ToHaveURLAsync(new Regex("/panel/zgloszenia$"));
        await Expect(staffPage.Locator("main h1")).ToHaveTextAsync("Zgłoszenia");

        await kioskPage.GotoAsync(newKiosk.BaseAddress.ToString());
        await Expect(Kiosk.H1(kioskPage)).ToHaveTextAsync(Journey.Headings.Start);
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (Provider == DatabaseProvider.Postgres)
        {
            await TestPostgres.DropDatabaseAsync(_connectionString);
            return;
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", ".seed-lock" })
        {
            File.Delete(_sqliteFile + suffix);
        }
    }

    private Dictionary<string, string> Database() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Default"] = _connectionString,
    };

    private Dictionary<string, string> SiteSettings() => new(Database())
    {
        ["Notifications:DevelopmentFolder"] = string.Empty,
    };

    private Dictionary<string, string> KioskSettings() => new(Database())
    {
        // A real enrolment, not Development's automatic demo device.
        ["Kiosk:DevelopmentDevice"] = string.Empty,
        ["Kiosk:Devices:0:Id"] = "biblioteka-restart",
        ["Kiosk:Devices:0:Location"] = "Biblioteka Publiczna, ul. Szkolna 2",
        ["Kiosk:Devices:0:KeySha256"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(KioskKey))),
    };
}

public sealed class RestartOnSqliteTests(BrowserFixture browser) : RestartChecks(browser)
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class RestartOnPostgresTests(BrowserFixture browser) : RestartChecks(browser)
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
