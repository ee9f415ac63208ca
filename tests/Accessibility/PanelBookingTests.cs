using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// The whole office path through the real UI: a call taken by the coordinator, a visit booked with a clerk,
/// and the resident finding the day, the time window and the clerk's name on the public /status page.
/// </summary>
public sealed class PanelBookingTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    [Fact]
    public async Task PhoneRequest_BookedWithAClerk_ShowsTheDayWindowAndClerkOnStatus()
    {
        await Staff.SignInAsync(Page, Staff.Coordinator);

        // The call.
        await Page.GotoAsync("/panel/zgloszenia/nowe");
        await Page.GetByRole(AriaRole.Radio, new() { Name = "wiek" }).CheckAsync();
        await Page.GetByRole(AriaRole.Radio, new() { Name = "Zameldowanie lub wymeldowanie" }).CheckAsync();
        await Page.GetByLabel("Opis").FillAsync("Zameldowanie na pobyt stały u córki.");
        await Page.GetByLabel("Imię i nazwisko").FillAsync("Stanisław Wokulski");
        await Page.GetByLabel("Numer telefonu", new() { Exact = true }).FillAsync("+48 601 222 333");
        await Page.GetByLabel("Ulica, numer domu i mieszkania").FillAsync("Krakowskie Przedmieście 7");
        await Page.GetByLabel("Kod pocztowy").FillAsync("00-950");
        await Page.GetByLabel("Miejscowość").FillAsync("Przykładowo");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zapisz zgłoszenie" }).ClickAsync();
        var notice = Page.Locator("[data-panel-saved]");
        await Expect(notice).ToContainTextAsync("Podaj dzwoniącemu numer zgłoszenia:");
        var code = Regex.Match(await notice.InnerTextAsync(), "[34679ACDEFGHJKMNPQRTWXY]{3}-[34679ACDEFGHJKMNPQRTWXY]{3}-[34679ACDEFGHJKMNPQRTWXY]{2}").Value;

        // The booking: a clerk, a day, a free window.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Umów wizytę" }).ClickAsync();
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Umów wizytę");
        await Expect(Page).ToHaveTitleAsync("Umów wizytę" + Staff.TitleSuffix);
        await Axe.CheckAsync(Page, "umawianie wizyty");

        // Nothing chosen: a clear message, nothing booked.
        await Page.GetByRole(AriaRole.Radio, new() { Name = "Tomasz Wiśniewski" }).CheckAsync();
        await Page.GetByLabel("Wiadomość dla mieszkańca (opcjonalnie)").FillAsync(new string('x', 10_000));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Umów wizytę" }).ClickAsync();
        await Expect(Page.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await Expect(Page.Locator("[data-error-summary]")).ToContainTextAsync("Wybierz godziny wizyty");
        await Expect(Page.Locator("#BookingNote-error")).ToContainTextAsync("najwyżej 2\u00a0000 znaków");
        await Axe.CheckAsync(Page, "umawianie wizyty: błędy");
        await using (var db = Site.OpenDatabase())
        {
            Assert.Equal(0, await db.Visits.CountAsync(TestContext.Current.CancellationToken));
        }

        await Page.GetByLabel("Wiadomość dla mieszkańca (opcjonalnie)").FillAsync(string.Empty);
        var dayText = await Page.Locator("#Date option:checked").InnerTextAsync();
        var firstWindow = Page.Locator("fieldset").Filter(new() { HasText = "Godziny wizyty" }).GetByRole(AriaRole.Radio).First;
        var windowText = (await Page.Locator("label[for='" + await firstWindow.GetAttributeAsync("id") + "']").InnerTextAsync()).Trim();
        await firstWindow.CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Umów wizytę" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/panel/zgloszenia/\d+\?wizyta=1$"));
        await Expect(Page.Locator("[data-status]")).ToHaveTextAsync("Wizyta umówiona");
        await Expect(Page.Locator("main")).ToContainTextAsync("przyjdzie: Tomasz Wiśniewski");
        await Axe.CheckAsync(Page, "zgłoszenie z umówioną wizytą");

        // The resident (another browser, no staff cookie) looks it up.
        await using var resident = await NewResidentContextAsync();
        var status = await resident.NewPageAsync();
        await status.GotoAsync("/status");
        await status.GetByLabel("Numer zgłoszenia").FillAsync(code);
        await status.GetByLabel("4 ostatnie cyfry numeru telefonu").FillAsync("2333");
        await status.GetByRole(AriaRole.Button, new() { Name = "Sprawdź status" }).ClickAsync();
        await Expect(status.Locator(".status-tag")).ToHaveTextAsync("Wizyta umówiona");
        var visit = status.Locator("[data-visit]");
        await Expect(visit).ToContainTextAsync(dayText.Trim() + ", godz. " + windowText);
        await Expect(visit).ToContainTextAsync("Przyjdzie: Tomasz Wiśniewski.");
        await Axe.CheckAsync(status, "status z terminem wizyty");

        await using var check = Site.OpenDatabase();
        var booked = await check.Visits.Include(v => v.Clerk).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(VisitState.Booked, booked.State);
        Assert.Equal("Tomasz Wiśniewski", booked.Clerk!.DisplayName);
        Assert.Equal(windowText, $"{booked.Start:HH\\:mm}–{booked.End:HH\\:mm}");
        Assert.Equal(dayText.Trim(), booked.Date.ToString("dddd, d MMMM yyyy", new CultureInfo("pl-PL")));
    }

    private Task<IBrowserContext> NewResidentContextAsync() =>
        Page.Context.Browser!.NewContextAsync(new() { BaseURL = Site.BaseAddress.ToString(), Locale = "pl-PL" });
}
