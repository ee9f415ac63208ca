using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Visits;
using MobilnyUrzednik.PublicSite.Components.Panel;

namespace MobilnyUrzednik.Accessibility;

/// <summary>The day-before list and the calendar: who to call, confirming by keyboard, re-booking, the week's table.</summary>
public sealed class PanelDayBeforeTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    [Fact]
    public async Task DayBefore_EmptyThenWithVisits_CallDetailsShown_ConfirmedByKeyboard()
    {
        await Staff.SignInAsync(Page, Staff.Coordinator);
        await Page.GotoAsync(PanelRoutes.DayBefore);
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Wizyty do potwierdzenia");
        await Expect(Page).ToHaveTitleAsync("Wizyty do potwierdzenia" + Staff.TitleSuffix);
        await Expect(Page.Locator("main")).ToContainTextAsync("Na ten dzień nie ma umówionych wizyt.");
        await Axe.CheckAsync(Page, "jutro: pusto");

        var day = VisitsTestKit.NextWorkingDay;
        var marked = await Staff.CreateRequestAsync(Site, "Anna <i>Nowak</i>", "+48600111222");
        var visitId = await VisitsTestKit.BookAsync(Site, marked, Staff.Clerk, day, 10);
        await VisitsTestKit.BookAsync(Site, await Staff.CreateRequestAsync(Site, "Bożena Wcześniejsza"), Staff.OtherClerk, day, 8);
        await Page.ReloadAsync();

        var rows = Page.Locator("table tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync("Bożena Wcześniejsza");
        var row = rows.Nth(1);
        await Expect(row).ToContainTextAsync("Anna <i>Nowak</i>"); // markup from the resident shows as text
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "600 111 222" })).ToHaveAttributeAsync("href", "tel:+48600111222");
        await Expect(row).ToContainTextAsync("telefon");
        await Expect(row).ToContainTextAsync("Tomasz Wiśniewski");
        await using (var words = Site.OpenDatabase())
        {
            // The door word to give on the phone: the one the clerk's day sheet shows and the day-before message carries.
            var word = await words.Visits.Where(v => v.Id == visitId).Select(v => v.DoorWord).SingleAsync(TestContext.Current.CancellationToken);
            await Expect(row.Locator(".door-word")).ToHaveTextAsync(word!.ToUpperInvariant());
        }

        await Expect(Page.Locator("caption")).ToContainTextAsync(VisitText.Day(day));
        await Axe.CheckAsync(Page, "jutro: lista");

        var confirm = row.GetByRole(AriaRole.Button, new() { Name = "Potwierdzone – 10:00–12:00, Anna <i>Nowak</i>" });
        await confirm.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");

        var notice = Page.Locator("[data-panel-saved]");
        await Expect(notice).ToBeFocusedAsync();
        await Expect(notice).ToHaveTextAsync("Potwierdzono wizytę: 10:00–12:00, Anna <i>Nowak</i>.");
        await Expect(row).ToContainTextAsync("potwierdzona");
        await Axe.CheckAsync(Page, "jutro: potwierdzona");
        await using var db = Site.OpenDatabase();
        var visit = await db.Visits.Include(v => v.Request).SingleAsync(v => v.Id == visitId, TestContext.Current.CancellationToken);
        Assert.Equal(VisitState.Confirmed, visit.State);
        Assert.Equal(RequestStatus.VisitConfirmed, visit.Request!.Status);

        // "Zmień termin" leads to the booking page for that request.
        await row.GetByRole(AriaRole.Link, new() { Name = "Zmień termin – 10:00–12:00, Anna <i>Nowak</i>" }).ClickAsync();
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Zmień termin wizyty");
    }

    [Fact]
    public async Task Calendar_WeekTables_NextWeekByKeyboard_PassesAxe()
    {
        var day = VisitsTestKit.NextWorkingDay.AddDays(7);
        var id = await Staff.CreateRequestAsync(Site, "Cecylia Kalendarzowa");
        await VisitsTestKit.BookAsync(Site, id, Staff.Clerk, day, 12);
        await Staff.SignInAsync(Page, Staff.Coordinator);

        await Page.GotoAsync(PanelRoutes.Calendar);
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Kalendarz wizyt");
        await Expect(Page).ToHaveTitleAsync("Kalendarz wizyt" + Staff.TitleSuffix);
        await Axe.CheckAsync(Page, "kalendarz: ten tydzień");

        // The calendar opens on this week; the visit is one or two weeks ahead (two when today is a Friday or a
        // weekend). Each press is awaited through the announced week before the next, so no press is counted twice.
        static DateOnly MondayOf(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));
        var shown = MondayOf(WarsawTime.Today(TimeProvider.System));
        var next = Page.GetByRole(AriaRole.Button, new() { Name = "Następny tydzień" });
        var week = Page.Locator("main .calendar-week");
        await Expect(week).ToContainTextAsync("Tydzień od " + shown.ToString("d MMMM yyyy", VisitText.Polish));
        while (shown < MondayOf(day))
        {
            await next.FocusAsync();
            await Page.Keyboard.PressAsync("Enter");
            shown = shown.AddDays(7);
            await Expect(week).ToContainTextAsync("Tydzień od " + shown.ToString("d MMMM yyyy", VisitText.Polish));
            await Expect(next).ToBeFocusedAsync();
        }

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = VisitText.Day(day), Exact = true })).ToBeVisibleAsync();
        var table = Page.Locator("table").Filter(new() { HasText = "12:00–14:00" });
        await Expect(table).ToContainTextAsync("Tomasz Wiśniewski");
        await Expect(table.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", PanelRoutes.Request(id));
        await Axe.CheckAsync(Page, "kalendarz: tydzień z wizytą");
    }
}
