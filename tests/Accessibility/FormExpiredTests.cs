using System.Net;
using System.Text.RegularExpressions;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// A form whose anti-forgery cookie or token is gone (issue 12, point 10): a Polish page in the site's layout with a
/// way back, never the framework's bare English message. With a keyboard, with JavaScript, without it, at 320 px.
/// </summary>
public sealed class FormExpiredTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    private const string Title = "Formularz nie został wysłany";

    [Fact]
    public async Task CookiesGoneBeforeSending_APolishPageInTheLayout_LeadsBackToTheForm_ByKeyboard()
    {
        await Page.GotoAsync("/status");
        await Journey.TypeAsync(Page, "Numer zgłoszenia", "K7P-4QX-9M");
        await Journey.TypeAsync(Page, "4 ostatnie cyfry numeru telefonu", "0200");
        await Context.ClearCookiesAsync();
        await Journey.Button(Page, "Sprawdź status").ClickAsync();

        await ExpectExpiredPageAsync(Page);
        await Axe.CheckAsync(Page, "formularz wygasł");

        // 320 px: nothing scrolls sideways.
        await Page.SetViewportSizeAsync(320, 640);
        Assert.True(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways at 320 px.");
        await Page.SetViewportSizeAsync(1280, 900);

        var back = Page.GetByRole(AriaRole.Link, new() { Name = "Wróć do formularza" });
        await KeyboardOnly.TabToAsync(Page, back, maxPresses: 40);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new Regex("/status$"));
        await Expect(Page.Locator("main h1")).ToHaveTextAsync(Journey.Headings.Status);
    }

    [Fact]
    public async Task APostWithoutAToken_IsSentToThePolishPage_NotAnEnglish400()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Site.BaseAddress };
        using var response = await http.PostAsync("/status", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "status", ["numer"] = "K7P4QX9M", ["cyfry"] = "0200" }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/formularz-wygasl?powrot=%2Fstatus", response.Headers.Location?.OriginalString);
        Assert.DoesNotContain("antiforgery", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
    }

    internal static async Task ExpectExpiredPageAsync(IPage page)
    {
        await Expect(page.Locator("main h1")).ToHaveTextAsync(Title);
        await Expect(page).ToHaveTitleAsync(Title + Journey.TitleSuffix);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "pl");
        await Expect(page.Locator("main")).ToContainTextAsync("Odpowiedzi zapisane na wcześniejszych stronach nie zginęły.");
        await Expect(page.GetByRole(AriaRole.Complementary, new() { Name = "Potrzebujesz pomocy?" })).ToBeVisibleAsync();
        await Expect(page.Locator("body")).Not.ToContainTextAsync("antiforgery");
    }
}

/// <summary>The same without JavaScript: a plain form post, the same page and the same way back.</summary>
public sealed class FormExpiredNoScriptTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    protected override bool JavaScriptEnabled => false;

    [Fact]
    public async Task WithoutJavaScript_TheSamePageAndWayBack()
    {
        await Page.GotoAsync("/status");
        await Context.ClearCookiesAsync();
        await Journey.Button(Page, "Sprawdź status").ClickAsync();
        await FormExpiredTests.ExpectExpiredPageAsync(Page);
        await Axe.CheckAsync(Page, "formularz wygasł: bez JavaScriptu");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Wróć do formularza" }).ClickAsync();
        await Expect(Page.Locator("main h1")).ToHaveTextAsync(Journey.Headings.Status);
    }
}

/// <summary>The page a form too large for any of ours gets (Abuse:MaxFormBytes): Polish, with a way back, and axe-clean.</summary>
public sealed class TooLargeFormTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    [Fact]
    public async Task AFormPastTheLimit_GetsAPolishPageWithAWayBack()
    {
        await Page.GotoAsync("/status");

        // 70,000 characters pasted into a field: more than any form of ours takes.
        await Page.Locator("#numer").EvaluateAsync("(el) => { el.value = 'A'.repeat(70000); }");
        await Journey.Button(Page, "Sprawdź status").ClickAsync();

        await Expect(Page.Locator("h1")).ToHaveTextAsync("Formularz jest za duży");
        await Expect(Page).ToHaveTitleAsync("Za dużo danych – Mobilny Urzędnik");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "pl");
        await Axe.CheckAsync(Page, "formularz za duży");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Wróć do zgłoszenia" }).ClickAsync();
        await Expect(Page.Locator("main h1")).ToBeVisibleAsync();
    }
}
