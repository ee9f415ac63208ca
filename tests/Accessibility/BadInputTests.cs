using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// Bad input as a new user would try it: an overlong description, markup and script in every field,
/// emoji, a malformed phone and postal code, a wrong tracking code. Each gives a Polish message next
/// to the field and in the summary, keeps what was typed, runs no script and stores nothing.
/// </summary>
public sealed class BadInputTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    private const string Script = "<script>alert('x')</script>";

    [Fact]
    public async Task EveryField_BadInput_GetsAMessageKeepsTheTextAndStoresNothing()
    {
        var dialogs = new List<string>();
        Page.Dialog += (_, dialog) => dialogs.Add(dialog.Message);

        await Journey.WalkToCheckAsync(Page, JourneyAnswers.ForNeighbour, axe: false, atEachQuestion: async slug =>
        {
            switch (slug)
            {
                case "opis":
                    var description = Page.GetByRole(AriaRole.Textbox);
                    var tooLong = string.Concat(Enumerable.Repeat("Proszę o wizytę. ", 600))[..10_000];
                    await description.FillAsync(tooLong);
                    await ExpectRefusedAsync("Description", "Opis może mieć najwyżej 1\u00a0000 znaków. Teraz ma 10\u00a0000. Skróć go.");
                    await Expect(description).ToHaveValueAsync(tooLong);

                    await description.FillAsync("Dowód " + Script);
                    await ExpectRefusedAsync("Description", "Opis nie może zawierać kodu strony (znaczników w nawiasach < >). Napisz zwykłymi słowami, co trzeba załatwić.");
                    await Expect(description).ToHaveValueAsync("Dowód " + Script);
                    break;

                case "mieszkaniec":
                    await Page.GetByLabel("Imię i nazwisko", new() { Exact = true }).FillAsync("Zofia " + Script);
                    await Page.GetByRole(AriaRole.Textbox, new() { NameRegex = new("^Numer telefonu") }).FillAsync("600 100 20");
                    await ExpectRefusedAsync("ResidentName", "Imię i nazwisko może zawierać tylko litery, spacje, łączniki i apostrofy");
                    await ExpectRefusedAsync("ResidentPhone", "Wpisz poprawny numer telefonu, na przykład 600 100 200 albo 22 123 45 67", submit: false);
                    await Expect(Page.GetByLabel("Imię i nazwisko", new() { Exact = true })).ToHaveValueAsync("Zofia " + Script);

                    await Page.GetByLabel("Imię i nazwisko", new() { Exact = true }).FillAsync("Zofia 😀");
                    await Page.GetByRole(AriaRole.Textbox, new() { NameRegex = new("^Numer telefonu") }).FillAsync(string.Empty);
                    await ExpectRefusedAsync("ResidentName", "Imię i nazwisko może zawierać tylko litery, spacje, łączniki i apostrofy");
                    await Expect(Page.GetByLabel("Imię i nazwisko", new() { Exact = true })).ToHaveValueAsync("Zofia 😀");
                    break;

                case "adres":
                    await Page.GetByLabel("Ulica, numer domu i mieszkania").FillAsync("Główna " + Script);
                    await Page.GetByLabel("Kod pocztowy").FillAsync("00-95");
                    await Page.GetByLabel("Miejscowość").FillAsync("<b>Przykładowo</b>");
                    await ExpectRefusedAsync("Street", "Adres może zawierać tylko litery, cyfry, spacje i znaki . , - /");
                    await ExpectRefusedAsync("PostalCode", "Wpisz kod pocztowy jako pięć cyfr, na przykład 00-950", submit: false);
                    await ExpectRefusedAsync("Town", "Nazwa miejscowości może zawierać tylko litery, cyfry, spacje i znaki . , - /", submit: false);
                    await Expect(Page.GetByLabel("Kod pocztowy")).ToHaveValueAsync("00-95");
                    await Expect(Page.GetByLabel("Miejscowość")).ToHaveValueAsync("<b>Przykładowo</b>");
                    break;

                case "zglaszajacy":
                    await Page.GetByLabel("Twoje imię i nazwisko").FillAsync(Script);
                    await Page.GetByLabel("Twój numer telefonu").FillAsync("+48 abc");
                    await ExpectRefusedAsync("SubmitterName", "Imię i nazwisko może zawierać tylko litery, spacje, łączniki i apostrofy");
                    await ExpectRefusedAsync("SubmitterPhone", "Wpisz poprawny numer telefonu, na przykład 600 100 200 albo 22 123 45 67", submit: false);
                    await ExpectRefusedAsync("ResidentConsent", "Potwierdź, że osoba, do której ma przyjść urzędnik, wie o zgłoszeniu i się zgadza", submit: false);
                    break;

                case "kontakt":
                    await Page.GetByLabel("E-mailem", new() { Exact = true }).CheckAsync();
                    await Page.GetByLabel(new Regex("^Adres e-mail")).FillAsync("jan" + Script + "@example.pl");
                    await ExpectRefusedAsync("ContactEmail", "Wpisz poprawny adres e-mail, na przykład jan.nowak@example.pl");
                    await Page.GetByLabel(new Regex("^Adres e-mail")).FillAsync(string.Empty);
                    break;

                case "potrzeby":
                    await Page.GetByLabel(new Regex("^Coś jeszcze")).FillAsync(Script);
                    await ExpectRefusedAsync("AccessNotes", "Uwagi nie mogą zawierać kodu strony (znaczników w nawiasach < >). Napisz zwykłymi słowami.");
                    await Page.GetByLabel(new Regex("^Coś jeszcze")).FillAsync("Proszę pukać 🙂");
                    break;

                case "termin":
                    await Page.GetByLabel("Nie wcześniej niż w wybranym dniu").CheckAsync();
                    await Page.GetByLabel("Dzień").FillAsync("31");
                    await Page.GetByLabel("Miesiąc").FillAsync("2");
                    await Page.GetByLabel("Rok").FillAsync("2027");
                    await ExpectRefusedAsync("EarliestDay", "Wpisz prawdziwą datę: dzień, miesiąc i rok, na przykład 15 12 2026");
                    await Expect(Page.GetByLabel("Dzień")).ToHaveValueAsync("31");
                    await Page.GetByLabel("Dzień").FillAsync(string.Empty);
                    await Page.GetByLabel("Miesiąc").FillAsync(string.Empty);
                    await Page.GetByLabel("Rok").FillAsync(string.Empty);
                    break;
            }

            // Nothing half-done is stored while questions are being answered.
            await using var db = Site.OpenDatabase();
            Assert.Equal(0, await db.VisitRequests.CountAsync());
        });

        Assert.Empty(dialogs);

        // The accepted emoji note is shown as text on the check page, never as markup.
        await Expect(Page.Locator("main")).ToContainTextAsync("Proszę pukać 🙂");
        await Expect(Page.Locator("main script")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Status_WrongCodes_GetPlainMessagesThatDoNotSayWhichHalfWasWrong()
    {
        await Page.GotoAsync("/status");
        var code = Page.GetByLabel("Numer zgłoszenia");
        var digits = Page.GetByLabel("4 ostatnie cyfry numeru telefonu");
        var find = Page.GetByRole(AriaRole.Button, new() { Name = "Sprawdź status" });

        await find.ClickAsync();
        await ExpectFieldErrorAsync("numer", "Wpisz numer zgłoszenia, na przykład K7P-4QX-9M");
        await ExpectFieldErrorAsync("cyfry", "Wpisz 4 ostatnie cyfry numeru telefonu, na przykład 0200");

        await code.FillAsync("K7P-4QX");
        await digits.FillAsync("12a4");
        await find.ClickAsync();
        await ExpectFieldErrorAsync("numer", "Numer zgłoszenia ma 8 znaków, na przykład K7P-4QX-9M");
        await ExpectFieldErrorAsync("cyfry", "Wpisz dokładnie 4 cyfry, na przykład 0200");
        await Expect(code).ToHaveValueAsync("K7P-4QX");
        await Expect(digits).ToHaveValueAsync("12a4");

        await code.FillAsync(Script);
        await digits.FillAsync("0200");
        await find.ClickAsync();
        await Expect(Page.Locator(".error-summary")).ToBeVisibleAsync();
        await Expect(code).ToHaveValueAsync(Script);

        // A well-formed code that does not exist, and a real code with wrong digits, get the same words.
        await code.FillAsync(WellFormedCode());
        await find.ClickAsync();
        await ExpectFieldErrorAsync("numer", NotFound);

        await Axe.CheckAsync(Page, "status: not found");
    }

    private const string NotFound = "Nie znaleźliśmy zgłoszenia z tym numerem i tymi cyframi telefonu. Sprawdź oba pola i spróbuj jeszcze raz.";

    // Any code that passes the check character: built from the alphabet with the same weighted sum.
    private static string WellFormedCode()
    {
        const string alphabet = "34679ACDEFGHJKMNPQRTWXY";
        var payload = "K7P4QX9";
        var sum = payload.Select((c, i) => (i + 1) * alphabet.IndexOf(c, StringComparison.Ordinal)).Sum();
        var check = (23 - (sum % 23)) * 3 % 23;
        return payload + alphabet[check];
    }

    private async Task ExpectRefusedAsync(string fieldId, string message, bool submit = true)
    {
        if (submit)
        {
            await Page.GetByRole(AriaRole.Button, new() { Name = "Dalej" }).ClickAsync();
        }

        await ExpectFieldErrorAsync(fieldId, message);
    }

    private async Task ExpectFieldErrorAsync(string fieldId, string message)
    {
        await Expect(Page).ToHaveTitleAsync(new Regex("^Błąd: "));
        await Expect(Page.Locator(".error-summary").GetByRole(AriaRole.Link, new() { Name = message, Exact = true })).ToHaveAttributeAsync("href", new Regex("^/[^#]*#" + Regex.Escape(fieldId) + "$"));
        await Expect(Page.Locator($"#{fieldId}-error")).ToHaveTextAsync("Błąd: " + message);
        var field = Page.Locator($"#{fieldId}");
        if (await field.EvaluateAsync<bool>("el => el.matches('textarea, input[type=text], input[type=tel], input[type=email]')"))
        {
            await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        }
        else
        {
            // Radios and checkboxes: the group's fieldset names the error instead.
            await Expect(field.Locator("xpath=ancestor::fieldset[1]")).ToHaveAttributeAsync("aria-describedby", new Regex(fieldId + "-error"));
        }
    }
}
