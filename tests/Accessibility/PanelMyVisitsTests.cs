using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Visits;
using MobilnyUrzednik.PublicSite.Components.Panel;

namespace MobilnyUrzednik.Accessibility;

/// <summary>A clerk's own visits: the day, the printable sheet and the calendar file, never a colleague's.</summary>
public sealed class PanelMyVisitsTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    [Fact]
    public async Task MyVisits_DayWithVisit_SheetAndIcs_OnlyOwn()
    {
        var day = VisitsTestKit.NextWorkingDay;
        var mine = await Staff.CreateRequestAsync(Site, "Jan <b>Mój</b>");
        var mineVisit = await VisitsTestKit.BookAsync(Site, mine, Staff.Clerk, day, 8);
        var theirsVisit = await VisitsTestKit.BookAsync(Site, await Staff.CreateRequestAsync(Site, "Zofia Cudza"), Staff.OtherClerk, day, 8);
        await Staff.SignInAsync(Page, Staff.Clerk);

        await Page.GotoAsync(PanelRoutes.MyVisits);
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Moje wizyty");
        await Expect(Page).ToHaveTitleAsync("Moje wizyty" + Staff.TitleSuffix);
        await Axe.CheckAsync(Page, "moje wizyty: dziś");

        // Opens on the next day with a visit; the other days are plain links.
        var status = Page.Locator("main .my-day");
        await Expect(status).ToHaveTextAsync($"{VisitText.Day(day)}: 1 wizyta");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Następny dzień" }).ClickAsync();
        await Expect(status).ToContainTextAsync(VisitText.Day(day.AddDays(1)));
        await Page.GetByRole(AriaRole.Link, new() { Name = "Poprzedni dzień" }).ClickAsync();
        await Expect(status).ToHaveTextAsync($"{VisitText.Day(day)}: 1 wizyta");
        var visit = Page.Locator("section.day-visit");
        await Expect(visit).ToHaveCountAsync(1);
        await Expect(visit.Locator("h2")).ToContainTextAsync("08:00–10:00");
        await Expect(visit).ToContainTextAsync("Jan <b>Mój</b>");
        await Expect(visit).ToContainTextAsync("Główna 5 m. 3, 00-950 Przykładowo");
        await using (var words = Site.OpenDatabase())
        {
            // The word the clerk says at the door: the resident gets the same one the day before.
            var word = await words.Visits.Where(v => v.Id == mineVisit).Select(v => v.DoorWord).SingleAsync(TestContext.Current.CancellationToken);
            await Expect(visit.Locator(".door-word")).ToHaveTextAsync(word!.ToUpperInvariant());
        }

        await Expect(visit.Locator("ul li").First).ToBeVisibleAsync(); // the matter's checklist
        await Expect(Page.Locator("main")).Not.ToContainTextAsync("Zofia Cudza");
        await Axe.CheckAsync(Page, "moje wizyty: dzień z wizytą");

        // The printable sheet of that day.
        var sheet = await Context.NewPageAsync();
        await sheet.GotoAsync(PanelRoutes.MyDaySheet + "?dzien=" + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(sheet.Locator("main h1")).ToHaveTextAsync("Arkusz wizyt: " + VisitText.Day(day));
        await Expect(sheet.Locator("section.day-visit")).ToHaveCountAsync(1);
        await Axe.CheckAsync(sheet, "arkusz dnia");
        await sheet.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(sheet.Locator("header.site-header")).ToBeHiddenAsync();
        await Expect(sheet.GetByRole(AriaRole.Button, new() { Name = "Drukuj" })).ToBeHiddenAsync();

        // No live connection on these pages: the clerk's phone loads them as plain pages.
        Assert.Equal(0, await Page.Locator("script[src*='blazor.web']").CountAsync());
    }

    [Fact]
    public async Task MyVisits_OpenedFromAnInteractivePanelPage_LoadsAsAWholePage_WithItsTitle()
    {
        // The panel's home is interactive (a live connection); "Moje wizyty" is a lean page without one. Blazor's enhanced
        // navigation would merge the lean page into the live one, and the closing circuit's head outlet then emptied its
        // <title> now and then: the link must load the page as a whole.
        await Staff.SignInAsync(Page, Staff.Clerk);
        await Expect(Page.Locator("[data-session-guard]")).ToBeAttachedAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Moje wizyty", Exact = true }).First.ClickAsync();
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Moje wizyty");
        await Expect(Page).ToHaveTitleAsync("Moje wizyty" + Staff.TitleSuffix);
        Assert.False(await Page.EvaluateAsync<bool>("() => 'Blazor' in window"), "Moje wizyty was merged into the live page instead of loaded as a whole.");
        Assert.Equal(0, await Page.Locator("script[src*='blazor.web']").CountAsync());

        // Back to the interactive home and forward again: the same.
        await Page.GoBackAsync();
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Panel pracowników");
        await Page.GoForwardAsync();
        await Expect(Page).ToHaveTitleAsync("Moje wizyty" + Staff.TitleSuffix);
    }
}
