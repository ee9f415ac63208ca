using System.Collections.Concurrent;
using System.Text.Json;

namespace MobilnyUrzednik.Accessibility;

/// <summary>The kiosk's words (the same as its .resx files) and small helpers to walk its screens by touch or by keys.</summary>
public static class Kiosk
{
    public const string Next = "Dalej";
    public const string Back = "Wstecz";
    public const string Send = "Wyślij zgłoszenie";
    public const string Start = "Zacznij zgłoszenie";
    public const string ReceiptTitle = "Zgłoszenie wysłane";
    public const string Check = "Sprawdź zgłoszenie przed wysłaniem";

    /// <summary>A portrait kiosk screen with touch.</summary>
    public static BrowserNewContextOptions TouchContext(Uri kiosk) => new()
    {
        BaseURL = kiosk.ToString(),
        Locale = "pl-PL",
        HasTouch = true,
        ViewportSize = new() { Width = 1080, Height = 1920 },
    };

    public static BrowserNewContextOptions KeyboardContext(Uri kiosk) => new()
    {
        BaseURL = kiosk.ToString(),
        Locale = "pl-PL",
        ViewportSize = new() { Width = 1280, Height = 1024 },
    };

    public static ILocator H1(IPage page) => page.Locator("main h1");

    /// <summary>Types on the on-screen keyboard by tapping its keys (shift for capitals).</summary>
    public static async Task TapTextAsync(IPage page, string text)
    {
        var keyboard = page.Locator("[data-kiosk-keyboard]");
        await Expect(keyboard).ToBeVisibleAsync();
        foreach (var c in text)
        {
            if (c == ' ')
            {
                await keyboard.GetByRole(AriaRole.Button, new() { Name = "Spacja" }).TapAsync();
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (lower != c)
            {
                await keyboard.GetByRole(AriaRole.Button, new() { Name = "Wielkie litery" }).TapAsync();
            }

            // Digits are on the letter keyboard and on the number keypad: the one shown for this field.
            await keyboard.Locator($"button[data-key=\"{lower}\"]:visible").TapAsync();
        }
    }

    /// <summary>Every text sent to the speech endpoint by this page, in order.</summary>
    public static ConcurrentQueue<string> RecordSpeech(IPage page)
    {
        var spoken = new ConcurrentQueue<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/api/mowa", StringComparison.Ordinal) && request.PostData is { } body)
            {
                using var json = JsonDocument.Parse(body);
                spoken.Enqueue(json.RootElement.GetProperty("tekst").GetString() ?? string.Empty);
            }
        };
        return spoken;
    }

    /// <summary>The tracking code as the receipt shows it in chunks ("K7P4QX9M").</summary>
    public static async Task<string> ReceiptCodeAsync(IPage page)
    {
        await Expect(H1(page)).ToHaveTextAsync(ReceiptTitle);
        var groups = await page.Locator(".reference__group").AllInnerTextsAsync();
        return string.Concat(groups.Select(g => g.Trim()));
    }

