using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Privacy;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.PublicSite.Components.Panel;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// A resident's data on request, by keyboard as the administrator: find by phone, download everything, erase after a
/// wrong and then the right code; axe in every state.
/// </summary>
public sealed class PanelPersonalDataTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    private const string Title = "Dane osobowe mieszkańca";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FindExportAndErase_ByKeyboard_EachStatePassesAxe()
    {
        var id = await Staff.CreateRequestAsync(Site, "Regina Usuwana", "+48600333444");
        string code;
        await using (var db = Site.OpenDatabase())
        {
            code = TrackingCode.Format(await db.VisitRequests.Where(r => r.Id == id).Select(r => r.TrackingCode).SingleAsync(Ct));
        }

        await Staff.SignInAsync(Page, Staff.Administrator);
        await Page.GotoAsync(PanelRoutes.PersonalData);
        await Expect(Page.Locator("main h1")).ToHaveTextAsync(Title);
        await Expect(Page).ToHaveTitleAsync(Title + Staff.TitleSuffix);
        await Axe.CheckAsync(Page, "dane osobowe");

        // Nothing typed, then a name (we do not search by name): a message that says what to type.
        var field = Page.GetByLabel("Numer zgłoszenia, telefon lub e-mail");
        await field.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await Expect(Page.Locator("[data-error-summary] a")).ToHaveTextAsync(["Wpisz numer zgłoszenia, numer telefonu lub adres e-mail"]);
        await Axe.CheckAsync(Page, "dane osobowe: puste pole");
        await field.FocusAsync();
        await Page.Keyboard.TypeAsync("Usuwana");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#szukaj-error")).ToContainTextAsync("Wpisz numer zgłoszenia (na przykład K7P-4QX-9M)");
        await Expect(field).ToHaveValueAsync("Usuwana");

        await field.FillAsync(string.Empty);
        await field.FocusAsync();
        await Page.Keyboard.TypeAsync("600 333 444");
        await Page.Keyboard.PressAsync("Enter");
        var row = Page.Locator("#wyniki tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("th")).ToContainTextAsync(code);
        await Expect(Page.Locator("[data-error-summary]")).ToHaveCountAsync(0);
        await Axe.CheckAsync(Page, "dane osobowe: wyniki");

        // The download holds what we keep, and is written down.
        var export = await Context.APIRequest.GetAsync((await row.GetByRole(AriaRole.Link).GetAttributeAsync("href"))!);
        Assert.Equal(200, export.Status);
        Assert.Equal("no-store", export.Headers["cache-control"]);
        Assert.Contains("\"imieINazwisko\": \"Regina Usuwana\"", await export.TextAsync(), StringComparison.Ordinal);

        // Erase: a wrong code first.
        await row.GetByRole(AriaRole.Button, new() { Name = "Usuń dane – " + code }).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("[data-erase-heading]")).ToBeFocusedAsync();
        await Expect(Page.Locator("main")).ToContainTextAsync("Najpierw zostanie anulowane");
        await Axe.CheckAsync(Page, "dane osobowe: potwierdzenie");
        var confirm = Page.GetByLabel("Wpisz numer zgłoszenia, aby potwierdzić");
        await confirm.FocusAsync();
        await Page.Keyboard.TypeAsync("ABC-DEF-GH");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("[data-error-summary] a")).ToHaveTextAsync(["Ten numer nie zgadza się z usuwanym zgłoszeniem. Przepisz numer podany nad polem"]);
        await Axe.CheckAsync(Page, "dane osobowe: zły numer");
        await using (var db = Site.OpenDatabase())
        {
            Assert.Null(await db.VisitRequests.Where(r => r.Id == id).Select(r => r.AnonymisedAt).SingleAsync(Ct));
        }

        await confirm.FillAsync(string.Empty);
        await confirm.FocusAsync();
        await Page.Keyboard.TypeAsync(code.ToLowerInvariant());
        await Page.Keyboard.PressAsync("Enter");
        var notice = Page.Locator("[data-panel-saved]");
        await Expect(notice).ToBeFocusedAsync();
        await Expect(notice).ToHaveTextAsync($"Usunięto dane ze zgłoszenia {code}.");
        await Expect(row).ToContainTextAsync("dane usunięte");
        await Axe.CheckAsync(Page, "dane osobowe: usunięte");

        await using (var db = Site.OpenDatabase())
        {
            var request = await db.VisitRequests.AsNoTracking().SingleAsync(r => r.Id == id, Ct);
            Assert.Equal((RequestStatus.Cancelled, RequestAnonymiser.Removed, (string?)null), (request.Status, request.ResidentName, request.ResidentPhone));
            var actions = await db.AuditLog.AsNoTracking().Where(a => a.Subject == AuditLog.RequestSubject(id) || a.Action == AuditActions.PersonalDataSearched).Select(a => a.Action).ToListAsync(Ct);
            Assert.Contains(AuditActions.PersonalDataSearched, actions);
            Assert.Contains(AuditActions.PersonalDataExported, actions);
            Assert.Contains(AuditActions.PersonalDataErased, actions);
            Assert.Contains(AuditActions.RequestAnonymised, actions);
        }

        // The status look-up with the old phone's digits finds nothing now.
        var status = await Context.NewPageAsync();
        await status.GotoAsync("/status");
        await status.GetByLabel("Numer zgłoszenia", new() { Exact = true }).FillAsync(code);
        await status.GetByLabel("4 ostatnie cyfry numeru telefonu").FillAsync("3444");
        await status.GetByRole(AriaRole.Button, new() { Name = "Sprawdź status" }).ClickAsync();
        await Expect(status.Locator("[data-error-summary]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Coordinator_CannotOpenThePageOrTheDownload()
    {
        await Staff.SignInAsync(Page, Staff.Coordinator);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Dane osobowe" })).ToHaveCountAsync(0);
        var download = await Context.APIRequest.GetAsync(PanelRoutes.PersonalData + "/eksport/1", new() { MaxRedirects = 0 });
        Assert.NotEqual(200, download.Status);
    }
}
