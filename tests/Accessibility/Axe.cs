using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Commons;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// Runs axe-core on the page as it is now and fails with every violation. WCAG 2.2 AA: the
/// <c>wcag22aa</c> tag switches on <c>target-size</c>, which a default run skips.
/// </summary>
/// <remarks>
/// axe runs inside the page itself (<c>axe.run(document, …)</c>), injected once per document from the
/// axe-core bundled with Deque.AxeCore. Deque's <c>RunAxe</c> runs each frame partially and then opens a
/// second page to finish the run: on these single-frame pages that cost about 0.7 s a scan against about
/// 0.06 s in the page, and with some 150 scans a run it was most of the browser suite's time on two cores.
/// Only the violations come back (with one node of every other result), so a scan sends little over the wire.
/// </remarks>
public static class Axe
{
    /// <summary>The WCAG 2.2 AA tags every scan runs.</summary>
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static readonly Lazy<string> Source = new(() => new BundledAxeScriptProvider().GetScript());

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    // Runs in the page: the selection of rules, then a compact report of what failed and which rules ran.
    private const string RunScript = """
        async ({ tags, rules, extra }) => {
            const options = { resultTypes: ['violations'] };
            options.runOnly = rules ? { type: 'rule', values: rules } : { type: 'tag', values: tags };
            if (extra.length) {
                options.rules = Object.fromEntries(extra.map(id => [id, { enabled: true }]));
            }
            const result = await window.axe.run(document, options);
            const seen = new Set(), duplicateIds = new Set();
            for (const el of document.querySelectorAll('[id]')) {
                if (seen.has(el.id)) duplicateIds.add(el.id); else seen.add(el.id);
            }
            return JSON.stringify({
                version: result.testEngine.version,
                duplicateIds: [...duplicateIds],
                ran: [...new Set([...result.passes, ...result.violations, ...result.incomplete, ...result.inapplicable].map(r => r.id))],
                violations: result.violations.map(v => ({
                    id: v.id,
                    impact: v.impact,
                    help: v.help,
                    helpUrl: v.helpUrl,
                    nodes: v.nodes.map(n => ({
                        target: JSON.stringify(n.target),
                        html: n.html,
                        messages: [...n.any, ...n.all, ...n.none].map(c => c.message),
                    })),
                })),
            });
        }
        """;

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
        string[] extra = enhancedContrast ? ["color-contrast-enhanced"] : [];
        var result = Scriptless.TryGetValue(page.Context, out _)
            ? await RunOnCopyAsync(page, extra)
            : await RunAsync(page, null, extra);
        if (enhancedContrast && !result.Ran.Contains("color-contrast-enhanced"))
        {
            Assert.Fail($"axe did not run color-contrast-enhanced on {page.Url} ({state}).");
        }

        // axe 4.x no longer reports duplicate ids under the WCAG tags; a repeated id still sends a label, hint or
        // error link to the wrong element, so every scanned page and state is checked for them too.
        if (result.DuplicateIds is { Length: > 0 } duplicates)
        {
            Assert.Fail($"Ids used more than once on {page.Url} ({state}): {string.Join(", ", duplicates)}");
        }

        if (result.Violations.Length == 0)
        {
            return;
        }

        var report = new StringBuilder($"axe found {result.Violations.Length} violation(s) on {page.Url} ({state}):");
        foreach (var violation in result.Violations)
        {
            report.AppendLine().Append($"- {violation.Id} [{violation.Impact}] {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes)
            {
                report.AppendLine().Append($"    {node.Target} {node.Html}: {string.Join("; ", node.Messages)}");
            }
        }

        Assert.Fail(report.ToString());
    }

    /// <summary>Runs only the named axe rules on the page as it is (scripts on) and returns what it found.</summary>
    public static Task<AxeScan> RunRulesAsync(IPage page, params string[] rules) => RunAsync(page, rules, rules);

    private static async Task<AxeScan> RunAsync(IPage page, string[]? rules, string[] extra)
    {
        // Injected through the browser's debugging protocol, which the site's CSP does not govern (a script tag would be refused).
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"))
        {
            await page.EvaluateAsync(Source.Value);
        }

        var json = await page.EvaluateAsync<string>(RunScript, new { tags = Tags, rules, extra }).WaitAsync(TimeSpan.FromSeconds(90));
        var result = JsonSerializer.Deserialize<AxeScan>(json, Json) ?? throw new InvalidOperationException("axe returned nothing.");
        if (Interlocked.Exchange(ref _versionLogged, 1) == 0)
        {
            var line = $"axe-core {result.Version} (tags: {string.Join(", ", Tags)})";
            TestContext.Current.SendDiagnosticMessage(line);
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        }

        return result;
    }

    private static async Task<AxeScan> RunOnCopyAsync(IPage page, string[] extra)
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
        return await RunAsync(copy, null, extra);
    }
}

/// <summary>What one axe scan found: the engine's version, the ids of the rules it ran, and the violations.</summary>
public sealed record AxeScan(string Version, string[] Ran, AxeViolation[] Violations, string[]? DuplicateIds = null);

/// <summary>One rule that failed, with the nodes it failed on.</summary>
public sealed record AxeViolation(string Id, string? Impact, string Help, string HelpUrl, AxeNode[] Nodes);

/// <summary>One failing node: its selector, its HTML and axe's messages for it.</summary>
public sealed record AxeNode(string Target, string Html, string[] Messages);
