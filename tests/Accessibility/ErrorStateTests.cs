using System.Text.RegularExpressions;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// Every question sent empty (G01, F02, F03, G03, B01): "Błąd: " in the title, the summary "Wystąpił problem"
/// takes focus and links to each field in the same words as the message beside it, the link moves
/// focus to the field, the field points at its message, and axe passes in that state. Also the
/// status page in each of its states and the "we cannot help" page.
/// </summary>
public sealed class ErrorStateTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    [Fact]
    public async Task EveryQuestion_SentEmpty_ShowsLinkedErrorsThatMoveFocusAndPassAxe()
    {
        await Page.GotoAsync("/zgloszenie");
        await Journey.Button(Page, "Rozpocznij").ClickAsync();

        await Journey.ArriveAsync(Page, "/zgloszenie/miejsce-zamieszkania", Journey.Headings.Residence);
        await SendEmptyAsync(Journey.Headings.Residence, "Wybierz, czy ta osoba mieszka w gminie");
        await Journey.ChooseAsync(Page, "Tak");
        await Journey.Continue(Page).ClickAsync();

        await Journey.ArriveAsync(Page, "/zgloszenie/powod", Journey.Headings.Reason);
        await SendEmptyAsync(Journey.Headings.Reason, "Wybierz, dlaczego ta osoba nie może przyjść do urzędu");
        await Journey.ChooseAsync(Page, "Jest chora");
        await Journey.Continue(Page).ClickAsync();

        await Journey.ArriveAsync(Page, "/zgloszenie/dla-kogo", Journey.Headings.ForWhom);
        await SendEmptyAsync(Journey.Headings.ForWhom, "Wybierz, dla kogo jest wizyta");
        await Journey.ChooseAsync(Page, "Dla kogoś z mojej rodziny");
        await Journey.Continue(Page).ClickAsync();

        await Journey.ArriveAsync(Page, "/zgloszenie/sprawa", Journey.Headings.Matter);
        await SendEmptyAsync(Journey.Headings.Matter, "Wybierz sprawę, którą trzeba załatwić");
        await Journey.ChooseAsync(Page, "Inna sprawa");
        await Journey.Continue(Page).ClickAsync();

        // "Inna sprawa" needs a description, so here the description is not optional.
        await Journey.ArriveAsync(Page, "/zgloszenie/opis", Journey.Headings.Description);
        await SendEmptyAsync(Journey.Headings.Description, "Opisz, co trzeba załatwić, na przykład „Potrzebuję pomocy z wnioskiem o zasiłek”");
        await Journey.TypeAsync(Page, Journey.Headings.Description, "Pomoc w wypełnieniu wniosku o dodatek mieszkaniowy.");
        await Journey.Continue(Page).ClickAsync();

        // For someone else only the name is required; their phone is optional.
        await Journey.ArriveAsync(Page, "/zgloszenie/mieszkaniec", Journey.Headings.ResidentOther);
        await SendEmptyAsync(Journey.Headings.ResidentOther, "Wpisz imię i nazwisko");
        await Journey.TypeAsync(Page, "Imię i nazwisko", "Helena Zając");
        await Journey.Continue(Page).ClickAsync();

        await Journey.ArriveAsync(Page, "/zgloszenie/adres", Journey.Headings.AddressOther);
        await SendEmptyAsync(
            Journey.Headings.AddressOther,
            "Wpisz ulicę i numer domu, na przykład Główna 5 m. 3",
            "Wpisz kod pocztowy, na przykład 00-950",
            "Wpisz miejscowość");

        // F04: what was typed stays, the wrong part too, and only the wrong parts are flagged.
        await Journey.TypeAsync(Page, "Ulica, numer domu i mieszkania", "Polna 7");
        await Journey.TypeAsync(Page, "Kod pocztowy", "0095");
        await Journey.Continue(Page).ClickAsync();
        await ExpectErrorStateAsync(Journey.Headings.AddressOther, "Wpisz kod pocztowy jako pięć cyfr, na przykład 00-950", "Wpisz miejscowość");
        await Expect(Journey.Field(Page, "Ulica, numer domu i mieszkania")).ToHaveValueAsync("Polna 7");
        await Expect(Journey.Field(Page, "Ulica, numer domu i mieszkania")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Journey.Field(Page, "Kod pocztowy")).ToHaveValueAsync("0095");
        await Journey.TypeAsync(Page, "Kod pocztowy", "00-950");
        await Journey.TypeAsync(Page, "Miejscowość", "Przykładowo");
        await Journey.Continue(Page).ClickAsync();

        await Journey.ArriveAsync(Page, "/zgloszenie/zglaszajacy", Journey.Headings.Submitter);
        await SendEmptyAsync(
            Journey.Headings.Submitter,
            "Wpisz swoje imię i nazwisko",
            "Wpisz swój numer telefonu, na przykład 600 100 200",
            "Potwierdź, że osoba, do której ma przyjść urzędnik, wie o zgłoszeniu i się zgadza");
        await Journey.TypeAsync(Page, "Twoje imię i nazwisko", "Ewa Zając");
        await Journey.TypeAsync(Page, "Twój numer telefonu", "603 111 222");
        await Journey.Checkbox(Page, "Ta osoba wie o zgłoszeniu i zgadza się na wizytę").ClickAsync();
        await Journey.Continue(Page).ClickAsync();

        await Journey.ArriveAsync(Page, "/zgloszenie/kontakt", Journey.Headings.Contact);
        await SendEmptyAsync(Journey.Headings.Contact, "Wybierz, jak mamy się kontaktować");

        // Choosing e-mail makes the address required: a rule across two fields.
        await Journey.ChooseAsync(Page, "E-mailem");
        await Journey.Continue(Page).ClickAsync();
        await ExpectErrorStateAsync(Journey.Headings.Contact, "Wpisz adres e-mail, na przykład jan.nowak@example.pl");
        await Expect(Journey.Radio(Page, "E-mailem")).ToBeCheckedAsync();
        await Journey.TypeAsync(Page, "Adres e-mail (jeśli wybierasz e-mail)", "ewa.zajac@example.pl");
        await Journey.Continue(Page).ClickAsync();

        // Every access need is optional: sending it empty is an answer, not an error.
        await Journey.ArriveAsync(Page, "/zgloszenie/potrzeby", Journey.Headings.AccessNeeds);
        await Journey.Continue(Page).ClickAsync();

        await Journey.ArriveAsync(Page, "/zgloszenie/termin", Journey.Headings.Times);
        await SendEmptyAsync(Journey.Headings.Times, "Wybierz, od kiedy może być wizyta", "Wybierz porę dnia");

        // A chosen date must be a real date.
        await Journey.ChooseAsync(Page, "Nie wcześniej niż w wybranym dniu");
        await Journey.TypeAsync(Page, "Dzień", "31");
        await Journey.TypeAsync(Page, "Miesiąc", "2");
        await Journey.TypeAsync(Page, "Rok", "2027");
        await Journey.ChooseAsync(Page, "Rano, od 8:00 do 12:00");
        await Journey.Continue(Page).ClickAsync();
        await ExpectErrorStateAsync(Journey.Headings.Times, "Wpisz prawdziwą datę: dzień, miesiąc i rok, na przykład 15 12 2026");
        await Journey.ChooseAsync(Page, "Jak najszybciej");
        await Journey.Continue(Page).ClickAsync();

        await Journey.ArriveAsync(Page, "/zgloszenie/sprawdz", Journey.Headings.Check);
        await Expect(Page.Locator("[data-error-summary]")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[aria-invalid]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task StatusPage_EveryState_PassesAxe()
    {
        await Journey.WalkToCheckAsync(Page, new JourneyAnswers { ResidentPhone = "22 123 45 99", Contact = "Telefonicznie" });
        var code = await Journey.SendAsync(Page);

        await Page.GotoAsync("/status");
        await Journey.ArriveAsync(Page, "/status", Journey.Headings.Status);

        await Journey.Button(Page, "Sprawdź status").ClickAsync();
        await ExpectErrorStateAsync(
            Journey.Headings.Status,
            "Wpisz numer zgłoszenia, na przykład K7P-4QX-9M",
            "Wpisz 4 ostatnie cyfry numeru telefonu, na przykład 0200");

        // A well-formed code that was never issued, and the real code with the wrong digits, get the
        // same answer: the page must not tell which half was wrong.
        const string NotFound = "Nie znaleźliśmy zgłoszenia z tym numerem i tymi cyframi telefonu. Sprawdź oba pola i spróbuj jeszcze raz.";
        string unknown;
        do
        {
            unknown = TrackingCode.NewCode();
        }
        while (unknown == code.Replace("-", string.Empty, StringComparison.Ordinal));

        await Journey.TypeAsync(Page, "Numer zgłoszenia", unknown);
        await Journey.TypeAsync(Page, "4 ostatnie cyfry numeru telefonu", "4599");
        await Journey.Button(Page, "Sprawdź status").ClickAsync();
        await ExpectErrorStateAsync(Journey.Headings.Status, NotFound);

        await Journey.TypeAsync(Page, "Numer zgłoszenia", code);
        await Journey.TypeAsync(Page, "4 ostatnie cyfry numeru telefonu", "1234");
        await Journey.Button(Page, "Sprawdź status").ClickAsync();
        await Expect(Page.Locator("[data-error-summary] a")).ToHaveTextAsync(NotFound);
        await ExpectErrorStateAsync(Journey.Headings.Status, NotFound);

        // Typed the way people do: lower case, spaces instead of dashes.
        await Journey.TypeAsync(Page, "Numer zgłoszenia", code.Replace('-', ' ').ToLowerInvariant());
        await Journey.TypeAsync(Page, "4 ostatnie cyfry numeru telefonu", "4599");
        await Journey.Button(Page, "Sprawdź status").ClickAsync();
        await Journey.ExpectStatusAsync(Page, code);
    }

    [Fact]
    public async Task NotEligiblePage_BothReasons_ExplainWhatToDoAndPassAxe()
    {
        await Page.GotoAsync("/zgloszenie");
        await Journey.Button(Page, "Rozpocznij").ClickAsync();
        await Journey.ArriveAsync(Page, "/zgloszenie/miejsce-zamieszkania", Journey.Headings.Residence);
        await Journey.ChooseAsync(Page, "Nie");
        await Journey.Continue(Page).ClickAsync();

        await Journey.ArriveAsync(Page, "/zgloszenie/nie-mozemy-pomoc", Journey.Headings.NotEligible);
        await Expect(Page.Locator("main")).ToContainTextAsync("Mobilny Urzędnik przychodzi tylko do osób, które mieszkają w Gminie Przykładowo.");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Zmień odpowiedź", Exact = true }).ClickAsync();
        await Journey.ArriveAsync(Page, "/zgloszenie/miejsce-zamieszkania", Journey.Headings.Residence);
        await Expect(Journey.Radio(Page, "Nie")).ToBeCheckedAsync();
        await Journey.ChooseAsync(Page, "Tak");
        await Journey.Continue(Page).ClickAsync();

        await Journey.ArriveAsync(Page, "/zgloszenie/powod", Journey.Headings.Reason);
        await Journey.ChooseAsync(Page, "Może przyjść do urzędu");
        await Journey.Continue(Page).ClickAsync();

        await Journey.ArriveAsync(Page, "/zgloszenie/nie-mozemy-pomoc", Journey.Headings.NotEligible);
        await Expect(Page.Locator("main")).ToContainTextAsync("Mobilny Urzędnik jest dla osób, które nie mogą przyjść do urzędu.");
    }

    /// <summary>"Dalej" with nothing answered, then the whole error state is checked.</summary>
    private async Task SendEmptyAsync(string heading, params string[] messages)
    {
        await Journey.Continue(Page).ClickAsync();
        await ExpectErrorStateAsync(heading, messages);
    }

    /// <summary>
    /// The page shows exactly <paramref name="messages"/>, in order: in the title's "Błąd: " prefix,
    /// in the focused summary and beside each field, with each link leading focus to its field.
    /// </summary>
    private async Task ExpectErrorStateAsync(string heading, params string[] messages)
    {
        await Expect(Page).ToHaveTitleAsync("Błąd: " + heading + Journey.TitleSuffix);
        var summary = Page.Locator("[data-error-summary]");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.GetByRole(AriaRole.Heading, new() { Name = "Wystąpił problem", Exact = true })).ToBeVisibleAsync();
        var links = summary.GetByRole(AriaRole.Link);
        await Expect(links).ToHaveTextAsync(messages);
        await Axe.CheckAsync(Page, "błąd: " + heading);

        for (var i = 0; i < messages.Length; i++)
        {
            // The link stays on this page (a bare "#field" under <base href="/"> would lead to the home page).
            var href = await links.Nth(i).GetAttributeAsync("href");
            Assert.NotNull(href);
            var here = new Uri(Page.Url).PathAndQuery;
            Assert.StartsWith(here + "#", href);
            var fieldId = href[(here.Length + 1)..];
            var errorId = fieldId + "-error";

            // Beside the field: the same words, after a prefix only screen readers hear.
            var inline = Page.Locator($"[id='{errorId}']");
            await Expect(inline).ToHaveTextAsync("Błąd: " + messages[i]);
            await Expect(inline.Locator(".visually-hidden")).ToHaveTextAsync("Błąd:");
            await Expect(inline).ToBeVisibleAsync();

            await links.Nth(i).ClickAsync();
            var field = Page.Locator($"[id='{fieldId}']");
            await Expect(field).ToBeFocusedAsync();
            await Expect(Page.Locator("main h1")).ToContainTextAsync(heading);

            var describedBy = new Regex($@"(^|\s){Regex.Escape(errorId)}(\s|$)");
            var fieldset = field.Locator("xpath=ancestor::fieldset[1]");
            if (await field.GetAttributeAsync("type") is "radio" or "checkbox")
            {
                // A choice is described through its fieldset, which screen readers announce on entering the group.
                await Expect(fieldset).ToHaveAttributeAsync("aria-describedby", describedBy);
            }
            else if (await fieldset.CountAsync() == 1 && await fieldset.GetAttributeAsync("role") == "group")
            {
                // The day of a date: each part is invalid, the group around the three parts carries the message.
                await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
                await Expect(fieldset).ToHaveAttributeAsync("aria-describedby", describedBy);
            }
            else
            {
                await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
                await Expect(field).ToHaveAttributeAsync("aria-describedby", describedBy);
            }
        }
    }
}
