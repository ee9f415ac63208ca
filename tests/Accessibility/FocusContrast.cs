namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// Walks a region with Tab as a keyboard user does and measures, for every element that takes focus there, its text
/// against the background it is drawn on while focused (the focus colour included): axe only sees the page at rest.
/// </summary>
public static class FocusContrast
{
    private const string MeasureScript = """
        (region) => {
            const el = document.activeElement;
            if (!el || !el.closest(region)) return null;
            const parse = c => { const m = c.match(/[\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 }; };
            const lum = ({ r, g, b }) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
            let bgEl = el, bg = parse(getComputedStyle(bgEl).backgroundColor);
            while (bg.a === 0 && bgEl.parentElement) { bgEl = bgEl.parentElement; bg = parse(getComputedStyle(bgEl).backgroundColor); }
            if (bg.a === 0) bg = { r: 255, g: 255, b: 255, a: 1 };
            const fg = parse(getComputedStyle(el).color);
            const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
            return JSON.stringify({ name: (el.textContent || '').trim().replace(/\s+/g, ' '), ratio: (a + 0.05) / (b + 0.05) });
        }
        """;

    /// <summary>
    /// From the top of the page, presses Tab up to <paramref name="maxTabs"/> times and returns every focused element
    /// inside <paramref name="region"/> (a CSS selector) whose text falls below <paramref name="minimum"/>:1, and how
    /// many were measured.
    /// </summary>
    public static async Task<(IReadOnlyList<string> Low, int Measured)> BelowAsync(IPage page, string region, double minimum, int maxTabs = 30)
    {
        await page.EvaluateAsync("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }");
        var low = new List<string>();
        var measured = 0;
        for (var i = 0; i < maxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var json = await page.EvaluateAsync<string?>(MeasureScript, region);
            var found = json is null ? null : System.Text.Json.JsonSerializer.Deserialize<Measured>(json, JsonOptions);
            if (found is null)
            {
                continue;
            }

            measured++;
            if (found.Ratio < minimum)
            {
                low.Add($"\"{found.Name}\" {found.Ratio:0.00}:1");
            }
        }

        return (low, measured);
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record Measured(string Name, double Ratio);
}
