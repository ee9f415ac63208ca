using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Visits;
using MobilnyUrzednik.PublicSite.Components.Panel;

namespace MobilnyUrzednik.Accessibility;

/// <summary>The booking page by keyboard, its refusals (markup, a window someone else just took), and re-booking.</summary>
public sealed class PanelVisitBookingTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    [Fact]
    public async Task Booking_ByKeyboardAlone_BooksTheFirstFreeWindow_AndPassesAxe()
    {
        var id = await Staff.CreateRequestAsync(Site);
        await Staff.SignInAsync(Page, Staff.Coordinator);
        await Page.GotoAsync(PanelRoutes.BookVisit(id));
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Umów wizytę");
        await Expect(Page).ToHaveTitleAsync("Umów wizytę" + Staff.TitleSuffix);
        await Expect(Page.Locator("#Request")).ToContainTextAsync("Przykładowo");
        await Axe.CheckAsync(Page, "umawianie: puste");

        // The first clerk is chosen already, the first free day too: Tab to the windows, Space picks one.
        await VisitsTestKit.TabToAsync(Page, "Window");
        await Page.Keyboard.PressAsync("Space");
        await Expect(Page.Locator("#Window")).ToBeCheckedAsync();
        var window = (await Page.Locator("label[for='Window']").InnerTextAsync()).Trim();
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.Locator("#BookingNote")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("Proszę dzwonić domofonem.");
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Umów wizytę" })).ToBeFocusedAsync();
        await Axe.CheckAsync(Page, "umawianie: wypełnione");
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(new Regex($"/panel/zgloszenia/{id}\\?wizyta=1$"));
        await using var db = Site.OpenDatabase();
        var visit = await db.Visits.SingleAsync(v => v.VisitRequestId == id, TestContext.Current.CancellationToken);
        Assert.Equal(window, VisitText.Window(visit.Start, visit.End));
        var request = await db.VisitRequests.Include(r => r.History).SingleAsync(r => r.Id == id, TestContext.Current.CancellationToken);
        Assert.Equal(RequestStatus.VisitScheduled, request.Status);
        Assert.EndsWith("Proszę dzwonić domofonem.", request.History.OrderBy(h => h.Id).Last().PublicNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Booking_MarkupInTheNote_SameMessageInSummaryAndField_TextKept_NothingBooked()
    {
        var id = await Staff.CreateRequestAsync(Site);
        await Staff.SignInAsync(Page, Staff.Coordinator);
        await Page.GotoAsync(PanelRoutes.BookVisit(id));
        await Page.Locator("#Window").CheckAsync();
        await Page.GetByLabel("Wiadomość dla mieszkańca (opcjonalnie)").FillAsync("<b>pilne</b>");
        var before = await VisitsTestKit.VisitCountAsync(Site);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Umów wizytę" }).ClickAsync();

        const string Message = "Wiadomość nie może zawierać znaków < ani >";
        var summary = Page.Locator("[data-error-summary]");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync([Message]);
        await Expect(Page.Locator("#BookingNote-error")).ToHaveTextAsync("Błąd: " + Message);
        await Expect(Page.Locator("#BookingNote")).ToHaveValueAsync("<b>pilne</b>");
        await Expect(Page).ToHaveTitleAsync("Błąd: Umów wizytę" + Staff.TitleSuffix);
        await Axe.CheckAsync(Page, "umawianie: błąd");
        Assert.Equal(before, await VisitsTestKit.VisitCountAsync(Site));

        await summary.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page.Locator("#BookingNote")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Booking_WindowTakenMeanwhileInAnotherTab_SecondIsRefused_OneVisitStored()
    {
        var first = await Staff.CreateRequestAsync(Site, "Anna Pierwsza");
        var second = await Staff.CreateRequestAsync(Site, "Bogdan Drugi");
        await Staff.SignInAsync(Page, Staff.Coordinator);
        var other = await Context.NewPageAsync();
        await Page.GotoAsync(PanelRoutes.BookVisit(first));
        await other.GotoAsync(PanelRoutes.BookVisit(second));
        await Page.Locator("#Window").CheckAsync();
        await other.Locator("#Window").CheckAsync();
        var clerk = (await Page.Locator("label[for='Clerk']").InnerTextAsync()).Trim();
        var window = (await Page.Locator("label[for='Window']").InnerTextAsync()).Trim();
        Assert.Equal(window, (await other.Locator("label[for='Window']").InnerTextAsync()).Trim());

        await Page.GetByRole(AriaRole.Button, new() { Name = "Umów wizytę" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/panel/zgloszenia/{first}\\?wizyta=1$"));
        await other.GetByRole(AriaRole.Button, new() { Name = "Umów wizytę" }).ClickAsync();

        var summary = other.Locator("[data-error-summary]");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary).ToContainTextAsync($"{clerk} ma już wizytę w tym czasie ({window}). Wybierz inny wolny termin");
        await Axe.CheckAsync(other, "umawianie: termin zajęty");
        await using var db = Site.OpenDatabase();
        Assert.Equal(0, await db.Visits.CountAsync(v => v.VisitRequestId == second, TestContext.Current.CancellationToken));
        Assert.Equal(1, await db.Visits.CountAsync(v => v.VisitRequestId == first, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Rebooking_PageSaysChangeAndShowsTheCurrentVisit_NewWindowReplacesIt()
    {
        var id = await Staff.CreateRequestAsync(Site, "Czesław Trzeci");
        var day = VisitsTestKit.NextWorkingDay;
        await VisitsTestKit.BookAsync(Site, id, Staff.OtherClerk, day, 14);
        await Staff.SignInAsync(Page, Staff.Coordinator);

        await Page.GotoAsync(PanelRoutes.BookVisit(id));

        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Zmień termin wizyty");
        await Expect(Page.Locator("main")).ToContainTextAsync($"Obecny termin: {VisitText.Day(day)}, 14:00–16:00. Przyjdzie: Maria Zielińska.");
        await Axe.CheckAsync(Page, "zmiana terminu");
        await Page.Locator("#Window").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zmień termin" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/panel/zgloszenia/{id}\\?wizyta=1$"));

        await using var db = Site.OpenDatabase();
        var states = await db.Visits.Where(v => v.VisitRequestId == id).OrderBy(v => v.Id).Select(v => v.State).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([VisitState.Rebooked, VisitState.Booked], states);
    }
}
