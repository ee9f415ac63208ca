using System.Text.RegularExpressions;

namespace MobilnyUrzednik.Accessibility;

/// <summary>Every page a resident can open without starting a request: it loads, is Polish, has one h1 and passes axe.</summary>
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
}
