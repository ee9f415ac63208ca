using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MobilnyUrzednik.Accessibility;

/// <summary>Two configured kiosks with their own keys, and no automatic demo device.</summary>
public sealed class TwoKiosksFixture : KioskTests.KioskFixture
{
    public const string LibraryKey = "klucz-biblioteki-3f9a";
    public const string LibraryLocation = "Biblioteka Publiczna, ul. Szkolna 2";
    public const string CentreKey = "klucz-osrodka-77c1";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Kiosk:DevelopmentDevice"] = string.Empty,
        ["Kiosk:Devices:0:Id"] = "biblioteka",
        ["Kiosk:Devices:0:Location"] = LibraryLocation,
        ["Kiosk:Devices:0:KeySha256"] = Hash(LibraryKey),
        ["Kiosk:Devices:1:Id"] = "osrodek",
        ["Kiosk:Devices:1:Location"] = "Ośrodek Pomocy Społecznej",
        ["Kiosk:Devices:1:KeySha256"] = Hash(CentreKey),
    };

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

/// <summary>Kiosk identity: nothing is served to a browser without a kiosk key; a bad key is refused; a good one names the place.</summary>
public sealed class KioskDeviceTests(BrowserFixture browser, TwoKiosksFixture kiosk) : IClassFixture<TwoKiosksFixture>
{
    [Fact]
    public async Task BrowserWithoutAKey_GetsAPlainRefusal_AndNoSpeech()
    {
        using var http = new HttpClient { BaseAddress = kiosk.BaseAddress };
        var page = await http.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Ten kiosk nie jest jeszcze skonfigurowany", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var speech = await http.PostAsync("/api/mowa", new StringContent("{\"tekst\":\"Dalej\"}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, speech.StatusCode);
    }

    [Fact]
    public async Task BadKey_IsRefusedWithAMessage_GoodKeyOpensTheKioskAtItsPlace()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = kiosk.BaseAddress.ToString(), Locale = "pl-PL" });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Ten kiosk nie jest jeszcze skonfigurowany");
        await Axe.CheckAsync(page, "kiosk bez klucza");

        await page.GetByRole(AriaRole.Link, new() { Name = "skonfiguruj kiosk kluczem" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Konfiguracja kiosku");
        await Axe.CheckAsync(page, "konfiguracja kiosku");

        await page.GetByLabel("Klucz kiosku").FillAsync("zgadywany-klucz");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zapisz klucz" }).ClickAsync();
        await Expect(page).ToHaveTitleAsync("Błąd: Konfiguracja kiosku – Mobilny Urzędnik");
        await Expect(page.Locator("#klucz-error")).ToHaveTextAsync("Błąd: Ten klucz nie pasuje do żadnego kiosku. Sprawdź klucz w ustawieniach gminy");
        await Axe.CheckAsync(page, "konfiguracja kiosku: zły klucz");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "mu_kiosk");

        await page.GetByLabel("Klucz kiosku").FillAsync(TwoKiosksFixture.LibraryKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Zapisz klucz" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Poproś o wizytę urzędnika w domu");
        await Expect(page.Locator(".site-header__owner")).ToHaveTextAsync(TwoKiosksFixture.LibraryLocation);
        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == "mu_kiosk");
        Assert.True(cookie.HttpOnly);
        Assert.DoesNotContain(TwoKiosksFixture.LibraryKey, cookie.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedDeviceCookie_IsRefused()
    {
        using var handler = new HttpClientHandler { UseCookies = false };
        using var http = new HttpClient(handler) { BaseAddress = kiosk.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", "mu_kiosk=biblioteka");
        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
