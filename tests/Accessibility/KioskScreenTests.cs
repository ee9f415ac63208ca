using System.Text.RegularExpressions;

namespace MobilnyUrzednik.Accessibility;

/// <summary>Every kiosk screen (and its error state) with axe, in both themes and at the largest text size; targets ≥ 48 px; one kiosk cannot see another's receipt.</summary>
public sealed class KioskScreenTests(BrowserFixture browser, KioskAndSiteFixture apps) : IClassFixture<KioskAndSiteFixture>
{
    [Fact]
    public async Task EveryScreen_DefaultTheme_NoAxeViolationsWithEnhancedContrast_AndTargetsAtLeast48()
    {
        await using var context = await browser.Browser.NewContextAsync(Kiosk.KeyboardContext(apps.Kiosk.BaseAddress));
        var page = await context.NewPageAsync();
        var screens = 0;
        await KioskWalk.FileForSelfAsync(page, async state =>
        {
            screens++;
            await Axe.CheckAsync(page, state, enhancedContrast: true);
            await Kiosk.AssertTargetsAtLeast48Async(page, state);
        }, withErrors: true);
        Assert.True(screens >= 20, $"Only {screens} screens were checked.");
        await CheckStatusScreensAsync(page, highContrast: false);
    }

    [Fact]
    public async Task EveryScreen_HighContrastAtTheLargestText_NoAxeViolationsWithEnhancedContrast_NoHorizontalScroll()
    {
        await using var context = await browser.Browser.NewContextAsync(Kiosk.TouchContext(apps.Kiosk.BaseAddress));
        var page = await context.NewPageAsync();
        var first = true;
        await KioskWalk.FileForSelfAsync(page, async state =>
        {
            if (first)
            {
                first = false;
                await page.GetByRole(AriaRole.Button, new() { Name = "Wysoki kontrast" }).ClickAsync();
                var larger = page.GetByRole(AriaRole.Button, new() { Name = "Większy tekst" });
                for (var i = 0; i < 3; i++)
                {
                    await larger.ClickAsync();
                }

                await Expect(larger).ToBeDisabledAsync();
                await Expect(page.Locator(".kiosk-tools__status")).ToContainTextAsync("Rozmiar tekstu: 4 z 4");
                await Expect(page.Locator("html")).ToHaveClassAsync(new Regex("contrast-high"));
                Assert.Equal("32px", await page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).fontSize"));
            }

            // The settings stay on every screen.
            await Expect(page.Locator("html")).ToHaveClassAsync(new Regex("contrast-high"));
            await Axe.CheckAsync(page, state + " (wysoki kontrast, największy tekst)", enhancedContrast: true);
            await Kiosk.AssertTargetsAtLeast48Async(page, state);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"Horizontal scroll on {state}");
        }, withErrors: true);
        await CheckStatusScreensAsync(page, highContrast: true);
    }

    [Fact]
    public async Task OnScreenKeyboard_NeverHidesTheFocusedField_KeysAtLeast48()
    {
        var options = Kiosk.TouchContext(apps.Kiosk.BaseAddress);
        options.ViewportSize = new() { Width = 1024, Height = 768 };
        await using var context = await browser.Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/status");
        await Expect(Kiosk.H1(page)).ToBeFocusedAsync();
        foreach (var label in new[] { "Numer zgłoszenia", "4 ostatnie cyfry numeru telefonu" })
        {
            var field = page.GetByLabel(label);
            await field.TapAsync();
            await Expect(page.Locator("[data-kiosk-keyboard]")).ToBeVisibleAsync();
            await Kiosk.AssertTargetsAtLeast48Async(page, "klawiatura");
            Assert.True(await field.EvaluateAsync<bool>("""
                el => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => {
                  const b = el.getBoundingClientRect();
                  const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
                  r(hit === el);
                })))
                """), $"{label} is covered by the keyboard or the bar.");
        }

        await Axe.CheckAsync(page, "klawiatura ekranowa", enhancedContrast: true);
    }

    [Fact]
    public async Task Receipt_IsShownOnlyOnTheKioskAndInTheSessionThatSentIt()
    {
        var two = new TwoKiosksFixture();
        await two.InitializeAsync();
        try
        {
            await using var contextA = await browser.Browser.NewContextAsync(Kiosk.KeyboardContext(two.BaseAddress));
            var a = await contextA.NewPageAsync();
            await KioskWalk.EnrolAsync(a, TwoKiosksFixture.LibraryKey);
            var code = await KioskWalk.FileForSelfAsync(a);
            await Expect(a.Locator(".site-header__owner")).ToHaveTextAsync(TwoKiosksFixture.LibraryLocation);

            await using var contextB = await browser.Browser.NewContextAsync(Kiosk.KeyboardContext(two.BaseAddress));
            var b = await contextB.NewPageAsync();
            await KioskWalk.EnrolAsync(b, TwoKiosksFixture.CentreKey);
            await b.GotoAsync("/potwierdzenie");
            await Expect(Kiosk.H1(b)).ToHaveTextAsync("Nie ma tu potwierdzenia");
            await Expect(b.Locator("body")).Not.ToContainTextAsync(code[..3]);
            await Axe.CheckAsync(b, "brak potwierdzenia", enhancedContrast: true);

            // Kiosk A itself, in a new session (a reload is a new circuit), no longer shows it either.
            await a.ReloadAsync();
            await Expect(Kiosk.H1(a)).ToHaveTextAsync("Nie ma tu potwierdzenia");
        }
        finally
        {
            await two.DisposeAsync();
        }
    }

    private static async Task CheckStatusScreensAsync(IPage page, bool highContrast)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Zakończ" }).ClickAsync();
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(Journey.Headings.Start);
        if (highContrast)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Wysoki kontrast" }).ClickAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sprawdź status zgłoszenia" }).ClickAsync();
        await Expect(Kiosk.H1(page)).ToHaveTextAsync("Sprawdź status zgłoszenia");
        await Axe.CheckAsync(page, "status", enhancedContrast: true);
        await page.GetByLabel("Numer zgłoszenia").FillAsync("K7P-4QX-9M");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sprawdź status" }).ClickAsync();
        await Expect(page).ToHaveTitleAsync(new Regex("^Błąd: "));
        await Expect(page.Locator("#cyfry-error")).ToContainTextAsync("Wpisz 4 ostatnie cyfry");
        await Axe.CheckAsync(page, "status: błąd", enhancedContrast: true);
        await Kiosk.AssertTargetsAtLeast48Async(page, "status: błąd");
    }
}
