extern alias kiosk;

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Accessibility;

/// <summary>The website's /status form posted as a script would (no browser): the page's token once, then any address.</summary>
public sealed partial class StatusForm : IDisposable
{
    public const string NotFound = "Nie znaleźliśmy zgłoszenia z tym numerem i tymi cyframi telefonu.";
    public const string Locked = "Sprawdzanie tego numeru jest na jakiś czas zablokowane";
    public const string CallerLimited = "Z tego urządzenia wpisano w ostatniej godzinie za dużo błędnych numerów.";

    private readonly HttpClient _http;
    private string? _token;

    public StatusForm(Uri site)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = site };
    }

    /// <summary>Posts a look-up as if from <paramref name="address"/> (through the loopback proxy the site trusts) and returns the page.</summary>
    public async Task<string> LookUpAsync(string code, string digits, string address)
    {
        _token ??= Token().Match(await _http.GetStringAsync("/status")).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/status")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "status",
                ["__RequestVerificationToken"] = _token,
                ["numer"] = code,
                ["cyfry"] = digits,
            }),
        };
        request.Headers.Add("X-Forwarded-For", address);
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>True when the page shows the request's status (its heading "Zgłoszenie K7P-…").</summary>
    public static bool ShowsStatus(string page, string code) => page.Contains("<h1 tabindex=\"-1\">Zgłoszenie " + code, StringComparison.Ordinal) || page.Contains(">Zgłoszenie " + code + "</h1>", StringComparison.Ordinal);

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

/// <summary>A site whose addresses may make only three wrong look-ups an hour, and whose codes never lock (to see the address budget alone).</summary>
public sealed class SmallAddressBudgetSiteFixture : SiteFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["StatusLookup:FailuresPerAddressPerHour"] = "3",
        ["StatusLookup:FailuresBeforeLock"] = "1000",
    };
}

/// <summary>Status look-up that cannot be brute-forced (issue 12, point 2): a lock per code whatever the address, IPv6 counted per /64, audited.</summary>
public sealed class StatusLookupLimitTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    [Fact]
    public async Task FiveWrongPairsFromRotatingAddresses_LockTheCode_TheRightDigitsThenSayCallTheOffice_AndTheAdministratorSeesTheLock()
    {
        var (id, code) = await Subscribe.AddRequestAsync(Site);
        using var form = new StatusForm(Site.BaseAddress);
        long before;
        await using (var db = Site.OpenDatabase())
        {
            before = await db.AuditLog.MaxAsync(a => (long?)a.Id, TestContext.Current.CancellationToken) ?? 0;
        }

        // Four wrong pairs, each from a new address (IPv4 and IPv6 in turn): the usual "not found".
        string[] addresses = ["198.51.100.1", "2001:db8:a::1", "198.51.100.2", "2001:db8:b::1", "198.51.100.3", "2001:db8:c::1"];
        for (var i = 0; i < 4; i++)
        {
            var wrong = await form.LookUpAsync(code, $"100{i}", addresses[i]);
            Assert.Contains(StatusForm.NotFound, wrong, StringComparison.Ordinal);
        }

        // The fifth locks the code; from then on even the right digits, from yet another address, only say to call.
        var fifth = await form.LookUpAsync(code, "1004", addresses[4]);
        Assert.Contains(StatusForm.Locked, fifth, StringComparison.Ordinal);
        var right = await form.LookUpAsync(code, "0200", addresses[5]);
        Assert.False(StatusForm.ShowsStatus(right, code), "A locked code showed its status.");
        Assert.Contains(StatusForm.Locked, right, StringComparison.Ordinal);
        Assert.Contains("Zadzwoń do urzędu: 22 123 45 67", right, StringComparison.Ordinal);

        // A code that does not exist answers exactly the same way, so a lock says nothing about a code.
        var unknown = TrackingCode.NewCode();
        for (var i = 0; i < 4; i++)
        {
            Assert.Contains(StatusForm.NotFound, await form.LookUpAsync(TrackingCode.Format(unknown), $"200{i}", $"203.0.113.{10 + i}"), StringComparison.Ordinal);
        }

        Assert.Contains(StatusForm.Locked, await form.LookUpAsync(TrackingCode.Format(unknown), "2004", "203.0.113.20"), StringComparison.Ordinal);

        // The lock is in the audit log by the request's id, with no address and no digits.
        await using (var db = Site.OpenDatabase())
        {
            var entries = await db.AuditLog.Where(a => a.Action == "status.locked" && a.Id > before).OrderBy(a => a.Id).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(2, entries.Count);
            Assert.Equal($"request:{id}", entries[0].Subject);
            Assert.Null(entries[1].Subject);
            Assert.All(entries, e =>
            {
                Assert.DoesNotContain("198.51", e.Detail, StringComparison.Ordinal);
                Assert.DoesNotContain("2001:db8", e.Detail, StringComparison.Ordinal);
                Assert.DoesNotContain("100", e.Detail, StringComparison.Ordinal);
                Assert.DoesNotContain(code.Replace("-", string.Empty, StringComparison.Ordinal), e.Detail + e.Subject, StringComparison.Ordinal);
            });
        }

        // The administrator reads it in the audit log, in Polish.
        await Staff.SignInAsync(Page, Staff.Administrator);
        await Page.GotoAsync("/panel/admin/dziennik");
        var row = Page.Locator("main table tbody tr").Filter(new() { HasText = "Blokada numeru zgłoszenia po błędnych cyfrach telefonu" });
        await Expect(row.First).ToContainTextAsync("Ochrona sprawdzania statusu");
    }

    [Fact]
    public async Task LockedCode_OnThePage_SaysToCallWithoutSayingWhichHalfWasWrong_AndPassesAxe()
    {
        var (_, code) = await Subscribe.AddRequestAsync(Site);
        await Page.GotoAsync("/status");
        for (var i = 0; i < 5; i++)
        {
            await Journey.TypeAsync(Page, "Numer zgłoszenia", code);
            await Journey.TypeAsync(Page, "4 ostatnie cyfry numeru telefonu", $"300{i}");
            await Journey.Button(Page, "Sprawdź status").ClickAsync();
            await Expect(Page.Locator(".error-summary")).ToBeVisibleAsync();
        }

        await Expect(Page).ToHaveTitleAsync(new Regex("^Błąd: "));
        await Expect(Page.Locator("#numer-error")).ToContainTextAsync(StatusForm.Locked);
        await Expect(Page.Locator(".error-summary")).ToBeFocusedAsync();
        await Axe.CheckAsync(Page, "status: numer zablokowany");
    }
}

