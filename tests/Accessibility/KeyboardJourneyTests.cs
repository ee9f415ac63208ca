namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// The whole journey with the keyboard alone (G09, B01): Tab and Shift+Tab to move, Space to choose,
/// typing, Enter to send. Nothing is clicked and no field is filled that Tab has not reached.
/// </summary>
public sealed class KeyboardJourneyTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    [Fact]
    public async Task RequestForOneself_FiledWithKeyboardOnly_FocusFollowsEveryStepAndStatusIsFound()
    {
        await Page.GotoAsync("/zgloszenie");
        await Journey.ArriveAsync(Page, "/zgloszenie", Journey.Headings.Start);

        // G04: the skip link is the first Tab stop and takes focus into main.
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Przejdź do treści", Exact = true })).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("main")).ToBeFocusedAsync();

        await TabToAsync(Journey.Button(Page, "Rozpocznij"));
        await SubmitAsync("/zgloszenie/miejsce-zamieszkania", Journey.Headings.Residence);

        // Shift+Tab goes back the way it came: from "Tak" to the back link.
        await ChooseAsync("Tak");
        await Page.Keyboard.PressAsync("Shift+Tab");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Wstecz", Exact = true })).ToBeFocusedAsync();
        await TabToAsync(Journey.Continue(Page));
        await SubmitAsync("/zgloszenie/powod", Journey.Headings.Reason);

        await ChooseAsync("Ze względu na wiek");
        await TabToAsync(Journey.Continue(Page));
        await SubmitAsync("/zgloszenie/dla-kogo", Journey.Headings.ForWhom);

        await ChooseAsync("Dla mnie");
        await TabToAsync(Journey.Continue(Page));
        await SubmitAsync("/zgloszenie/sprawa", Journey.Headings.Matter);

        await ChooseAsync("Wniosek o dowód osobisty");
        await TabToAsync(Journey.Continue(Page));
        await SubmitAsync("/zgloszenie/opis", Journey.Headings.Description);

        await TypeAsync(Journey.Field(Page, Journey.Headings.Description, exact: false), "Potrzebuję nowego dowodu osobistego.");
        await TabToAsync(Journey.Continue(Page));
        await SubmitAsync("/zgloszenie/mieszkaniec", Journey.Headings.ResidentSelf);

        await TypeAsync(Journey.Field(Page, "Imię i nazwisko"), "Stanisław Wójcik");
        await TypeAsync(Journey.Field(Page, "Numer telefonu"), "+48 602 345 678");
        await TabToAsync(Journey.Continue(Page));
        await SubmitAsync("/zgloszenie/adres", Journey.Headings.AddressSelf);

        await TypeAsync(Journey.Field(Page, "Ulica, numer domu i mieszkania"), "Leśna 12");
        await TypeAsync(Journey.Field(Page, "Kod pocztowy"), "00950");
        await TypeAsync(Journey.Field(Page, "Miejscowość"), "Przykładowo");
        await TabToAsync(Journey.Continue(Page));

        // For oneself there is no submitter question: contact comes next.
        await SubmitAsync("/zgloszenie/kontakt", Journey.Headings.Contact);
        await ChooseAsync("Telefonicznie");
        await TabToAsync(Journey.Continue(Page));
        await SubmitAsync("/zgloszenie/potrzeby", Journey.Headings.AccessNeeds);

        await TabToAsync(Journey.Checkbox(Page, "Tłumacz polskiego języka migowego"));
        await Page.Keyboard.PressAsync("Space");
        await Expect(Journey.Checkbox(Page, "Tłumacz polskiego języka migowego")).ToBeCheckedAsync();
        await TabToAsync(Journey.Continue(Page));
        await SubmitAsync("/zgloszenie/termin", Journey.Headings.Times);

        await ChooseAsync("Jak najszybciej");
        await ChooseAsync("Każda pora");
        await TabToAsync(Journey.Continue(Page));
        await SubmitAsync("/zgloszenie/sprawdz", Journey.Headings.Check);

        await Expect(Page.Locator("main")).ToContainTextAsync("Stanisław Wójcik");
        await Expect(Page.Locator("main")).ToContainTextAsync("Tłumacz polskiego języka migowego");
        await TabToAsync(Journey.Button(Page, "Wyślij zgłoszenie"), maxPresses: 60);
        await SubmitAsync("/zgloszenie/potwierdzenie", Journey.Headings.Confirmation);
        var code = await Journey.ReadCodeAsync(Page);

        // The confirmation's own link leads to the status page with the code filled in.
        await TabToAsync(Page.GetByRole(AriaRole.Link, new() { Name = "sprawdź status zgłoszenia", Exact = true }));
        await SubmitAsync("/status", Journey.Headings.Status);
        await Expect(Journey.Field(Page, "Numer zgłoszenia")).ToHaveValueAsync(code);
        await TypeAsync(Journey.Field(Page, "4 ostatnie cyfry numeru telefonu"), "5678");
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.Locator("main h1")).ToBeFocusedAsync();
        await Journey.ExpectStatusAsync(Page, code);
    }

    private Task TabToAsync(ILocator target, int maxPresses = 30) => KeyboardOnly.TabToAsync(Page, target, maxPresses);

    private Task ChooseAsync(string label) => KeyboardOnly.ChooseAsync(Page, label);

    private Task TypeAsync(ILocator field, string text) => KeyboardOnly.TypeAsync(Page, field, text);

    private Task SubmitAsync(string path, string heading) => KeyboardOnly.SubmitAsync(Page, path, heading);
}