    /// <summary>Every visible target on the page is at least 48 × 48 CSS px (K05, G12).</summary>
    public static async Task AssertTargetsAtLeast48Async(IPage page, string state)
    {
        var small = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('button, a[href], input, select, textarea, summary, [role=button]')]
              .filter(el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
                              return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.closest('[inert]') && !el.closest('.visually-hidden'); })
              .filter(el => { const r = el.getBoundingClientRect(); return r.width < 47.5 || r.height < 47.5; })
              .map(el => `${el.tagName.toLowerCase()}#${el.id} "${(el.textContent || el.value || '').trim().slice(0, 30)}" ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`)
            """);
        Assert.True(small.Length == 0, $"Targets smaller than 48 px ({state}): {string.Join("; ", small)}");
    }
}

/// <summary>A quick walk through the kiosk journey for oneself (clicks and fills), calling back on every screen.</summary>
public static class KioskWalk
{
    public const string Name = "Janina Kowalczyk";
    public const string Phone = "605 432 187";

    public const string Street = "Lipowa 12";

    /// <summary>From the start screen to the receipt; <paramref name="onScreen"/> runs on each screen (and each error state) before it is answered.</summary>
    public static async Task<string> FileForSelfAsync(IPage page, Func<string, Task>? onScreen = null, bool withErrors = false)
    {
        onScreen ??= _ => Task.CompletedTask;
        await page.GotoAsync("/");
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(Journey.Headings.Start);
        await onScreen("start");
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Start }).ClickAsync();

        await Screen(page, Journey.Headings.ForWhom, onScreen, withErrors);
        await page.GetByLabel("Dla mnie").CheckAsync();
        await NextAsync(page);
        await Screen(page, Journey.Headings.Residence, onScreen, withErrors);
        await page.GetByLabel("Tak").CheckAsync();
        await NextAsync(page);
        await Screen(page, Journey.Headings.Reason, onScreen, withErrors);
        await page.GetByLabel("Ze względu na wiek").CheckAsync();
        await NextAsync(page);
        await Screen(page, Journey.Headings.Matter, onScreen, withErrors);
        await page.GetByLabel("Wniosek o dowód osobisty").CheckAsync();
        await NextAsync(page);
        await Screen(page, Journey.Headings.Description + " (opcjonalnie)", onScreen, withErrors: false);
        await page.GetByRole(AriaRole.Textbox, new() { Name = Journey.Headings.Description }).FillAsync("Nowy dowód, stary stracił ważność.");
        await NextAsync(page);
        await Screen(page, "Jak się nazywasz?", onScreen, withErrors);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Jak się nazywasz?" }).FillAsync(Name);
        await NextAsync(page);
        await Screen(page, "Jaki masz numer telefonu?", onScreen, withErrors);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Jaki masz numer telefonu?" }).FillAsync(Phone);
        await NextAsync(page);
        await Screen(page, Journey.Headings.AddressSelf, onScreen, withErrors);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Ulica, numer domu i mieszkania" }).FillAsync(Street);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Kod pocztowy" }).FillAsync("00-950");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Miejscowość" }).FillAsync("Przykładowo");
        await NextAsync(page);
        await Screen(page, "Jak mamy się z Tobą kontaktować?", onScreen, withErrors);
        await page.GetByLabel("Telefonicznie").CheckAsync();
        await NextAsync(page);
        await Screen(page, "Czy podczas wizyty potrzebne jest coś szczególnego? (opcjonalnie)", onScreen, withErrors: false);
        await NextAsync(page);
        await Screen(page, "Od kiedy może być wizyta?", onScreen, withErrors);
        await page.GetByLabel("Jak najszybciej").CheckAsync();
        await NextAsync(page);
        await Screen(page, "Jaka pora dnia pasuje?", onScreen, withErrors);
        await page.GetByLabel("Każda pora").CheckAsync();
        await NextAsync(page);
        await Screen(page, Kiosk.Check, onScreen, withErrors: false);
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Send }).ClickAsync();
        var code = await Kiosk.ReceiptCodeAsync(page);
        await onScreen("receipt");
        return code;
    }

    private static async Task NextAsync(IPage page) => await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).ClickAsync();

    private static async Task Screen(IPage page, string heading, Func<string, Task> onScreen, bool withErrors)
    {
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(heading);
        await onScreen(heading);
        if (withErrors)
        {
            await NextAsync(page);
            await Expect(page.Locator("[data-error-summary]")).ToBeFocusedAsync();
            await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Błąd: "));
            await onScreen(heading + " (błąd)");
        }
    }

    /// <summary>Enrols this browser context as a configured kiosk.</summary>
    public static async Task EnrolAsync(IPage page, string key)
    {
        await page.GotoAsync("/urzadzenie");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Klucz kiosku" }).FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Zapisz klucz" }).ClickAsync();
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(Journey.Headings.Start);
    }
}
