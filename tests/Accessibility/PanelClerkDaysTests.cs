using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.PublicSite.Components.Panel;

namespace MobilnyUrzednik.Accessibility;

/// <summary>Clerks' working hours and absences: bad input is refused with the same words twice and changes nothing.</summary>
public sealed class PanelClerkDaysTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    [Fact]
    public async Task ClerkDays_BadHoursAndAbsence_RefusedAndKept_ThenAValidAbsenceByKeyboard()
    {
        await Staff.SignInAsync(Page, Staff.Coordinator);
        await Page.GotoAsync(PanelRoutes.ClerkDays);
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Dni pracy urzędników");
        await Expect(Page).ToHaveTitleAsync("Dni pracy urzędników" + Staff.TitleSuffix);
        await Axe.CheckAsync(Page, "dni pracy: lista");

        var change = Page.GetByRole(AriaRole.Button, new() { Name = "Zmień dni pracy – Tomasz Wiśniewski" });
        await change.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Dni pracy: Tomasz Wiśniewski" })).ToBeFocusedAsync();
        await Expect(Page.Locator("#Hours-Monday")).ToHaveValueAsync("08:00");
        await Axe.CheckAsync(Page, "dni pracy: urzędnik");

        // Hours that are not a time, and hours outside 6:00–22:00.
        await Page.Locator("#Hours-Monday").FillAsync("25:00");
        await Page.Locator("#Hours-Tuesday-end").FillAsync("23:00");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zapisz godziny pracy" }).ClickAsync();
        var summary = Page.Locator("[data-error-summary]");
        await Expect(summary).ToBeFocusedAsync();
        string[] hourMessages =
        [
            "Wpisz godziny pracy w poniedziałek jako godzinę i minuty, na przykład 8:00 i 16:00",
            "Godziny pracy we wtorek muszą mieścić się między 6:00 a 22:00",
        ];
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync(hourMessages);
        await Expect(Page.Locator("#Hours-Monday-error")).ToHaveTextAsync("Błąd: " + hourMessages[0]);
        await Expect(Page.Locator("#Hours-Tuesday-error")).ToHaveTextAsync("Błąd: " + hourMessages[1]);
        await Expect(Page.Locator("#Hours-Monday")).ToHaveValueAsync("25:00");
        await Expect(Page).ToHaveTitleAsync("Błąd: Dni pracy urzędników" + Staff.TitleSuffix);
        await Axe.CheckAsync(Page, "dni pracy: błędne godziny");
        await using (var db = Site.OpenDatabase())
        {
            var tomasz = await db.Users.SingleAsync(u => u.Email == Staff.Clerk, TestContext.Current.CancellationToken);
            var monday = await db.ClerkWorkingHours.SingleAsync(h => h.ClerkId == tomasz.Id && h.Day == DayOfWeek.Monday, TestContext.Current.CancellationToken);
            Assert.Equal((new TimeOnly(8, 0), new TimeOnly(16, 0)), (monday.Start, monday.End));
            Assert.Equal(0, await db.AuditLog.CountAsync(a => a.Action == "clerk.days", TestContext.Current.CancellationToken));
        }

        // An absence ending before it starts, with markup in the reason.
        await Page.Locator("#From").FillAsync("2");
        await Page.Locator("#From-month").FillAsync("12");
        await Page.Locator("#From-year").FillAsync("2030");
        await Page.Locator("#To").FillAsync("1");
        await Page.Locator("#To-month").FillAsync("12");
        await Page.Locator("#To-year").FillAsync("2030");
        await Page.Locator("#Note").FillAsync("<script>alert(1)</script>");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Dodaj nieobecność" }).ClickAsync();
        string[] absenceMessages = ["Ostatni dzień nieobecności nie może być wcześniejszy niż pierwszy", "Powód nie może zawierać znaków < ani >"];
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync(absenceMessages);
        await Expect(Page.Locator("#Note")).ToHaveValueAsync("<script>alert(1)</script>");
        await Axe.CheckAsync(Page, "dni pracy: błędna nieobecność");
        await using (var db = Site.OpenDatabase())
        {
            Assert.Equal(0, await db.ClerkAbsences.CountAsync(TestContext.Current.CancellationToken));
        }

        // Fixed, and sent with the keyboard.
        await Page.Locator("#To").FillAsync("4");
        await Page.Locator("#Note").FillAsync("urlop");
        await Page.Locator("#Note").FocusAsync();
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Dodaj nieobecność" })).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        var notice = Page.Locator("[data-panel-saved]");
        await Expect(notice).ToBeFocusedAsync();
        await Expect(notice).ToHaveTextAsync("Dodano nieobecność: Tomasz Wiśniewski.");
        await Expect(Page.Locator("main table").Last).ToContainTextAsync("poniedziałek, 2 grudnia 2030 – środa, 4 grudnia 2030");
        await Axe.CheckAsync(Page, "dni pracy: nieobecność dodana");
        await using (var db = Site.OpenDatabase())
        {
            var absence = await db.ClerkAbsences.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal((new DateOnly(2030, 12, 2), new DateOnly(2030, 12, 4), "urlop"), (absence.From, absence.To, absence.Note));
        }
    }
}
