using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// The coordinator's requests: a call taken on the phone, the inbox finding it, the request's page with its
/// actions, bad input in every form, and a resident's markup shown as text. Axe in each state; keyboard use.
/// </summary>
public sealed class PanelRequestsTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    private const string Markup = "<script>alert('x')</script>";

    [Fact]
    public async Task PhoneCall_RecordedByTheCoordinator_IsStoredWithItsChannel_AndFoundInTheInbox()
    {
        var dialogs = new List<string>();
        Page.Dialog += (_, d) => dialogs.Add(d.Message);
        int before;
        await using (var db = Site.OpenDatabase())
        {
            before = await db.VisitRequests.CountAsync(TestContext.Current.CancellationToken);
        }

        await Staff.SignInAsync(Page, Staff.Coordinator);
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Panel" }).GetByRole(AriaRole.Link, new() { Name = "Nowe zgłoszenie z telefonu" }).ClickAsync();
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Nowe zgłoszenie z telefonu lub e-maila");
        await Expect(Page).ToHaveTitleAsync("Nowe zgłoszenie z telefonu lub e-maila" + Staff.TitleSuffix);
        await Axe.CheckAsync(Page, "przyjęcie telefoniczne");

        // Sent with nothing filled in where it matters: every problem at once, nothing stored.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zapisz zgłoszenie" }).ClickAsync();
        await Expect(Page.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await Expect(Page).ToHaveTitleAsync(new Regex("^Błąd: "));
        await Expect(Page.Locator("#ResidentName-error")).ToContainTextAsync("Wpisz imię i nazwisko");
        await Axe.CheckAsync(Page, "przyjęcie telefoniczne: błędy");

        // Markup in every text field and an overlong description: clear messages, and what was typed stays.
        await Page.GetByRole(AriaRole.Radio, new() { Name = "Wniosek o dowód osobisty" }).CheckAsync();
        await Page.GetByLabel("Opis").FillAsync(string.Concat(Enumerable.Repeat("Proszę o wizytę. ", 600))[..10_000]);
        await Page.GetByLabel("Imię i nazwisko").FillAsync("Jan " + Markup);
        await Page.GetByLabel("Ulica, numer domu i mieszkania").FillAsync("Polna " + Markup);
        await Page.GetByLabel("Kod pocztowy").FillAsync("00-95");
        await Page.GetByLabel("Miejscowość").FillAsync(Markup);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zapisz zgłoszenie" }).ClickAsync();
        await Expect(Page.Locator("#Description-error")).ToContainTextAsync("najwyżej 1\u00a0000 znaków");
        await Expect(Page.Locator("#ResidentName-error")).ToContainTextAsync("tylko litery");
        await Expect(Page.Locator("#Street-error")).ToBeVisibleAsync();
        await Expect(Page.Locator("#PostalCode-error")).ToBeVisibleAsync();
        await Expect(Page.Locator("#Town-error")).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Imię i nazwisko")).ToHaveValueAsync("Jan " + Markup);
        await using (var db = Site.OpenDatabase())
        {
            Assert.Equal(before, await db.VisitRequests.CountAsync(TestContext.Current.CancellationToken));
        }

        // Now as the coordinator would type it while talking.
        await Page.GetByLabel("Opis").FillAsync("Dowód stracił ważność, pani nie wychodzi z domu.");
        await Page.GetByLabel("Imię i nazwisko").FillAsync("Halina Żółkiewska");
        await Page.GetByLabel("Numer telefonu", new() { Exact = true }).FillAsync("600 300 400");
        await Page.GetByLabel("Ulica, numer domu i mieszkania").FillAsync("Polna 7");
        await Page.GetByLabel("Kod pocztowy").FillAsync("00950");
        await Page.GetByLabel("Miejscowość").FillAsync("Przykładowo");
        await Page.GetByRole(AriaRole.Radio, new() { Name = "wiek" }).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zapisz zgłoszenie" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/panel/zgloszenia/\d+\?nowe=1$"));
        var notice = Page.Locator("[data-panel-saved]");
        await Expect(notice).ToContainTextAsync("Podaj dzwoniącemu numer zgłoszenia:");
        var code = Regex.Match(await notice.InnerTextAsync(), "[34679ACDEFGHJKMNPQRTWXY]{3}-[34679ACDEFGHJKMNPQRTWXY]{3}-[34679ACDEFGHJKMNPQRTWXY]{2}").Value;
        Assert.NotEmpty(code);
        await Expect(Page.Locator("main")).ToContainTextAsync("telefonicznie");
        await Axe.CheckAsync(Page, "zgłoszenie po przyjęciu telefonicznym");

        await using (var db = Site.OpenDatabase())
        {
            var stored = await db.VisitRequests.SingleAsync(r => r.TrackingCode == code.Replace("-", string.Empty, StringComparison.Ordinal), TestContext.Current.CancellationToken);
            Assert.Equal(RequestChannel.Phone, stored.Channel);
            Assert.Equal("+48600300400", stored.ResidentPhone);
            Assert.Equal("00-950", stored.PostalCode);
            Assert.Equal("Anna Kowalska", (await db.RequestHistory.SingleAsync(h => h.VisitRequestId == stored.Id, TestContext.Current.CancellationToken)).Actor);
        }

        // The inbox finds it by the code typed any way, and by part of the name with Polish letters.
        await Page.GotoAsync("/panel/zgloszenia");
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Zgłoszenia");
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Znaleziono" })).ToHaveTextAsync($"Znaleziono zgłoszeń: {before + 1}.");
        await Axe.CheckAsync(Page, "skrzynka zgłoszeń");
        await Page.GetByLabel("Szukaj").FillAsync(code.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant());
        await Page.GetByRole(AriaRole.Button, new() { Name = "Pokaż zgłoszenia" }).ClickAsync();
        await Expect(Page.Locator("table.inbox tbody tr")).ToHaveCountAsync(1);
        await Page.GetByLabel("Szukaj").FillAsync("żółkiew");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Pokaż zgłoszenia" }).ClickAsync();
        await Expect(Page.Locator("table.inbox tbody tr")).ToHaveCountAsync(1);
        await Page.GetByLabel("Szukaj").FillAsync("Brzęczyszczykiewicz");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Pokaż zgłoszenia" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Nie ma zgłoszeń" })).ToBeVisibleAsync();

        // Days the wrong way round: a plain message at the field and in the summary, the dates kept.
        await Page.GetByLabel("Szukaj").FillAsync(string.Empty);
        await Page.GetByLabel("Wpłynęło od dnia").FillAsync("2026-11-20");
        await Page.GetByLabel("Wpłynęło do dnia").FillAsync("2026-11-10");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Pokaż zgłoszenia" }).ClickAsync();
        await Expect(Page.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await Expect(Page.Locator("#od-error")).ToHaveTextAsync("Błąd: Dzień „Wpłynęło od” musi być ten sam albo wcześniejszy niż „Wpłynęło do”");
        await Expect(Page).ToHaveTitleAsync(new Regex("^Błąd: Zgłoszenia"));
        await Expect(Page.GetByLabel("Wpłynęło od dnia")).ToHaveValueAsync("2026-11-20");
        await Axe.CheckAsync(Page, "skrzynka: zły zakres dni");
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task RequestPage_Actions_RefuseBadNotesAndChangeNothing_ThenMoveTheRequestAndTellTheResident()
    {
        var id = await Staff.CreateRequestAsync(Site, "Bolesław Prus");
        await Staff.SignInAsync(Page, Staff.Coordinator);
        await Page.GotoAsync($"/panel/zgloszenia/{id}");
        await Expect(Page.Locator("[data-status]")).ToHaveTextAsync("Zgłoszenie przyjęte");
        await Axe.CheckAsync(Page, "zgłoszenie: nowe");

        // Reject without a reason, then with 10,000 characters, then with markup: each refused, nothing changes.
        var reject = Page.GetByRole(AriaRole.Button, new() { Name = "Odrzuć zgłoszenie" });
        await reject.ClickAsync();
        await Expect(Page.Locator("#RejectReason-error")).ToHaveTextAsync("Błąd: Napisz mieszkańcowi, dlaczego zgłoszenie jest odrzucone");
        await Expect(Page.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await Axe.CheckAsync(Page, "zgłoszenie: błąd odrzucenia");
        await Page.GetByLabel("Dlaczego zgłoszenie jest odrzucone?").FillAsync(new string('a', 10_000));
        await reject.ClickAsync();
        await Expect(Page.Locator("#RejectReason-error")).ToContainTextAsync("najwyżej 2\u00a0000 znaków. Teraz ma 10\u00a0000");
        await Page.GetByLabel("Dlaczego zgłoszenie jest odrzucone?").FillAsync("Nie " + Markup);
        await reject.ClickAsync();
        await Expect(Page.Locator("#RejectReason-error")).ToContainTextAsync("nie może zawierać znaczników");
        await Expect(Page.GetByLabel("Dlaczego zgłoszenie jest odrzucone?")).ToHaveValueAsync("Nie " + Markup);
        await Expect(Page.Locator("[data-status]")).ToHaveTextAsync("Zgłoszenie przyjęte");

        // By keyboard: into review, with a note the resident will read.
        await Page.GetByLabel("Wiadomość dla mieszkańca (opcjonalnie)").First.FocusAsync();
        await Page.Keyboard.TypeAsync("Zajmuje się tym Anna Kowalska.");
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Przyjmij do rozpatrzenia" })).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("[data-panel-saved]")).ToHaveTextAsync("Zgłoszenie jest rozpatrywane.");
        await Expect(Page.Locator("[data-status]")).ToHaveTextAsync("Zgłoszenie jest sprawdzane");
        await Axe.CheckAsync(Page, "zgłoszenie: rozpatrywane");

        await Page.GetByLabel("Jakich informacji potrzebujesz?").FillAsync("Prosimy o numer starego dowodu.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Poproś o informacje" }).ClickAsync();
        await Expect(Page.Locator("[data-status]")).ToHaveTextAsync("Potrzebujemy więcej informacji");

        await using var db = Site.OpenDatabase();
        var history = await db.RequestHistory.Where(h => h.VisitRequestId == id).OrderBy(h => h.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([RequestStatus.Submitted, RequestStatus.InReview, RequestStatus.NeedsInformation], history.Select(h => h.Status));
        Assert.Equal("Prosimy o numer starego dowodu.", history[^1].PublicNote);
        Assert.Equal(2, await db.AuditLog.CountAsync(a => a.Action == AuditActions.RequestChanged && a.Subject == $"request:{id}", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ResidentMarkupFromTheDatabase_IsShownAsText_AndEveryOpeningIsAudited()
    {
        var id = await Staff.CreateRequestAsync(Site, "Ewa Nowak");
        await using (var db = Site.OpenDatabase())
        {
            var request = await db.VisitRequests.SingleAsync(r => r.Id == id, TestContext.Current.CancellationToken);
            request.Description = "Opis " + Markup + " <b>pogrubiony</b>";
            request.AccessNotes = "<img src=x onerror=alert(1)>";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var dialogs = new List<string>();
        Page.Dialog += (_, d) => dialogs.Add(d.Message);
        await Staff.SignInAsync(Page, Staff.Coordinator);
        for (var i = 0; i < 3; i++)
        {
            await Page.GotoAsync($"/panel/zgloszenia/{id}");
            await Expect(Page.Locator("main")).ToContainTextAsync("Opis " + Markup + " <b>pogrubiony</b>");
        }

        await Expect(Page.Locator("main")).ToContainTextAsync("<img src=x onerror=alert(1)>");
        Assert.Equal(0, await Page.Locator("main b, main img, main script").CountAsync());
        Assert.Empty(dialogs);

        await using var check = Site.OpenDatabase();
        Assert.Equal(3, await check.AuditLog.CountAsync(a => a.Action == AuditActions.RequestRead && a.Subject == $"request:{id}", TestContext.Current.CancellationToken));
    }
}
