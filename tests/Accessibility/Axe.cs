using System.Runtime.CompilerServices;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// Runs axe-core on the page as it is now and fails with every violation. WCAG 2.2 AA: the
/// <c>wcag22aa</c> tag switches on <c>target-size</c>, which a default run skips.
/// </summary>
public static class Axe
{
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions
        {
            Type = "tag",
            Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
        },
    };

    // The kiosk's text must reach 7:1 (WCAG 1.4.6, AAA): the enhanced rule joins the AA tags.
    private static readonly AxeRunOptions EnhancedOptions = new()
    {
        RunOnly = Options.RunOnly,
        Rules = new Dictionary<string, RuleOptions> { ["color-contrast-enhanced"] = new() { Enabled = true } },
    };

    // axe needs script timers; in a context with JavaScript off its promise never settles.
    private static readonly ConditionalWeakTable<IBrowserContext, object> Scriptless = [];

    private static int _versionLogged;

    /// <summary>
    /// Marks a context opened with JavaScript off: its pages are scanned as a copy of their exact
    /// HTML in a scripting context with the site's own scripts blocked, so the DOM axe sees is the one
    /// a visitor without JavaScript gets.
    /// </summary>
    public static void MarkScriptless(IBrowserContext context) => Scriptless.AddOrUpdate(context, new object());

    /// <summary>Fails the test when axe finds any violation; <paramref name="state"/> names what was checked.</summary>
    public static Task CheckAsync(IPage page, string state) => CheckAsync(page, state, enhancedContrast: false);

    /// <summary>
    /// As <see cref="CheckAsync(IPage, string)"/>; with <paramref name="enhancedContrast"/> the 7:1 rule
    /// (<c>color-contrast-enhanced</c>) runs too, and the check fails if axe did not run it.
    /// </summary>
    public static async Task CheckAsync(IPage page, string state, bool enhancedContrast)
    {
        var options = enhancedContrast ? EnhancedOptions : Options;
        var result = Scriptless.TryGetValue(page.Context, out _)
            ? await RunOnCopyAsync(page)
            : await page.RunAxe(options).WaitAsync(TimeSpan.FromSeconds(90));
        if (enhancedContrast && !new[] { result.Passes, result.Violations, result.Incomplete }.Any(list => list?.Any(r => r.Id == "color-contrast-enhanced") == true))
        {
            Assert.Fail($"axe did not run color-contrast-enhanced on {page.Url} ({state}).");
        }

        if (Interlocked.Exchange(ref _versionLogged, 1) == 0)
        {
            var line = $"axe-core {result.TestEngine?.Version} (tags: {string.Join(", ", Options.RunOnly.Values)})";
            TestContext.Current.SendDiagnosticMessage(line);
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        }

        if (result.Violations is not { Length: > 0 } violations)
        {
            return;
        }

        var report = new StringBuilder($"axe found {violations.Length} violation(s) on {page.Url} ({state}):");
        foreach (var violation in violations)
        {
            report.AppendLine().Append($"- {violation.Id} [{violation.Impact}] {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes)
            {
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message);
                report.AppendLine().Append($"    {node.Target} {node.Html}: {string.Join("; ", checks)}");
            }
        }

        Assert.Fail(report.ToString());
    }

    private static async Task<AxeResult> RunOnCopyAsync(IPage page)
    {
        var html = await page.ContentAsync();
        var url = new UriBuilder(page.Url) { Fragment = string.Empty }.Uri.ToString();
        var browser = page.Context.Browser ?? throw new InvalidOperationException("The page has no browser.");
        await using var context = await browser.NewContextAsync(new()
        {
            Locale = "pl-PL",
            ViewportSize = page.ViewportSize is { } size ? new() { Width = size.Width, Height = size.Height } : null,
        });
        var copy = await context.NewPageAsync();
        await copy.RouteAsync("**/*", async route =>
        {
            if (route.Request.IsNavigationRequest && route.Request.Url == url)
            {
                await route.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Body = html });
            }
            else if (route.Request.ResourceType == "script")
            {
                await route.AbortAsync();
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await copy.GotoAsync(url);
        return await copy.RunAxe(Options).WaitAsync(TimeSpan.FromSeconds(90));
    }
}
