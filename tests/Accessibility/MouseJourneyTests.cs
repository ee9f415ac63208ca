namespace MobilnyUrzednik.Accessibility;

/// <summary>A request filed by pointer for a neighbour, then found on the status page (on a site without dictation).</summary>
public sealed class MouseJourneyTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    [Fact]
    public async Task RequestForNeighbour_FiledByClicking_IsFoundOnStatusPageWithSubmittersPhone()
    {
        var answers = new JourneyAnswers
        {
            ForWhom = "Dla sąsiada lub sąsiadki",
            ResidentPhone = string.Empty,
            SubmitterPhone = "601 234 567",
            Contact = "SMS-em",
        };

        // No dictation engine is configured on this site: the description question has no dictation button at all.
        await Journey.WalkToCheckAsync(Page, answers, async question =>
        {
            if (question == "opis")
            {
                await Expect(Page.Locator("[data-dictation]")).ToHaveCountAsync(0);
                await Expect(Page.GetByRole(AriaRole.Button, new() { NameRegex = Dictation.ButtonName })).ToHaveCountAsync(0);
            }
        });

        // The check page shows the answers back before anything is sent.
        var main = Page.Locator("main");
        await Expect(main).ToContainTextAsync("Dla sąsiada lub sąsiadki");
        await Expect(main).ToContainTextAsync("Janina Kowalczyk");
        await Expect(main).ToContainTextAsync("Marek Nowak");
        await Expect(main).ToContainTextAsync("00-950 Przykładowo");
        await Expect(main).ToContainTextAsync("Telefon tuż przed wejściem");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Zmień adres", Exact = true })).ToBeVisibleAsync();
        await Expect(main).ToContainTextAsync("Zgłoszenie nie jest jeszcze wysłane.");

        var code = await Journey.SendAsync(Page);

        // With JavaScript the print button appears (it can work); the checklist for the matter is shown.
        await Expect(Journey.Button(Page, "Drukuj potwierdzenie")).ToBeVisibleAsync();
        await Expect(Page.Locator("main")).ToContainTextAsync("Co przygotować na wizytę: Wniosek o dowód osobisty");

        // The neighbour learns now that the clerk will come with a password, and to let in nobody without it.
        await Expect(Page.Locator("main ol")).ToContainTextAsync("hasło, które urzędnik powie w drzwiach");
        await Expect(Page.Locator("main ol")).ToContainTextAsync("Nie wpuszczaj nikogo, kto nie zna hasła.");

        await Journey.FindOnStatusPageAsync(Page, code, "4567");
    }
}
