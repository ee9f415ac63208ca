namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// Security headers on both apps (issue 6): a content security policy without <c>unsafe-eval</c> or <c>unsafe-inline</c>
/// that the real pages live with — no violation while a resident files, staff work or the kiosk runs.
/// </summary>
public sealed class SecurityHeadersTests(BrowserFixture browser, KioskAndSiteFixture apps) : IClassFixture<KioskAndSiteFixture>
{
    private const string RecordViolations = """
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber + ' ' + e.sample));
        """;

    [Fact]
    public async Task BothApps_SendAStrictPolicyAndTheUsualHeaders()
    {
        using var http = new HttpClient();
        foreach (var address in new[] { new Uri(apps.Site.BaseAddress, "/zgloszenie"), new Uri(apps.Kiosk.BaseAddress, "/") })
        {
            using var response = await http.GetAsync(address, TestContext.Current.CancellationToken);
            var policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
            Assert.Contains("script-src 'self' 'nonce-", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("microphone=(self)", response.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);

            // A fresh nonce on every response.
            using var again = await http.GetAsync(address, TestContext.Current.CancellationToken);
            Assert.NotEqual(policy, string.Join(" ", again.Headers.GetValues("Content-Security-Policy")));
        }
    }

    [Fact]
    public async Task ResidentStaffAndKiosk_WorkUnderThePolicy_WithoutASingleViolation()
    {
        await using var site = await browser.Browser.NewContextAsync(new() { BaseURL = apps.Site.BaseAddress.ToString(), Locale = "pl-PL" });
        await site.AddInitScriptAsync(RecordViolations);
        var page = await site.NewPageAsync();
        await Journey.WalkToCheckAsync(page, new JourneyAnswers(), axe: false);
        await AssertNoViolationsAsync(page);
        // (Sent by hand rather than with Journey.SendAsync: axe, which that runs, makes inline styles of its own.)
        await Journey.Button(page, "Wyślij zgłoszenie").ClickAsync();
        await Journey.ExpectPageAsync(page, "/zgloszenie/potwierdzenie", Journey.Headings.Confirmation);
        var code = await Journey.ReadCodeAsync(page);
        await AssertNoViolationsAsync(page);
        Assert.Matches(Journey.CodePattern, code);

        // The staff area is interactive (a live circuit): signing in and opening the inbox.
        await Staff.SignInAsync(page, Staff.Coordinator);
        await page.GotoAsync("/panel/zgloszenia");
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
        await Expect(page.Locator("main table")).ToBeVisibleAsync();
        await AssertNoViolationsAsync(page);

        await using var kioskContext = await browser.Browser.NewContextAsync(Kiosk.TouchContext(apps.Kiosk.BaseAddress));
        await kioskContext.AddInitScriptAsync(RecordViolations);
        var kiosk = await kioskContext.NewPageAsync();
        await kiosk.GotoAsync("/");
        await kiosk.GetByRole(AriaRole.Button, new() { Name = Kiosk.Start }).TapAsync();
        await Expect(Kiosk.H1(kiosk)).ToHaveTextAsync(Journey.Headings.ForWhom);
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "Przeczytaj na głos" }).TapAsync();
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "Wysoki kontrast" }).TapAsync();
        await Expect(kiosk.Locator("html")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("contrast-high"));
        await AssertNoViolationsAsync(kiosk);
    }

    private static async Task AssertNoViolationsAsync(IPage page)
    {
        var violations = await page.EvaluateAsync<string[]>("() => window.__csp || []");
        Assert.True(violations.Length == 0, $"Content security policy violations on {page.Url}: {string.Join("; ", violations)}");
    }
}
