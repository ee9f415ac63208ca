extern alias kiosk;

using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using KioskSessions = kiosk::MobilnyUrzednik.Kiosk.Journey.KioskSessions;

namespace MobilnyUrzednik.Accessibility;

/// <summary>The idle guard (K03) with the production times, on a server clock the test moves.</summary>
public sealed class KioskIdleTests(BrowserFixture browser, ManualClockKioskFixture kiosk) : IClassFixture<ManualClockKioskFixture>
{
    private const string Title = "Czy nadal korzystasz z kiosku?";
    private const string Secret = "Zofia Łęcka";

    [Fact]
    public async Task IdleWarning_IsAnnouncedAndExtendedTenTimes_ThenEverythingIsWipedForTheNextPerson()
    {
        await using var context = await browser.Browser.NewContextAsync(Kiosk.TouchContext(kiosk.BaseAddress));
        var page = await context.NewPageAsync();
        var spoken = Kiosk.RecordSpeech(page);
        await page.GotoAsync("/");
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(Journey.Headings.Start);
        var historyAtStart = await page.EvaluateAsync<int>("() => history.length");
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
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).TapAsync();
        await Expect(Kiosk.H1(page)).ToHaveTextAsync("Jaki numer telefonu ma ta osoba? (opcjonalnie)");

        // Something a careless script might have left in the browser: the wipe must clear it too.
        await page.EvaluateAsync("() => { localStorage.setItem('x', 'Zofia'); sessionStorage.setItem('y', 'Zofia'); }");

        // The person last used the phone field; that is where they return after each warning.
        var phone = page.GetByLabel("Jaki numer telefonu ma ta osoba?");
        await phone.TapAsync();
        await Expect(phone).ToBeFocusedAsync();

        var dialog = page.GetByRole(AriaRole.Alertdialog, new() { Name = Title });
        var keep = page.GetByRole(AriaRole.Button, new() { Name = "Chcę kontynuować" });

        // One second short of the idle time nothing happens; the last second opens the warning. (The page reports
        // touches to the server at most once a second: the last report is let in before the clock moves.)
        await page.WaitForTimeoutAsync(2000);
        kiosk.Clock.Advance(ManualClockKioskFixture.Idle - TimeSpan.FromSeconds(1));
        await page.WaitForTimeoutAsync(300);
        await Expect(dialog).ToBeHiddenAsync();
        for (var i = 0; i < 10; i++)
        {
            kiosk.Clock.Advance(i == 0 ? TimeSpan.FromSeconds(1) : ManualClockKioskFixture.Idle);
            await Expect(dialog).ToBeVisibleAsync();
            await Expect(keep).ToBeFocusedAsync();
            await Expect(page.Locator(".kiosk-app")).ToHaveAttributeAsync("inert", new Regex(".*"));
            if (i == 0)
            {
                await Expect(dialog).ToContainTextAsync($"Za {ManualClockKioskFixture.Warning.TotalSeconds} sekund");
                await Axe.CheckAsync(page, "ostrzeżenie o bezczynności", enhancedContrast: true);
                await Kiosk.AssertTargetsAtLeast48Async(page, "ostrzeżenie");
            }

            // Most of the warning time passes, counted down on the dialog; one tap is enough to go on.
            if (i == 0)
            {
                kiosk.Clock.Advance(TimeSpan.FromSeconds(10));
                await Expect(dialog).ToContainTextAsync($"Za {ManualClockKioskFixture.Warning.TotalSeconds - 10} sekund");
                kiosk.Clock.Advance(ManualClockKioskFixture.Warning - TimeSpan.FromSeconds(12));
                await Expect(dialog).ToContainTextAsync("Za 2 sekundy");
                await Axe.CheckAsync(page, "ostrzeżenie o bezczynności: odliczanie", enhancedContrast: true);
            }
            else
            {
                kiosk.Clock.Advance(ManualClockKioskFixture.Warning - TimeSpan.FromSeconds(2));
            }

            await keep.TapAsync();
            await Expect(dialog).ToBeHiddenAsync();
            await Expect(Kiosk.H1(page)).ToHaveTextAsync("Jaki numer telefonu ma ta osoba? (opcjonalnie)");
            await Expect(phone).ToBeFocusedAsync();
        }

        Assert.True(spoken.Count(s => s.Contains(Title, StringComparison.Ordinal)) >= 10, string.Join(" | ", spoken));

        // No tap: the warning runs out and the start screen returns.
        kiosk.Clock.Advance(ManualClockKioskFixture.Idle);
        await Expect(dialog).ToBeVisibleAsync();
        kiosk.Clock.Advance(ManualClockKioskFixture.Warning);
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(Journey.Headings.Start);
        await Expect(page).ToHaveURLAsync(new Regex("/$"));

        // The next person finds nothing: not on the page, not in storage, not in the history, not on the server.
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Zofia");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));
        // Every screen replaced the one before (no history entry per question), and the wipe replaced the last one.
        Assert.Equal(historyAtStart, await page.EvaluateAsync<int>("() => history.length"));
        await page.GoBackAsync();
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Zofia");
        Assert.DoesNotContain("zgloszenie", page.Url, StringComparison.Ordinal);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Start }).TapAsync();
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(Journey.Headings.ForWhom);
        await Expect(page.Locator("input:checked")).ToHaveCountAsync(0);
        Assert.DoesNotContain(kiosk.Services.GetRequiredService<KioskSessions>().Live,
            s => s.Answers.ResidentName is not null || s.Answers.Relation is not null);
        Assert.Equal(0, await page.Locator("input[autocomplete]:not([autocomplete='off'])").CountAsync());
    }
}
