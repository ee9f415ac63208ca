extern alias kiosk;

using KioskOptions = kiosk::MobilnyUrzednik.Kiosk.Devices.KioskOptions;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// K08: a kiosk whose server goes away mid-journey must not keep the previous person's answers on the screen. The
/// page wipes itself <see cref="KioskOptions.ConnectionLostSeconds"/> after the drop however often the screen is
/// touched, and returns to the start once the server is back. The browser's clock is Playwright's, so the minute
/// passes without waiting for it.
/// </summary>
public sealed class KioskConnectionLostTests(BrowserFixture browser)
{
    private const string Secret = "Zofia Łęcka";

    [Fact]
    public async Task ServerStoppedMidJourney_TouchedEvery10Seconds_PageIsWipedAtTheDocumentedLimitAndReturnsToTheStart()
    {
        var limit = TimeSpan.FromSeconds(new KioskOptions().ConnectionLostSeconds);
        Assert.Equal(60, limit.TotalSeconds); // README's documented default
        var first = new KioskTests.KioskFixture();
        await first.InitializeAsync();
        var port = first.BaseAddress.Port;
        KioskOnPort? second = null;
        var stopped = false;
        try
        {
            await using var context = await browser.Browser.NewContextAsync(Kiosk.TouchContext(first.BaseAddress));
            var page = await context.NewPageAsync();
            await page.Clock.InstallAsync();
            await page.GotoAsync("/");
            await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Start }).TapAsync();
            await page.GetByLabel("Dla sąsiada lub sąsiadki").TapAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).TapAsync();
            await page.GetByLabel("Tak").TapAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).TapAsync();
            await page.GetByLabel("Ze względu na wiek").TapAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).TapAsync();
            await page.GetByLabel("Wniosek o dowód osobisty").TapAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).TapAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).TapAsync();
            var name = page.GetByLabel("Jak nazywa się osoba");
            await name.TapAsync();
            await Kiosk.TapTextAsync(page, Secret);
            await Expect(name).ToHaveValueAsync(Secret);

            // The server goes away; the page notices at once (the socket closes) and shows the reconnect dialog.
            await first.DisposeAsync();
            stopped = true;
            var dialog = page.Locator("#components-reconnect-modal");
            // (A loaded machine may take a while to stop the server: the count starts when the page notices.)
            await Expect(dialog).ToBeVisibleAsync(new() { Timeout = 60_000 });
            var hint = await dialog.Locator(".components-reconnect-hint").InnerTextAsync();
            await Axe.CheckAsync(page, "połączenie przerwane", enhancedContrast: true);

            // From here the browser's time moves only when the test moves it. Someone touches the screen every
            // 10 seconds: the answers stay while the connection may still come back...
            var now = await page.EvaluateAsync<double>("() => Date.now()");
            await page.Clock.PauseAtAsync(DateTimeOffset.FromUnixTimeMilliseconds((long)now + 500).UtcDateTime);
            var touched = TimeSpan.Zero;
            while (touched + TimeSpan.FromSeconds(10) < limit)
            {
                await page.Touchscreen.TapAsync(40, 40);
                await page.Clock.FastForwardAsync(10_000);
                touched += TimeSpan.FromSeconds(10);
                Assert.True(await ContainsAsync(page, "Zofia"), $"Wiped after {touched.TotalSeconds} s, before the limit of {limit.TotalSeconds} s.");
            }

            // ...and once the limit has passed, touches or not, nothing of them is left in the page.
            await page.Touchscreen.TapAsync(40, 40);
            await page.Clock.FastForwardAsync(10_000);
            await Expect(Kiosk.H1(page)).ToHaveTextAsync("Kiosk chwilowo nie działa");
            foreach (var part in new[] { "Zofia", "Łęcka", "sąsiad", "dowód" })
            {
                Assert.False(await ContainsAsync(page, part), $"\"{part}\" is still in the page after the limit.");
            }

            Assert.Equal(0, await page.Locator("input, textarea").CountAsync());
            Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));
            await Expect(page).ToHaveTitleAsync("Kiosk chwilowo nie działa – Mobilny Urzędnik");
            await page.Clock.ResumeAsync(); // axe needs its timers
            await Axe.CheckAsync(page, "kiosk bez połączenia", enhancedContrast: true);

            // The dialog never promised that typed text stays; it said what would happen.
            Assert.DoesNotContain("zostaje", hint, StringComparison.Ordinal);
            Assert.Contains("Jeśli połączenie nie wróci w ciągu 60 sekund, ekran wróci do początku, a wpisane dane zostaną usunięte.", hint, StringComparison.Ordinal);

            // The server is back (where the kiosk's browser expects it): the start screen replaces the notice.
            second = new KioskOnPort(port);
            await second.InitializeAsync();
            await page.Clock.FastForwardAsync(5_000);
            await Expect(Kiosk.H1(page)).ToHaveTextAsync(Journey.Headings.Start);
            Assert.False(await ContainsAsync(page, "Zofia"));
        }
        finally
        {
            if (!stopped)
            {
                await first.DisposeAsync();
            }

            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }

    /// <summary>The page's markup and every field's value.</summary>
    private static Task<bool> ContainsAsync(IPage page, string text) => page.EvaluateAsync<bool>(
        "t => (document.documentElement.outerHTML + [...document.querySelectorAll('input, textarea')].map(e => e.value).join(' ')).includes(t)", text);

    /// <summary>The kiosk again, on the port its browser already has open (the port the first one just freed).</summary>
    private sealed class KioskOnPort(int port) : KioskTests.KioskFixture
    {
        protected override int Port => port;
    }
}
