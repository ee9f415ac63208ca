using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.PublicSite.Components.Panel;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// The administration pages in a real browser, signed in as the administrator: axe in each state (as opened,
/// with errors, after saving), bad input in every form (10,000 characters, markup in every field) gets messages
/// and changes nothing, and one form works by keyboard alone.
/// </summary>
public sealed class AdminPageTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    private static readonly string Long = new('a', 10_000);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task OpenAsync(string path, string title)
    {
        await Staff.SignInAsync(Page, Staff.Administrator);
        await Page.GotoAsync(path);
        await Expect(Page.Locator("main h1")).ToHaveTextAsync(title);
        await Expect(Page).ToHaveTitleAsync(title + Staff.TitleSuffix);
        await Expect(Page.Locator("main form").First).ToBeVisibleAsync();
    }

    private async Task ExpectErrorsAsync(string title, params string[] messages)
    {
        await Expect(Page.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await Expect(Page).ToHaveTitleAsync("Błąd: " + title + Staff.TitleSuffix);
        await Expect(Page.Locator("[data-error-summary] a")).ToHaveTextAsync(messages);
    }

    [Fact]
    public async Task CataloguePage_OpenedWithErrorsAndSaved_PassesAxeAndBadInputChangesNothing()
    {
        await OpenAsync(PanelRoutes.Catalogue, "Sprawy");
        await Axe.CheckAsync(Page, "sprawy");
        int before, audited;
        await using (var db = Site.OpenDatabase())
        {
            before = await db.Matters.CountAsync(Ct);
            audited = await db.AuditLog.CountAsync(a => a.Action == AuditActions.CatalogueChanged, Ct);
        }

        await Page.GetByRole(AriaRole.Button, new() { Name = "Dodaj sprawę" }).ClickAsync();
        await ExpectErrorsAsync("Sprawy", "Wpisz nazwę sprawy, na przykład „Dowód osobisty”", "Opisz w jednym lub dwóch zdaniach, w czym pomoże urzędnik");
        await Axe.CheckAsync(Page, "sprawy: puste pola");

        await Page.GetByLabel("Nazwa sprawy").FillAsync("<script>alert(1)</script>");
        await Page.GetByLabel("Opis", new() { Exact = true }).FillAsync(Long);
        await Page.GetByLabel("Co mieszkaniec ma przygotować (opcjonalnie)").FillAsync("<b>Dowód</b>");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Dodaj sprawę" }).ClickAsync();
        await ExpectErrorsAsync(
            "Sprawy",
            "Nazwa sprawy nie może zawierać znaków < ani >. Napisz ją zwykłymi słowami.",
            "Opis może mieć najwyżej 1\u00a0000 znaków. Teraz ma 10\u00a0000. Skróć go.",
            "Punkt 1 listy nie może zawierać znaków < ani >. Napisz go zwykłymi słowami.");
        await Expect(Page.Locator("#Name-error")).ToHaveTextAsync("Błąd: Nazwa sprawy nie może zawierać znaków < ani >. Napisz ją zwykłymi słowami.");
        await Expect(Page.GetByLabel("Nazwa sprawy")).ToHaveValueAsync("<script>alert(1)</script>");
        await Axe.CheckAsync(Page, "sprawy: znaczniki i długi tekst");
        await using (var db = Site.OpenDatabase())
        {
            Assert.Equal(before, await db.Matters.CountAsync(Ct));
            Assert.Equal(audited, await db.AuditLog.CountAsync(a => a.Action == AuditActions.CatalogueChanged, Ct));
        }

        await Page.GetByLabel("Nazwa sprawy").FillAsync("Karta dużej rodziny");
        await Page.GetByLabel("Opis", new() { Exact = true }).FillAsync("Pomożemy złożyć wniosek o kartę.");
        await Page.GetByLabel("Co mieszkaniec ma przygotować (opcjonalnie)").FillAsync("Dowód osobisty\nZdjęcia");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Dodaj sprawę" }).ClickAsync();
        await Expect(Page.Locator("[data-panel-saved]")).ToHaveTextAsync("Dodano sprawę „Karta dużej rodziny”.");
        await Expect(Page.Locator("[data-panel-saved]")).ToBeFocusedAsync();
        await Expect(Page).ToHaveTitleAsync("Sprawy" + Staff.TitleSuffix);
        await Axe.CheckAsync(Page, "sprawy: dodana");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Wycofaj Karta dużej rodziny" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Przywróć Karta dużej rodziny" })).ToBeVisibleAsync();
        await Page.GotoAsync("/zgloszenie/sprawa");
        await Expect(Page.Locator("main")).Not.ToContainTextAsync("Karta dużej rodziny");
    }

    [Fact]
    public async Task CataloguePage_AddAMatterByKeyboardAlone()
    {
        await OpenAsync(PanelRoutes.Catalogue, "Sprawy");
        var name = Page.GetByLabel("Nazwa sprawy");
        for (var i = 0; i < 80 && !await name.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await Page.Keyboard.PressAsync("Tab");
        }

        await Expect(name).ToBeFocusedAsync();

        // Typed at full speed: every key is a round trip to the server, and none may be lost on the way.
        await Page.Keyboard.TypeAsync("Zasiłek pielęgnacyjny");
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.GetByLabel("Opis", new() { Exact = true })).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("Pomożemy wypełnić wniosek.");
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.GetByLabel("Co mieszkaniec ma przygotować (opcjonalnie)")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("Orzeczenie");
        await Page.Keyboard.PressAsync("Enter");
        await Page.Keyboard.TypeAsync("Dowód osobisty");
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Dodaj sprawę" })).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.Locator("[data-panel-saved]")).ToHaveTextAsync("Dodano sprawę „Zasiłek pielęgnacyjny”.");
        await using var db = Site.OpenDatabase();
        var matter = await db.Matters.Include(s => s.Checklist).SingleAsync(s => s.Slug == "zasilek-pielegnacyjny", Ct);
        Assert.Equal(["Orzeczenie", "Dowód osobisty"], matter.Checklist.OrderBy(c => c.SortOrder).Select(c => c.Text));
    }

    [Fact]
    public async Task SettingsPage_OpenedWithErrorsAndSaved_PassesAxeAndBadInputChangesNothing()
    {
        await OpenAsync(PanelRoutes.Settings, "Ustawienia gminy");
        await Axe.CheckAsync(Page, "ustawienia");

        var fields = Page.Locator("main input[type=text], main input[type=tel], main input[type=email], main input[type=url], main textarea");
        var count = await fields.CountAsync();
        for (var i = 0; i < count; i++)
        {
            await fields.Nth(i).FillAsync(i == 0 ? Long : "<b>x</b>");
        }

        await Page.GetByRole(AriaRole.Button, new() { Name = "Zapisz ustawienia" }).ClickAsync();
        await Expect(Page.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await Expect(Page.Locator("[data-error-summary] a").First).ToHaveTextAsync("Nazwa gminy może mieć najwyżej 200 znaków. Teraz ma 10\u00a0000.");
        Assert.Equal(18, await Page.Locator("[data-error-summary] a").CountAsync());
        await Expect(Page.GetByLabel("Adres urzędu")).ToHaveValueAsync("<b>x</b>");
        await Axe.CheckAsync(Page, "ustawienia: błędy");
        await using (var db = Site.OpenDatabase())
        {
            Assert.Equal("Gmina Przykładowo", (await db.Municipalities.SingleAsync(Ct)).Name);
            Assert.False(await db.AuditLog.AnyAsync(a => a.Action == AuditActions.SettingsChanged, Ct));
        }

        await Page.ReloadAsync();
        await Page.GetByLabel("Długość okna wizyty w minutach").FillAsync("90");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zapisz ustawienia" }).ClickAsync();
        await Expect(Page.Locator("[data-panel-saved]")).ToHaveTextAsync("Zapisano ustawienia gminy.");
        await Axe.CheckAsync(Page, "ustawienia: zapisane");
        await using (var db = Site.OpenDatabase())
        {
            Assert.Equal(90, (await db.Municipalities.SingleAsync(Ct)).VisitWindowMinutes);
        }
    }

    [Fact]
    public async Task StaffPage_OpenedWithErrorsAndSaved_PassesAxeAndBadInputChangesNothing()
    {
        await OpenAsync(PanelRoutes.Staff, "Pracownicy");
        await Axe.CheckAsync(Page, "pracownicy");
        int before;
        await using (var db = Site.OpenDatabase())
        {
            before = await db.Users.CountAsync(Ct);
        }

        await Page.GetByLabel("Imię i nazwisko", new() { Exact = true }).FillAsync(Long);
        await Page.GetByLabel("Służbowy adres e-mail").FillAsync("<b>@x.pl");
        await Page.GetByLabel("Hasło startowe").FillAsync("<script>");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Utwórz konto" }).ClickAsync();
        await ExpectErrorsAsync(
            "Pracownicy",
            "Imię i nazwisko może mieć najwyżej 100 znaków. Teraz ma 10\u00a0000.",
            "Wpisz poprawny adres e-mail, na przykład anna.kowalska@gmina.pl",
            "Wybierz rolę: administrator, koordynator albo urzędnik",
            "Hasło musi mieć co najmniej 12 znaków. Teraz ma 8.");
        await Axe.CheckAsync(Page, "pracownicy: błędy");
        await using (var db = Site.OpenDatabase())
        {
            Assert.Equal(before, await db.Users.CountAsync(Ct));
        }

        await Page.GetByRole(AriaRole.Button, new() { Name = "Zarządzaj Ewa Administratorka" }).ClickAsync();
        await Expect(Page.Locator("#konto-naglowek")).ToBeFocusedAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Wyłącz konto" }).ClickAsync();
        await ExpectErrorsAsync("Pracownicy", "Nie możesz wyłączyć własnego konta. Poproś o to innego administratora.");
        await Axe.CheckAsync(Page, "pracownicy: własne konto");

        await Page.GetByLabel("Imię i nazwisko", new() { Exact = true }).FillAsync("Jan Nowak");
        await Page.GetByLabel("Służbowy adres e-mail").FillAsync("jan.nowak@przykladowo.example.pl");
        await Page.Locator("#Role-3").CheckAsync();
        await Page.GetByLabel("Hasło startowe").FillAsync("zielony-rower-2026");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Utwórz konto" }).ClickAsync();
        await Expect(Page.Locator("[data-panel-saved]")).ToHaveTextAsync("Utworzono konto jan.nowak@przykladowo.example.pl.");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Zarządzaj Jan Nowak" })).ToBeVisibleAsync();
        await Axe.CheckAsync(Page, "pracownicy: konto utworzone");
    }

    [Fact]
    public async Task AuditLogPage_FilledEmptyAndWithErrors_PassesAxe()
    {
        await OpenAsync(PanelRoutes.AuditLog, "Dziennik zdarzeń");
        await Expect(Page.Locator("main table tbody tr").First).ToContainTextAsync("Logowanie");
        await Axe.CheckAsync(Page, "dziennik");

        await Page.GetByLabel("Czego dotyczy (opcjonalnie)").FillAsync("matter:999999");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Pokaż", Exact = true }).ClickAsync();
        await Expect(Page.Locator("main table tbody")).ToHaveTextAsync("Brak wpisów dla tych filtrów.");
        await Axe.CheckAsync(Page, "dziennik: pusty");

        await Page.GetByLabel("Czego dotyczy (opcjonalnie)").FillAsync("<b>" + Long);
        await Page.Locator("#od").FillAsync("31");
        await Page.Locator("#od-month").FillAsync("2");
        await Page.Locator("#od-year").FillAsync("2026");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Pokaż", Exact = true }).ClickAsync();
        await ExpectErrorsAsync(
            "Dziennik zdarzeń",
            "Wpisz to, czego dotyczy wpis, na przykład request:42 (bez znaków < i >, najwyżej 100 znaków)",
            "Data musi być prawdziwą datą, na przykład 22 11 2026, albo zostaw ją pustą");
        await Axe.CheckAsync(Page, "dziennik: błędy");
    }

    [Fact]
    public async Task ReportsPage_EmptyAndFilled_PassesAxe_AndTheCsvIsExcelReadyAndAudited()
    {
        await Staff.SignInAsync(Page, Staff.Coordinator);
        await Page.GotoAsync(PanelRoutes.Reports);
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Raporty");
        await Expect(Page.Locator("main table")).ToHaveCountAsync(3);
        await Axe.CheckAsync(Page, "raporty: bez zgłoszeń");

        await Staff.CreateRequestAsync(Site);
        await Staff.CreateRequestAsync(Site, "Jan Kowalczyk");
        await Page.ReloadAsync();
        await Expect(Page.Locator("main svg[role=img]")).ToHaveCountAsync(3);
        await Expect(Page.Locator("main")).ToContainTextAsync("Zgłoszenia w tym okresie");
        await Axe.CheckAsync(Page, "raporty: ze zgłoszeniami");

        var response = await Context.APIRequest.GetAsync(PanelRoutes.ReportsCsv);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/csv", response.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("attachment", response.Headers["content-disposition"], StringComparison.Ordinal);
        var body = await response.BodyAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], body[..3]);
        var text = System.Text.Encoding.UTF8.GetString(body[3..]);
        Assert.StartsWith("Zestawienie;Pozycja;Wartość\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Zgłoszenia według sposobu złożenia;Strona internetowa;2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Kowalczyk", text, StringComparison.Ordinal);
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Pobierz CSV (do Excela)" }).ClickAsync());
        Assert.Matches(@"^mobilny-urzednik-raport-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Raporty");

        await using var db = Site.OpenDatabase();
        Assert.Equal(2, await db.AuditLog.CountAsync(a => a.Action == AuditActions.ReportExported, Ct));
    }

    [Theory]
    [InlineData("/panel/admin/sprawy", "Sprawy")]
    [InlineData("/panel/admin/ustawienia", "Ustawienia gminy")]
    [InlineData("/panel/admin/pracownicy", "Pracownicy")]
    [InlineData("/panel/admin/dziennik", "Dziennik zdarzeń")]
    [InlineData("/panel/raporty", "Raporty")]
    public async Task AdminPage_At320PixelsWith200PercentText_DoesNotScrollSideways(string path, string title)
    {
        await Staff.SignInAsync(Page, Staff.Administrator);
        await Page.SetViewportSizeAsync(320, 640);
        await Page.GotoAsync(path);
        await Expect(Page.Locator("main h1")).ToHaveTextAsync(title);
        await Expect(Page.Locator("main button, main a[download]").First).ToBeVisibleAsync();
        await Page.EvaluateAsync("() => document.documentElement.style.fontSize = '200%'");

        var scrollWidth = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var innerWidth = await Page.EvaluateAsync<int>("() => window.innerWidth");
        var widest = scrollWidth <= innerWidth ? string.Empty : await Page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrapper')).slice(-3).map(e => e.outerHTML.slice(0, 120)).join(' | ')");
        Assert.True(scrollWidth <= innerWidth, $"{path}: page is {scrollWidth}px wide in a {innerWidth}px window: {widest}");
    }
}
