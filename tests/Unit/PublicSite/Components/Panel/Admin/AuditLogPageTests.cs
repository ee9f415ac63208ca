using Bunit;
using MobilnyUrzednik.Core.Audit;

namespace MobilnyUrzednik.PublicSite.Components.Panel.Admin;

public class AuditLogPageTests : PanelTestContext
{
    [Fact]
    public async Task AuditLogPage_Empty_SaysSoInTheTable()
    {
        await StartAsync();

        var cut = Render<AuditLogPage>();

        cut.WaitForElement("table");
        Assert.Equal("Wpisy: 0, strona 1 z 1, od najnowszych", cut.Find("caption").TextContent);
        Assert.Equal("Brak wpisów dla tych filtrów.", cut.Find("tbody td").TextContent);
    }

    [Fact]
    public async Task AuditLogPage_Entries_ShowWarsawTimeActionInWordsAndFilterByAction()
    {
        await StartAsync();
        await using (var db = Database.CreateDbContext())
        {
            db.AuditLog.Add(new AuditEntry { At = new(2026, 11, 21, 23, 30, 0, TimeSpan.Zero), ActorId = "a", ActorName = "Anna Kowalska", Action = AuditActions.RequestRead, Subject = "request:7" });
            db.AuditLog.Add(new AuditEntry { At = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero), ActorId = "e", ActorName = "Ewa Administratorka", Action = AuditActions.SettingsChanged, Subject = "municipality:1", Detail = "Phone" });
            await db.SaveChangesAsync(Ct);
        }

        var cut = Render<AuditLogPage>();
        cut.WaitForElement("table");
        Assert.Equal(
            ["22 listopada 2026, 09:00:00 Ewa Administratorka Zmiana ustawień gminy municipality:1 Phone", "22 listopada 2026, 00:30:00 Anna Kowalska Otwarcie zgłoszenia request:7"],
            cut.FindAll("tbody tr").Select(r => Words(string.Join(' ', r.Children.Select(c => c.TextContent)))));

        cut.Find("#co").Change(AuditActions.RequestRead);
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr")));
        Assert.Equal("Wpisy: 1, strona 1 z 1, od najnowszych", cut.Find("caption").TextContent);
    }

    [Fact]
    public async Task AuditLogPage_BadDatesAndMarkup_ShowMessagesAndKeepTheList()
    {
        await StartAsync();
        var cut = Render<AuditLogPage>();
        cut.WaitForElement("form");

        cut.Find("#czego").Input("<b>" + new string('x', 200));
        cut.Find("#od").Change("31");
        cut.Find("#od-month").Change("2");
        cut.Find("#od-year").Change("2026");
        cut.Find("form").Submit();

        cut.WaitForElement(".error-summary");
        Assert.Equal(
            ["Wpisz to, czego dotyczy wpis, na przykład request:42 (bez znaków < i >, najwyżej 100 znaków)", "Data musi być prawdziwą datą, na przykład 22 11 2026, albo zostaw ją pustą"],
            cut.FindAll(".error-summary li a").Select(a => Words(a.TextContent)));
        Assert.Equal("31", cut.Find("#od").GetAttribute("value"));
    }
}
