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

    private static int _versionLogged;

    /// <summary>Fails the test when axe finds any violation; <paramref name="state"/> names what was checked.</summary>
    public static async Task CheckAsync(IPage page, string state)
    {
        var result = await page.RunAxe(Options);
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
}
