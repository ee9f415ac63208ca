using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Accessibility;

/// <summary>Requests filed on the kiosk, by touch and by keys alone, then found on the public site's /status (issue 4).</summary>
public sealed class KioskJourneyTests(BrowserFixture browser, KioskAndSiteFixture apps) : IClassFixture<KioskAndSiteFixture>
{
    [Fact]
    public async Task TouchJourney_NeighbourFilesByTapping_RequestRecordsTheKioskAndIsFoundOnThePublicStatusPage()
    {
        await using var context = await browser.Browser.NewContextAsync(Kiosk.TouchContext(apps.Kiosk.BaseAddress));
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(Journey.Headings.Start);
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Start }).TapAsync();

        // "For yourself or for someone else?" comes first.
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(Journey.Headings.ForWhom);
        await Kiosk.AssertTargetsAtLeast48Async(page, "dla kogo");
        await page.GetByLabel("Dla sąsiada lub sąsiadki").TapAsync();
        await TapNextAsync(page, Journey.Headings.Residence);
        await page.GetByLabel("Tak").TapAsync();
        await TapNextAsync(page, Journey.Headings.Reason);
        await page.GetByLabel("Ze względu na wiek").TapAsync();
        await TapNextAsync(page, Journey.Headings.Matter);
        await page.GetByLabel("Wniosek o dowód osobisty").TapAsync();
        await TapNextAsync(page, Journey.Headings.Description + " (opcjonalnie)");
        await TapNextAsync(page, "Jak nazywa się osoba, do której ma przyjść urzędnik?");

        // Nothing typed: the error is shown and the field keeps its place.
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).TapAsync();
        await Expect(page).ToHaveTitleAsync(new Regex("^Błąd: "));
        await Expect(page.Locator("#ResidentName-error")).ToContainTextAsync("Błąd:");
        await page.GetByLabel("Jak nazywa się osoba").TapAsync();
        await Kiosk.TapTextAsync(page, "Zofia Łęcka");
        await Expect(page.GetByLabel("Jak nazywa się osoba")).ToHaveValueAsync("Zofia Łęcka");
        await TapNextAsync(page, "Jaki numer telefonu ma ta osoba? (opcjonalnie)");
        await TapNextAsync(page, Journey.Headings.AddressOther);
        await page.GetByLabel("Ulica, numer domu i mieszkania").TapAsync();
        await Kiosk.TapTextAsync(page, "Główna 5");
        await page.GetByLabel("Kod pocztowy").TapAsync();
        await Kiosk.TapTextAsync(page, "00-950");
        await page.GetByLabel("Miejscowość").TapAsync();
        await Kiosk.TapTextAsync(page, "Przykładowo");
        await TapNextAsync(page, "Jak się nazywasz?");
        await page.GetByLabel("Jak się nazywasz?").TapAsync();
        await Kiosk.TapTextAsync(page, "Piotr Nowak");
        await TapNextAsync(page, "Jaki masz numer telefonu?");
        await page.GetByLabel("Jaki masz numer telefonu?").TapAsync();
        await Kiosk.TapTextAsync(page, "601202303");
        await TapNextAsync(page, "Czy ta osoba wie o zgłoszeniu i zgadza się na wizytę?");
        await page.GetByLabel("Ta osoba wie o zgłoszeniu i zgadza się na wizytę").TapAsync();
        await TapNextAsync(page, "Jak mamy się z Tobą kontaktować?");
        await page.GetByLabel("Telefonicznie").TapAsync();
        await TapNextAsync(page, "Czy podczas wizyty potrzebne jest coś szczególnego? (opcjonalnie)");
        await TapNextAsync(page, "Od kiedy może być wizyta?");
        await page.GetByLabel("Jak najszybciej").TapAsync();
        await TapNextAsync(page, "Jaka pora dnia pasuje?");
        await page.GetByLabel("Każda pora").TapAsync();
        await TapNextAsync(page, Kiosk.Check);
        await Expect(page.Locator("main")).ToContainTextAsync("Zofia Łęcka");

        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Send }).TapAsync();
        var code = await Kiosk.ReceiptCodeAsync(page);
        Assert.True(TrackingCode.Parse(code).IsValid, code);
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Zofia");

        await using (var db = apps.OpenDatabase())
        {
            var request = await db.VisitRequests.Include(r => r.History).SingleAsync(r => r.TrackingCode == code, TestContext.Current.CancellationToken);
            Assert.Equal(RequestChannel.Kiosk, request.Channel);
            Assert.Equal("demo", request.KioskId);
            Assert.Equal("Biblioteka Publiczna w Przykładowie (kiosk demonstracyjny)", request.KioskLocation);
            Assert.Equal("Zofia Łęcka", request.ResidentName);
            Assert.Equal("+48601202303", request.SubmitterPhone);
            Assert.Equal(SubmitterRelation.Neighbour, request.SubmitterRelation);
            Assert.Equal(request.KioskLocation, Assert.Single(request.History).Actor);
        }

        await FindOnPublicStatusAsync(code, "2303");
    }

    [Fact]
    public async Task KeyboardJourney_NonVisualModeByPressing5Twice_FiledWithKeysAndSpeechAlone_EveryPromptSpokenAndFoundOnStatus()
    {
        await using var context = await browser.Browser.NewContextAsync(Kiosk.KeyboardContext(apps.Kiosk.BaseAddress));
        var page = await context.NewPageAsync();
        var spoken = Kiosk.RecordSpeech(page);
        await page.GotoAsync("/");
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(Journey.Headings.Start);

        await page.Keyboard.PressAsync("5");
        await page.Keyboard.PressAsync("5");
        await Expect(page.Locator(".kiosk-tools__status")).ToContainTextAsync("Tryb głosowy włączony");
        await ExpectSpokenAsync(spoken, "Tryb głosowy jest włączony");
        await page.Keyboard.PressAsync("Enter");

        var headings = new List<string>();
        async Task Arrive(string heading)
        {
            await Expect(Kiosk.H1(page)).ToHaveTextAsync(heading);
            await Expect(Kiosk.H1(page)).ToBeFocusedAsync();
            headings.Add(heading);

            // Non-visual mode: every screen is read on arrival, question first.
            await ExpectSpokenAsync(spoken, heading);
        }

        async Task Choose(string heading, int downPresses)
        {
            await Arrive(heading);
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.PressAsync("Space");
            for (var i = 0; i < downPresses; i++)
            {
                await page.Keyboard.PressAsync("ArrowDown");
            }

            await page.Keyboard.PressAsync("Enter");
        }

        async Task Type(string heading, params string[] values)
        {
            await Arrive(heading);
            foreach (var value in values)
            {
                await page.Keyboard.PressAsync("Tab");
                await page.Keyboard.TypeAsync(value);
            }

            await page.Keyboard.PressAsync("Enter");
        }

        await Choose(Journey.Headings.ForWhom, 0);
        await Choose(Journey.Headings.Residence, 0);
        await Choose(Journey.Headings.Reason, 1);
        await Choose(Journey.Headings.Matter, 0);
        await Type(Journey.Headings.Description + " (opcjonalnie)");

        // Enter with nothing typed: the problem is spoken with its field, and in non-visual mode focus goes to that field.
        await Arrive("Jak się nazywasz?");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByLabel("Jak się nazywasz?")).ToBeFocusedAsync();
        await ExpectSpokenAsync(spoken, "Wystąpił problem: Pole Jak się nazywasz: Wpisz");
        await page.Keyboard.TypeAsync(KioskWalk.Name);
        await page.Keyboard.PressAsync("Enter");
        headings.Remove("Jak się nazywasz?");

        await Type("Jaki masz numer telefonu?", KioskWalk.Phone);
        await Type(Journey.Headings.AddressSelf, KioskWalk.Street, "00-950", "Przykładowo");
        await Choose("Jak mamy się z Tobą kontaktować?", 0);
        await Type("Czy podczas wizyty potrzebne jest coś szczególnego? (opcjonalnie)");
        await Choose("Od kiedy może być wizyta?", 0);
        await Choose("Jaka pora dnia pasuje?", 0);
        await Arrive(Kiosk.Check);

        // Escape = Wstecz, Enter = Dalej.
        await page.Keyboard.PressAsync("Escape");
        await Arrive("Jaka pora dnia pasuje?");
        await page.Keyboard.PressAsync("Enter");
        await Arrive(Kiosk.Check);
        await page.Keyboard.PressAsync("Enter");

        var code = await Kiosk.ReceiptCodeAsync(page);
        var spelled = string.Join(", ", TrackingCode.Groups(code).Select(g => string.Join(' ', g.ToCharArray())));
        await ExpectSpokenAsync(spoken, "Numer zgłoszenia: " + spelled);

        // The speaker never said the name, the phone or the address: no headset was chosen.
        var personal = spoken.Where(s => s.Contains("Janina", StringComparison.Ordinal) || s.Contains("432 187", StringComparison.Ordinal) || s.Contains("Lipowa", StringComparison.Ordinal)).ToList();
        Assert.True(personal.Count == 0, "Spoken without a headset: " + string.Join(" | ", personal));
        Assert.Contains(spoken, s => s.Contains("Czytamy je tylko w słuchawkach", StringComparison.Ordinal));

        await using (var db = apps.OpenDatabase())
        {
            var request = await db.VisitRequests.SingleAsync(r => r.TrackingCode == code, TestContext.Current.CancellationToken);
            Assert.Equal(KioskWalk.Name, request.ResidentName);
            Assert.Equal(EligibilityReason.Age, request.EligibilityReason);
            Assert.Equal(RequestChannel.Kiosk, request.Channel);
        }

        await FindOnPublicStatusAsync(code, "2187");
    }

    [Fact]
    public async Task ReadAloud_PersonalDataOnlyInHeadsetMode_StopsOnTouch()
    {
        await using var context = await browser.Browser.NewContextAsync(Kiosk.TouchContext(apps.Kiosk.BaseAddress));
        var page = await context.NewPageAsync();
        var spoken = Kiosk.RecordSpeech(page);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Start }).TapAsync();
        await page.GetByLabel("Dla mnie").TapAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).TapAsync();
        await page.GetByLabel("Tak").TapAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).TapAsync();
        await page.GetByLabel("Ze względu na wiek").TapAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).TapAsync();
        await page.GetByLabel("Wniosek o dowód osobisty").TapAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).TapAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).TapAsync();
        await Expect(Kiosk.H1(page)).ToHaveTextAsync("Jak się nazywasz?");
        await page.GetByLabel("Jak się nazywasz?").FillAsync(KioskWalk.Name);

        var readAloud = page.GetByRole(AriaRole.Button, new() { Name = "Przeczytaj na głos" });
        await readAloud.TapAsync();
        var speaker = await NextSpokenAsync(spoken, "Jak się nazywasz?");
        Assert.DoesNotContain("Janina", speaker, StringComparison.Ordinal);
        Assert.Contains("Czytamy je tylko w słuchawkach", speaker, StringComparison.Ordinal);

        var headset = page.GetByRole(AriaRole.Button, new() { Name = "Słuchawki" });
        await headset.TapAsync();
        await Expect(headset).ToHaveAttributeAsync("aria-pressed", "true");
        spoken.Clear();
        await readAloud.TapAsync();
        var inHeadset = await NextSpokenAsync(spoken, "Jak się nazywasz?");
        Assert.Contains("Wpisano: " + KioskWalk.Name, inHeadset, StringComparison.Ordinal);

        // "Zatrzymaj czytanie" stops it; "Powtórz" plays the same words again; any touch elsewhere stops it.
        var speaking = page.Locator("html");
        await Expect(speaking).ToHaveClassAsync(new Regex("kiosk-speaking"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Zatrzymaj czytanie" }).TapAsync();
        await Expect(speaking).Not.ToHaveClassAsync(new Regex("kiosk-speaking"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('kiosk-audio').paused"));

        var firstReading = spoken.ToArray();
        spoken.Clear();
        await page.GetByRole(AriaRole.Button, new() { Name = "Powtórz" }).TapAsync();
        await Expect(speaking).ToHaveClassAsync(new Regex("kiosk-speaking"));
        await ExpectSpokenAsync(spoken, "Jak się nazywasz?");
        Assert.Equal(firstReading[0], spoken.First());

        await Kiosk.H1(page).TapAsync();
        await Expect(speaking).Not.ToHaveClassAsync(new Regex("kiosk-speaking"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('kiosk-audio').paused"));
    }

    [Fact]
    public async Task Receipt_QrCodeIsTheStatusAddress_PrintsOnAn80mmRollWithTheCodeAndMatterOnly()
    {
        await using var context = await browser.Browser.NewContextAsync(Kiosk.KeyboardContext(apps.Kiosk.BaseAddress));
        var page = await context.NewPageAsync();
        var code = await KioskWalk.FileForSelfAsync(page);
        var address = apps.Site.BaseAddress.ToString().TrimEnd('/') + "/status?numer=" + TrackingCode.Format(code);
        await Expect(page.Locator(".receipt__address")).ToContainTextAsync(address);

        // The QR code on the screen is exactly the QR code of that address (drawn here independently, then
        // put through the same browser so both are serialised alike).
        using (var generator = new QRCoder.QRCodeGenerator())
        using (var data = generator.CreateQrCode(address, QRCoder.QRCodeGenerator.ECCLevel.M))
        {
            var expected = await page.EvaluateAsync<string>(
                "svg => { const d = document.createElement('div'); d.innerHTML = svg; return d.querySelector('svg').outerHTML; }",
                new QRCoder.SvgQRCode(data).GetGraphic(4));
            Assert.Equal(expected, await page.Locator(".receipt__qr svg").EvaluateAsync<string>("e => e.outerHTML"));
        }

        await Expect(page.GetByRole(AriaRole.Img, new() { Name = TrackingCode.Format(code), Exact = false })).ToBeVisibleAsync();

        // Printed: the code, the matter, the QR code, the address, the time and the place, and nothing personal
        // or meant for the screen.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var printed = await page.EvaluateAsync<string>("() => document.body.innerText");
        foreach (var part in TrackingCode.Groups(code))
        {
            Assert.Contains(part, printed, StringComparison.Ordinal);
        }

        Assert.Contains("Wniosek o dowód osobisty", printed, StringComparison.Ordinal);
        Assert.Contains(address, printed, StringComparison.Ordinal);
        Assert.Contains("Biblioteka Publiczna w Przykładowie", printed, StringComparison.Ordinal);
        foreach (var notOnPaper in new[] { "Janina", "Kowalczyk", "605", "Lipowa", "Przeczytaj na głos", "Zakończ", "Drukuj potwierdzenie", "Co dalej" })
        {
            Assert.DoesNotContain(notOnPaper, printed, StringComparison.Ordinal);
        }

        Assert.True(await page.Locator(".receipt__qr svg").IsVisibleAsync());

        // The print stylesheet sets an 80 mm wide page for a receipt printer (226.77 pt).
        var pdf = System.Text.Encoding.Latin1.GetString(await page.PdfAsync(new() { PreferCSSPageSize = true }));
        var box = Regex.Match(pdf, @"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]");
        Assert.True(box.Success, "The printout has no page size.");
        Assert.InRange(double.Parse(box.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 225.5, 228);
        Assert.Single(Regex.Matches(pdf, @"/Type\s*/Page(?!s)"));
    }

    private static async Task<string> NextSpokenAsync(System.Collections.Concurrent.ConcurrentQueue<string> spoken, string containing)
    {
        await ExpectSpokenAsync(spoken, containing);
        return string.Join(" ", spoken.Where(s => s.Contains(containing, StringComparison.Ordinal) || spoken.Count == 1));
    }

    /// <summary>Waits (polling the request log, bounded) until some text sent for speech contains <paramref name="text"/>.</summary>
    private static async Task ExpectSpokenAsync(System.Collections.Concurrent.ConcurrentQueue<string> spoken, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!spoken.Any(s => s.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Nothing spoken contained \"{text}\". Spoken: {string.Join(" | ", spoken)}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private static async Task TapNextAsync(IPage page, string heading)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).TapAsync();
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(heading);
        await Expect(page.Locator("main h1")).ToBeFocusedAsync();
    }

    private async Task FindOnPublicStatusAsync(string code, string lastFour)
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = apps.Site.BaseAddress.ToString(), Locale = "pl-PL" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/status?numer=" + TrackingCode.Format(code));
        await page.GetByLabel("4 ostatnie cyfry numeru telefonu").FillAsync(lastFour);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sprawdź status" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Zgłoszenie " + TrackingCode.Format(code));
        await Expect(page.Locator("main")).ToContainTextAsync("Zgłoszenie przyjęte");
    }
}
