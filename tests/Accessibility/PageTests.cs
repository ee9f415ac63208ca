using System.Text.RegularExpressions;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// G01 with ErrorStateTests and the journey tests (axe on every page and state): every page a resident can
/// open without starting a request loads, is Polish, has one h1 and passes axe.
/// </summary>
public sealed class PageTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/zgloszenie")]
    [InlineData("/status")]
    [InlineData("/wyglad")]
    [InlineData("/deklaracja-dostepnosci")]
    [InlineData("/latwy-tekst")]
    [InlineData("/jezyk-migowy")]
    [InlineData("/prywatnosc")]
    [InlineData("/powiadomienia/stop/nieznanylink2345")]
    public async Task Page_Opened_LoadsInPolishWithOneHeadingAndNoAxeViolations(string path)
    {
        var response = await Page.GotoAsync(path);

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "pl");
        await Expect(Page.Locator("h1")).ToHaveCountAsync(1);
        await Expect(Page.Locator("main h1")).ToBeVisibleAsync();
        await Expect(Page).ToHaveTitleAsync(new Regex(@"^\S.* – Mobilny Urzędnik$"));
        await Axe.CheckAsync(Page, path);
    }

    [Fact]
    public async Task UnknownAddress_Opened_Answers404WithAWayHomeAndNoAxeViolations()
    {
        var response = await Page.GotoAsync("/nie-ma-takiej-strony");

        Assert.NotNull(response);
        Assert.Equal(404, response.Status);
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Nie ma takiej strony");
        await Expect(Page).ToHaveTitleAsync("Nie ma takiej strony" + Journey.TitleSuffix);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Przejdź na stronę główną", Exact = true })).ToBeVisibleAsync();
        await Axe.CheckAsync(Page, "404");
    }

    [Fact]
    public async Task ExpiredDraft_TheNoticeIsAnnounced()
    {
        await Page.GotoAsync("/zgloszenie?wygaslo=1");
        var notice = Page.Locator(".notice");
        await Expect(notice).ToContainTextAsync("Nie mamy Twoich odpowiedzi");
        await Expect(notice).ToBeFocusedAsync();
        await Axe.CheckAsync(Page, "zgłoszenie: odpowiedzi wygasły");
    }

    [Fact]
    public async Task Appearance_HighContrastAndLargestText_AreKeptAndPagesStillPassAxe()
    {
        await Page.GotoAsync("/wyglad?powrot=%2Fstatus");
        await Journey.ArriveAsync(Page, "/wyglad", "Wygląd strony");

        await Journey.ChooseAsync(Page, "Bardzo duża");
        await Journey.ChooseAsync(Page, "Wysoki kontrast: jasny tekst na czarnym tle");
        await Journey.Button(Page, "Zapisz wybór").ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Zapisaliśmy wybór.");
        // Announced: the notice takes focus (a status present when the page loads is not read out by itself).
        await Expect(Page.Locator(".notice")).ToBeFocusedAsync();
        await Expect(Page.Locator("html")).ToHaveClassAsync(new Regex(@"\bcontrast-high\b"));
        await Expect(Page.Locator("html")).ToHaveClassAsync(new Regex(@"\btext-larger\b"));
        await Expect(Journey.Radio(Page, "Wysoki kontrast: jasny tekst na czarnym tle")).ToBeCheckedAsync();
        await Axe.CheckAsync(Page, "wygląd: wysoki kontrast");

        // The choice follows the person: back where they came from, and into an error state.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Wróć do poprzedniej strony", Exact = true }).ClickAsync();
        await Journey.ArriveAsync(Page, "/status", Journey.Headings.Status);
        await Expect(Page.Locator("html")).ToHaveClassAsync(new Regex(@"\bcontrast-high\b"));
        await Journey.Button(Page, "Sprawdź status").ClickAsync();
        await Expect(Page).ToHaveTitleAsync("Błąd: " + Journey.Headings.Status + Journey.TitleSuffix);
        await Axe.CheckAsync(Page, "status: błąd w wysokim kontraście");

        await Page.GotoAsync("/zgloszenie");
        await Journey.ArriveAsync(Page, "/zgloszenie", Journey.Headings.Start);
    }
}
