using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// The whole service on PostgreSQL, through the real pages: a resident files online, a coordinator finds the request
/// in the inbox and books a clerk's visit, and the resident reads the day, the window and the clerk on /status.
/// (The rest of the browser suite runs on SQLite; the unit and durability tests run on both engines.)
/// </summary>
public sealed class PostgresJourneyTests(BrowserFixture browser, PostgresSiteFixture site) : SiteTest(browser, site), IClassFixture<PostgresSiteFixture>
{
    [Fact]
    public async Task FiledOnline_BookedByTheCoordinator_StatusShowsTheBooking()
    {
        var ct = TestContext.Current.CancellationToken;

        // The resident files online.
        await Journey.WalkToCheckAsync(Page, new JourneyAnswers { ResidentName = "Łucja Świętochowska", ResidentPhone = "600 700 812" }, axe: false);
        var code = await Journey.SendAsync(Page);

        // The coordinator, in another browser, finds it by its code and books the first free window of a clerk.
        await using var office = await Page.Context.Browser!.NewContextAsync(new() { BaseURL = Site.BaseAddress.ToString(), Locale = "pl-PL" });
        var panel = await office.NewPageAsync();
        await Staff.SignInAsync(panel, Staff.Coordinator);
        await panel.GotoAsync("/panel/zgloszenia");
        await panel.GetByLabel("Szukaj").FillAsync(code.ToLowerInvariant());
        await panel.GetByRole(AriaRole.Button, new() { Name = "Pokaż zgłoszenia" }).ClickAsync();
        await panel.GetByRole(AriaRole.Link, new() { Name = code, Exact = true }).ClickAsync();
        await Expect(panel.Locator("main")).ToContainTextAsync("Łucja Świętochowska");
        await panel.GetByRole(AriaRole.Link, new() { Name = "Umów wizytę" }).ClickAsync();
        await Expect(panel.Locator("main h1")).ToHaveTextAsync("Umów wizytę");
        await panel.GetByRole(AriaRole.Radio, new() { Name = "Maria Zielińska" }).CheckAsync();
        var dayText = (await panel.Locator("#Date option:checked").InnerTextAsync()).Trim();
        var window = panel.Locator("fieldset").Filter(new() { HasText = "Godziny wizyty" }).GetByRole(AriaRole.Radio).First;
        var windowText = (await panel.Locator("label[for='" + await window.GetAttributeAsync("id") + "']").InnerTextAsync()).Trim();
        await window.CheckAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Umów wizytę" }).ClickAsync();
        await Expect(panel).ToHaveURLAsync(new Regex(@"/panel/zgloszenia/\d+\?wizyta=1$"));
        await Expect(panel.Locator("[data-status]")).ToHaveTextAsync("Wizyta umówiona");

        // The resident looks it up.
        await Page.GotoAsync("/status");
        await Journey.TypeAsync(Page, "Numer zgłoszenia", code);
        await Journey.TypeAsync(Page, "4 ostatnie cyfry numeru telefonu", "0812");
        await Journey.Button(Page, "Sprawdź status").ClickAsync();
        await Expect(Page.Locator(".status-tag")).ToHaveTextAsync("Wizyta umówiona");
        var visit = Page.Locator("[data-visit]");
        await Expect(visit).ToContainTextAsync(dayText + ", godz. " + windowText);
        await Expect(visit).ToContainTextAsync("Przyjdzie: Maria Zielińska.");
        await Axe.CheckAsync(Page, "status z terminem wizyty (PostgreSQL)");

        await using var db = Site.OpenDatabase();
        var booked = await db.Visits.Include(v => v.Request).SingleAsync(ct);
        Assert.Equal(VisitState.Booked, booked.State);
        Assert.Equal(code.Replace("-", string.Empty, StringComparison.Ordinal), booked.Request!.TrackingCode);
        Assert.Equal(TimeSpan.Zero, booked.BookedAt.Offset);
    }
}
