namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// The axe helper every browser test leans on must fail on what it is meant to catch: a check that
/// always passed would make every "zero violations" in the suite worthless.
/// </summary>
public sealed class AxeHelperTests(BrowserFixture browser) : IAsyncDisposable
{
    private const string Address = "http://axe-helper.test/";
    private const string ImageWithoutAlt = "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">";

    private readonly List<IBrowserContext> _contexts = [];

    private static string Html(string body) => $"""
        <!DOCTYPE html>
        <html lang="pl"><head><meta charset="utf-8"><title>Strona – test</title></head>
        <body><main><h1>Strona</h1>{body}</main></body></html>
        """;

    private async Task<IPage> OpenAsync(string body, bool javaScript = true)
    {
        var context = await browser.Browser.NewContextAsync(new() { Locale = "pl-PL", JavaScriptEnabled = javaScript });
        _contexts.Add(context);
        if (!javaScript)
        {
            Axe.MarkScriptless(context);
        }

        var html = Html(body);
        await context.RouteAsync(Address + "**", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Body = html }));
        var page = await context.NewPageAsync();
        await page.GotoAsync(Address);
        return page;
    }

    /// <summary>The check must fail, and its report must name the state and every one of <paramref name="rules"/>.</summary>
    private static async Task ExpectFailureAsync(IPage page, string state, bool enhancedContrast, params string[] rules)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Axe.CheckAsync(page, state, enhancedContrast));
        Assert.Contains(state, failure.Message, StringComparison.Ordinal);
        Assert.All(rules, rule => Assert.Contains(rule, failure.Message, StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
    }

    [Fact]
    public async Task RepeatedId_Fails_InBothModes_AndNamesTheId()
    {
        const string body = "<p id=\"kontakt-hint\">Pierwsza podpowiedź</p><p id=\"kontakt-hint\">Druga podpowiedź</p>";
        foreach (var javaScript in new[] { true, false })
        {
            var page = await OpenAsync(body, javaScript);
            await ExpectFailureAsync(page, "powtórzony identyfikator", enhancedContrast: false, "kontakt-hint");
        }
    }

    [Fact]
    public async Task CleanPage_Passes_InBothModes()
    {
        var page = await OpenAsync("<p>Tekst czytelny.</p><button type=\"button\" style=\"min-width:48px;min-height:48px\">Dalej</button>");
        await Axe.CheckAsync(page, "czysta strona");
        await Axe.CheckAsync(page, "czysta strona, 7:1", enhancedContrast: true);
    }

    [Fact]
    public async Task MissingAltAndUnnamedButtonAndFaintText_FailWithEachRuleNamed()
    {
        var page = await OpenAsync(ImageWithoutAlt + """
            <button type="button" style="min-width:48px;min-height:48px"></button>
            <p style="color:#bbb;background:#fff">Blady tekst</p>
            """);
        await ExpectFailureAsync(page, "zepsuta strona", false, "image-alt", "button-name", "color-contrast");

        // Scanning again in the same document (axe is already there) finds the same.
        await ExpectFailureAsync(page, "drugi raz", false, "image-alt");
    }

    [Fact]
    public async Task SmallTargetsSideBySide_FailTargetSize_TheWcag22Rule()
    {
        var page = await OpenAsync("""
            <div><a href="#a" style="display:inline-block;width:12px;height:12px;font-size:8px">a</a><a href="#b" style="display:inline-block;width:12px;height:12px;font-size:8px">b</a></div>
            """);
        await ExpectFailureAsync(page, "małe cele", false, "target-size");
    }

    [Fact]
    public async Task TextAt5To1_PassesAA_ButFailsTheKiosks7To1()
    {
        // #707070 on white is about 4.95:1: enough for AA, not for the kiosk's enhanced rule.
        var page = await OpenAsync("<p style=\"color:#707070;background:#fff\">Szary tekst</p>");
        await Axe.CheckAsync(page, "AA");
        await ExpectFailureAsync(page, "7:1", true, "color-contrast-enhanced");
    }

    [Fact]
    public async Task WithJavaScriptOff_TheCopyIsScanned_AndStillFails()
    {
        var page = await OpenAsync(ImageWithoutAlt, javaScript: false);
        await ExpectFailureAsync(page, "bez JavaScriptu", false, "image-alt");
    }

    [Fact]
    public async Task RunRules_RunsOnlyTheNamedRules()
    {
        var page = await OpenAsync(ImageWithoutAlt + "<button type=\"button\"></button>");
        var scan = await Axe.RunRulesAsync(page, "button-name");
        Assert.Equal(["button-name"], scan.Ran);
        Assert.Equal(["button-name"], scan.Violations.Select(v => v.Id));
    }
}
