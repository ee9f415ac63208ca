using Bunit;
using Microsoft.EntityFrameworkCore;

namespace MobilnyUrzednik.PublicSite.Components.Panel.Admin;

public class SettingsPageTests : PanelTestContext
{
    [Fact]
    public async Task SettingsPage_Opened_ShowsTheStoredValuesInLabelledGroups()
    {
        await StartAsync();

        var cut = Render<SettingsPage>();

        cut.WaitForElement("form");
        Assert.Equal("Gmina Przykładowo", cut.Find("#Name").GetAttribute("value"));
        Assert.Equal("22 123 45 67", cut.Find("#Phone").GetAttribute("value"));
        Assert.Equal(["Gmina i urząd", "Kontakt", "Obsługa zgłoszeń", "Deklaracja dostępności"], cut.FindAll("legend h2").Select(h => h.TextContent));
        Assert.Equal("2", cut.Find("#StatementPublishedOn").GetAttribute("value"));
        Assert.Equal("11", cut.Find("#StatementPublishedOn-month").GetAttribute("value"));
    }

    [Fact]
    public async Task SettingsPage_MarkupInEveryTextField_ShowsAMessageForEachAndChangesNothing()
    {
        await StartAsync();
        var cut = Render<SettingsPage>();
        cut.WaitForElement("form");
        var ids = new[]
        {
            "Name", "NameLocative", "OfficeName", "OfficeAddress", "Phone", "PhoneHours", "Email", "CoordinatorName",
            "DataProtectionOfficerEmail", "OverdueAfterWorkingDays", "VisitWindowMinutes", "AccessibilityContactName", "BuildingAccessibility",
        };
        foreach (var id in ids)
        {
            cut.Find("#" + id).Input("<i>x</i>");
        }

        cut.Find("form").Submit();

        cut.WaitForElement(".error-summary");
        Assert.Equal(ids, cut.FindAll(".error-summary li a").Select(a => a.GetAttribute("href")!.Split('#')[1]));
        Assert.All(ids, id => Assert.Equal("<i>x</i>", cut.Find("#" + id).GetAttribute("value") ?? cut.Find("#" + id).TextContent));
        await using var db = Database.CreateDbContext();
        Assert.Equal("Gmina Przykładowo", (await db.Municipalities.SingleAsync(Ct)).Name);
        Assert.Equal(0, await db.AuditLog.CountAsync(Ct));
    }

    [Fact]
    public async Task SettingsPage_ValidChange_IsSavedAndConfirmed()
    {
        await StartAsync();
        var cut = Render<SettingsPage>();
        cut.WaitForElement("form");

        cut.Find("#OverdueAfterWorkingDays").Input("8");
        cut.Find("#StatementReviewedOn").Change("21");
        cut.Find("#StatementReviewedOn-month").Change("11");
        cut.Find("#StatementReviewedOn-year").Change("2026");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("Zapisano ustawienia gminy.", cut.Find("[data-panel-saved]").TextContent));
        await using var db = Database.CreateDbContext();
        var m = await db.Municipalities.SingleAsync(Ct);
        Assert.Equal(8, m.OverdueAfterWorkingDays);
        Assert.Equal(new DateOnly(2026, 11, 21), m.StatementReviewedOn);
    }
}
