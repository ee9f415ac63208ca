using System.Collections.Concurrent;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// Issue 15, the kiosk screen at every text size: at the largest size on a 1280×1024 screen every screen shows its
/// question and at least two answers (or the field) without scrolling; phone and postal-code fields get the number
/// keypad; the question counter never jumps; the receipt fits a library (printed, the office's phone, the door word).
/// </summary>
public sealed class KioskLargeTextTests(BrowserFixture browser, KioskTests.KioskFixture kiosk) : IClassFixture<KioskTests.KioskFixture>
{
    private const string Printed = "Weź wydrukowane potwierdzenie";
    private const string DoorWarning = "nie wpuszczaj nikogo, kto nie zna hasła";

    [Fact]
    public async Task LargestText_1280x1024_EveryScreenShowsItsQuestionAndTwoAnswersWithoutScrolling_KeypadForNumbers_CounterSteady()
    {
        // A 1280×1024 touch screen.
        var options = Kiosk.KeyboardContext(kiosk.BaseAddress);
        options.HasTouch = true;
        await using var context = await browser.Browser.NewContextAsync(options);
        await context.AddInitScriptAsync("window.print = () => { window.muPrinted = (window.muPrinted || 0) + 1; };");
        var page = await context.NewPageAsync();
        var spoken = Kiosk.RecordSpeech(page);
        await page.GotoAsync("/");
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(Journey.Headings.Start);
        var larger = page.GetByRole(AriaRole.Button, new() { Name = "Większy tekst" });
        for (var i = 0; i < 3; i++)
        {
            await larger.ClickAsync();
        }

        await Expect(page.Locator(".kiosk-tools__status")).ToContainTextAsync("Rozmiar tekstu: 4 z 4");
        Assert.Equal("32px", await page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).fontSize"));
        var misfits = new List<string>();
        misfits.Add(await MisfitAsync(page, "start"));
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Start }).ClickAsync();

        var counters = new List<string>();
        async Task Screen(string heading)
        {
            await Expect(Kiosk.H1(page)).ToHaveTextAsync(heading);
            counters.Add(await page.Locator(".kiosk-progress").InnerTextAsync());
            misfits.Add(await MisfitAsync(page, heading));
        }

        async Task Next() => await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).ClickAsync();

        await Screen(Journey.Headings.ForWhom);
        await page.GetByLabel("Dla sąsiada lub sąsiadki").CheckAsync();
        await Next();
        await Screen(Journey.Headings.Residence);
        Assert.Equal(["Pytanie 1", "Pytanie 2 z 15"], counters);
        await page.GetByLabel("Tak").CheckAsync();
        await Next();
        await Screen(Journey.Headings.Reason);
        await page.GetByLabel("Ze względu na wiek").CheckAsync();
        await Next();
        await Screen(Journey.Headings.Matter);
        await page.GetByLabel("Wniosek o dowód osobisty").CheckAsync();
        await Next();
        await Screen(Journey.Headings.Description + " (opcjonalnie)");
        await Next();
        await Screen("Jak nazywa się osoba, do której ma przyjść urzędnik?");
        await page.GetByLabel("Jak nazywa się osoba").ClickAsync();
        await ExpectKeyboardAsync(page, keypad: false);
        await page.GetByLabel("Jak nazywa się osoba").FillAsync("Zofia Łęcka");
        await Next();

        // Phone numbers: the keypad, with "+" and space, typing into the field that stays in view above it.
        await Screen("Jaki numer telefonu ma ta osoba? (opcjonalnie)");
        var residentPhone = page.GetByLabel("Jaki numer telefonu ma ta osoba?");
        await residentPhone.ClickAsync();
        await ExpectKeyboardAsync(page, keypad: true);
        await Kiosk.AssertTargetsAtLeast48Async(page, "klawiatura numeryczna");
        await Axe.CheckAsync(page, "klawiatura numeryczna", enhancedContrast: true);
        await Kiosk.TapTextAsync(page, "+48 601 202 303");
        await Expect(residentPhone).ToHaveValueAsync("+48 601 202 303");
        await AssertNotCoveredAsync(residentPhone, "telefon osoby");
        await Next();

        await Screen(Journey.Headings.AddressOther);
        await page.GetByLabel("Ulica, numer domu i mieszkania").ClickAsync();
        await ExpectKeyboardAsync(page, keypad: false);
        await page.GetByLabel("Ulica, numer domu i mieszkania").FillAsync("Główna 5");
        var postal = page.GetByLabel("Kod pocztowy");
        await postal.ClickAsync();
        await ExpectKeyboardAsync(page, keypad: true);
        await Kiosk.TapTextAsync(page, "00-950");
        await Expect(postal).ToHaveValueAsync("00-950");
        await AssertNotCoveredAsync(postal, "kod pocztowy");
        await page.GetByLabel("Miejscowość").FillAsync("Przykładowo");
        await Next();
        await Screen("Jak się nazywasz?");
        await page.GetByLabel("Jak się nazywasz?").FillAsync("Piotr Nowak");
        await Next();
        await Screen("Jaki masz numer telefonu?");
        await page.GetByLabel("Jaki masz numer telefonu?").ClickAsync();
        await ExpectKeyboardAsync(page, keypad: true);
        await Kiosk.TapTextAsync(page, "601 202 303");
        await Next();
        await Screen("Czy ta osoba wie o zgłoszeniu i zgadza się na wizytę?");
        await page.GetByLabel("Ta osoba wie o zgłoszeniu i zgadza się na wizytę").CheckAsync();
        await Next();
        await Screen("Jak mamy się z Tobą kontaktować?");
        await page.GetByLabel("SMS-em").CheckAsync();
        await Next();
        await Screen("Czy podczas wizyty potrzebne jest coś szczególnego? (opcjonalnie)");
        await Next();
        await Screen("Od kiedy może być wizyta?");
        await page.GetByLabel("Jak najszybciej").CheckAsync();
        await Next();
        await Screen("Jaka pora dnia pasuje?");
        await page.GetByLabel("Każda pora").CheckAsync();
        await Next();
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(Kiosk.Check);
        misfits.Add(await MisfitAsync(page, "sprawdzenie"));

        // "Pytanie 1" until it is known for whom, then the same count on every screen: no "1 z 12" before "2 z 15".
        Assert.Equal(["Pytanie 1", .. Enumerable.Range(2, 14).Select(i => $"Pytanie {i} z 15")], counters);

        // The receipt: the contact as chosen, the office's phone, the door word; "take the printout" only once printed.
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Send }).ClickAsync();
        await Kiosk.ReceiptCodeAsync(page);
        misfits.Add(await MisfitAsync(page, "potwierdzenie"));
        Assert.DoesNotContain(misfits, m => m.Length > 0);
        var main = page.Locator("main");
        await Expect(main).ToContainTextAsync("Wyślemy SMS, żeby umówić dzień i porę wizyty.");
        await Expect(main).Not.ToContainTextAsync("Zadzwonimy");
        await Expect(main).ToContainTextAsync("Pytania o zgłoszenie? Zadzwoń do urzędu: 22 123 45 67");
        await Expect(main).ToContainTextAsync(DoorWarning);
        await Expect(main).Not.ToContainTextAsync(Printed);
        await ExpectSpokenAsync(spoken, DoorWarning);
        await ExpectSpokenAsync(spoken, "Wyślemy SMS");
        Assert.DoesNotContain(spoken, s => s.Contains(Printed, StringComparison.Ordinal));
        await Axe.CheckAsync(page, "potwierdzenie (największy tekst)", enhancedContrast: true);

        await page.GetByRole(AriaRole.Button, new() { Name = "Drukuj potwierdzenie" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = Printed })).ToBeVisibleAsync();
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.muPrinted || 0"));
        await ExpectSpokenAsync(spoken, Printed);
        await Axe.CheckAsync(page, "potwierdzenie po wydruku", enhancedContrast: true);

        // The printed slip (print media) carries the code, the office's phone and the door word.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator(".receipt__door")).ToBeVisibleAsync();
        await Expect(page.Locator(".receipt__office")).ToBeVisibleAsync();
        await Expect(page.Locator(".receipt__printed")).ToBeHiddenAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // The status look-up at the largest size too.
        await page.GetByRole(AriaRole.Button, new() { Name = "Zakończ" }).ClickAsync();
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(Journey.Headings.Start);
        for (var i = 0; i < 3; i++)
        {
            await larger.ClickAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sprawdź status zgłoszenia" }).ClickAsync();
        await Expect(Kiosk.H1(page)).ToHaveTextAsync("Sprawdź status zgłoszenia");
        Assert.Equal(string.Empty, await MisfitAsync(page, "status"));
        await page.GetByLabel("4 ostatnie cyfry numeru telefonu").ClickAsync();
        await ExpectKeyboardAsync(page, keypad: true);
    }

    [Fact]
    public async Task Receipt_PhoneCallChosen_SaysWeWillCall_NoPrintoutPromisedBeforePrinting_OfficePhoneAndDoorWord()
    {
        await using var context = await browser.Browser.NewContextAsync(Kiosk.KeyboardContext(kiosk.BaseAddress));
        var page = await context.NewPageAsync();
        await KioskWalk.FileForSelfAsync(page);
        var main = page.Locator("main");
        await Expect(main).Not.ToContainTextAsync(Printed);
        await Expect(main).ToContainTextAsync("Zadzwonimy, żeby umówić dzień i porę wizyty.");
        await Expect(main).Not.ToContainTextAsync("Wyślemy SMS");
        await Expect(main).ToContainTextAsync("Zadzwoń do urzędu: 22 123 45 67");
        await Expect(main).ToContainTextAsync(DoorWarning);
        var help = page.GetByRole(AriaRole.Complementary, new() { Name = "Potrzebujesz pomocy?" });
        await Expect(help.Locator("a[href^='tel:'], a[href^='mailto:']")).ToHaveCountAsync(0);
    }

    private static async Task ExpectKeyboardAsync(IPage page, bool keypad)
    {
        await Expect(page.Locator("[data-kiosk-keyboard]")).ToBeVisibleAsync();
        var pad = page.Locator("[data-kiosk-keypad]");
        var letters = page.Locator("[data-kiosk-keyboard] button[data-key='q']");
        if (keypad)
        {
            await Expect(pad).ToBeVisibleAsync();
            await Expect(pad.GetByRole(AriaRole.Button, new() { Name = "+", Exact = true })).ToBeVisibleAsync();
            await Expect(pad.GetByRole(AriaRole.Button, new() { Name = "Spacja" })).ToBeVisibleAsync();
            await Expect(letters).ToBeHiddenAsync();
        }
        else
        {
            await Expect(pad).ToBeHiddenAsync();
            await Expect(letters).ToBeVisibleAsync();
        }
    }

    private static async Task AssertNotCoveredAsync(ILocator field, string what)
    {
        Assert.True(await field.EvaluateAsync<bool>("""
            el => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => {
              const b = el.getBoundingClientRect();
              const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
              r(hit === el);
            })))
            """), $"{what} is covered by the keypad or the bar.");
    }

    /// <summary>
    /// Empty when, on arrival, unscrolled, the heading and the first two answers (or the first field, the first two check rows,
    /// the code) lie between the top of the window and the bottom bar; else what sticks out.
    /// </summary>
    private static async Task<string> MisfitAsync(IPage page, string state)
    {
        var problem = await page.EvaluateAsync<string>("""
            () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => {
              const bar = document.querySelector('[data-kiosk-bar]');
              const limit = bar ? bar.getBoundingClientRect().top : window.innerHeight;
              const main = document.querySelector('main');
              const labels = [...main.querySelectorAll('.radios__label, .checkboxes__label')];
              const fields = [...main.querySelectorAll('input:not([type=radio]):not([type=checkbox]), textarea')];
              const rows = [...main.querySelectorAll('.summary-list__row')];
              const parts = [main.querySelector('h1'),
                ...(labels.length ? labels.slice(0, 2) : fields.length ? fields.slice(0, 1) : rows.length ? rows.slice(0, 2)
                    : [...main.querySelectorAll('.reference, .button, p')].slice(0, 1))];
              const out = parts.filter(Boolean).map(el => [el, el.getBoundingClientRect()])
                .filter(([el, b]) => b.top < 0 || b.bottom > limit + 0.5)
                .map(([el, b]) => `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}" ${Math.round(b.top)}–${Math.round(b.bottom)}`);
              const header = document.querySelector('.kiosk-header').getBoundingClientRect().height;
              const tools = document.querySelector('.kiosk-tools').getBoundingClientRect().height;
              r(window.scrollY !== 0 || out.length
                ? `scrollY ${window.scrollY}, bar top ${Math.round(limit)}, header ${Math.round(header)}, tools ${Math.round(tools)}: ${out.join('; ')}`
                : '');
            })))
            """);
        return problem.Length == 0 ? string.Empty : $"{state}: {problem}";
    }

    private static async Task ExpectSpokenAsync(ConcurrentQueue<string> spoken, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!spoken.Any(s => s.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Nothing spoken contained \"{text}\". Spoken: {string.Join(" | ", spoken)}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