/// <summary>The address budget: IPv6 addresses of one /64 share it, another /64 has its own.</summary>
public sealed class StatusLookupAddressTests(SmallAddressBudgetSiteFixture site) : IClassFixture<SmallAddressBudgetSiteFixture>
{
    [Fact]
    public async Task AddressesOfOneSlash64_ShareOneBudget_AnotherSlash64AndIPv4AreCountedApart()
    {
        var (_, code) = await Subscribe.AddRequestAsync(site);
        using var form = new StatusForm(site.BaseAddress);
        foreach (var address in new[] { "2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:ffff:ffff:ffff:fffe" })
        {
            Assert.Contains(StatusForm.NotFound, await form.LookUpAsync(code, "9999", address), StringComparison.Ordinal);
        }

        var fourth = await form.LookUpAsync(code, "0200", "2001:db8:1:2:abcd::9");
        Assert.Contains(StatusForm.CallerLimited, fourth, StringComparison.Ordinal);
        Assert.False(StatusForm.ShowsStatus(fourth, code));

        // The next /64 and an IPv4 address are other callers: the right pair is found.
        Assert.True(StatusForm.ShowsStatus(await form.LookUpAsync(code, "0200", "2001:db8:1:3::1"), code));
        Assert.True(StatusForm.ShowsStatus(await form.LookUpAsync(code, "0200", "192.0.2.44"), code));
    }
}

/// <summary>A kiosk allowed two wrong look-ups an hour, whose codes never lock.</summary>
public sealed class SmallKioskBudgetFixture : KioskTests.KioskFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["StatusLookup:FailuresPerKioskPerHour"] = "2",
        ["StatusLookup:FailuresBeforeLock"] = "1000",
    };
}

/// <summary>The kiosk's look-up has a budget per device (it had none), and a used-up budget is audited.</summary>
public sealed class KioskStatusLimitTests(BrowserFixture browser, SmallKioskBudgetFixture kiosk) : IClassFixture<SmallKioskBudgetFixture>
{
    [Fact]
    public async Task ThirdWrongLookUpOnOneKiosk_IsRefusedWithCallTheOffice_SpokenAndAudited()
    {
        await using var context = await browser.Browser.NewContextAsync(Kiosk.KeyboardContext(kiosk.BaseAddress));
        var page = await context.NewPageAsync();
        var spoken = Kiosk.RecordSpeech(page);
        await page.GotoAsync("/status");
        var code = TrackingCode.Format(TrackingCode.NewCode());
        for (var i = 0; i < 3; i++)
        {
            await page.GetByLabel("Numer zgłoszenia").FillAsync(code);
            await page.GetByLabel("4 ostatnie cyfry numeru telefonu").FillAsync($"400{i}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sprawdź status" }).ClickAsync();
            await Expect(page.Locator("#numer-error")).ToContainTextAsync(i < 2 ? StatusForm.NotFound : "Na tym kiosku wpisano w ostatniej godzinie za dużo błędnych numerów.");
        }

        await Expect(page.Locator("#numer-error")).ToContainTextAsync("zadzwoń do urzędu: 22 123 45 67");
        await Axe.CheckAsync(page, "kiosk: za dużo prób", enhancedContrast: true);

        // Read aloud, the screen says the same.
        await page.GetByRole(AriaRole.Button, new() { Name = "Przeczytaj na głos" }).ClickAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!spoken.Any(s => s.Contains("Na tym kiosku wpisano w ostatniej godzinie za dużo błędnych numerów", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The refusal was not spoken. Spoken: {string.Join(" | ", spoken)}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await using var scope = kiosk.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var entry = Assert.Single(await db.AuditLog.Where(a => a.Action == "status.limited").ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal("kiosk:demo", entry.Detail);
    }
}
