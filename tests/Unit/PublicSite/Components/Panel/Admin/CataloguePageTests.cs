using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MobilnyUrzednik.PublicSite.Components.Panel.Admin;

public class CataloguePageTests : PanelTestContext
{
    [Fact]
    public async Task CataloguePage_Opened_ListsEveryMatterInACaptionedTableWithNamedButtons()
    {
        await StartAsync();

        var cut = Render<CataloguePage>();

        cut.WaitForElement("table");
        Assert.StartsWith("Sprawy:", cut.Find("table caption").TextContent, StringComparison.Ordinal);
        var rows = cut.FindAll("tbody tr");
        Assert.Equal(await CountAsync(db => db.Matters), rows.Count);
        Assert.All(cut.FindAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        var first = Words(rows[0].QuerySelector("th")!.FirstChild!.TextContent);
        Assert.Contains(cut.FindAll("button"), b => Words(b.TextContent) == "Zmień " + first);
        Assert.Contains(cut.FindAll("button"), b => Words(b.TextContent) == "Wycofaj " + first);
        Assert.Equal("Dodaj sprawę", cut.Find("h2#formularz-sprawy").TextContent);
    }

    [Fact]
    public async Task CataloguePage_MarkupAndTooLongText_ShowsTheSameMessagesInSummaryAndFieldsKeepsTheTextAndAddsNothing()
    {
        await StartAsync();
        var before = await CountAsync(db => db.Matters);
        var cut = Render<CataloguePage>();
        cut.WaitForElement("form");
        var longText = new string('d', 10_000);

        cut.Find("#Name").Input("<b>Nowa</b>");
        cut.Find("#Description").Input(longText);
        cut.Find("#Checklist").Input("Dowód\n<script>x</script>");
        cut.Find("form").Submit();

        cut.WaitForElement(".error-summary");
        var summary = cut.FindAll(".error-summary li a").Select(a => (a.GetAttribute("href")!.Split('#')[1], Words(a.TextContent))).ToList();
        Assert.Equal(
            [
                ("Name", "Nazwa sprawy nie może zawierać znaków < ani >. Napisz ją zwykłymi słowami."),
                ("Description", "Opis może mieć najwyżej 1 000 znaków. Teraz ma 10 000. Skróć go."),
                ("Checklist", "Punkt 2 listy nie może zawierać znaków < ani >. Napisz go zwykłymi słowami."),
            ],
            summary);
        foreach (var (id, message) in summary)
        {
            Assert.Equal("Błąd: " + message, Words(cut.Find($"#{id}-error").TextContent));
            Assert.Equal("true", cut.Find($"#{id}").GetAttribute("aria-invalid"));
        }

        Assert.Equal("<b>Nowa</b>", cut.Find("#Name").GetAttribute("value"));
        Assert.Equal(longText, cut.Find("#Description").TextContent);
        Assert.Equal(before, await CountAsync(db => db.Matters));
        Assert.Equal("[data-error-summary]", Focused().Last());
    }

    [Fact]
    public async Task CataloguePage_ValidMatter_IsAddedConfirmedAndListed()
    {
        await StartAsync();
        var cut = Render<CataloguePage>();
        cut.WaitForElement("form");

        cut.Find("#Name").Input("Karta dużej rodziny");
        cut.Find("#Description").Input("Pomożemy złożyć wniosek o kartę.");
        cut.Find("#Checklist").Input("Dowód osobisty\nZdjęcia dzieci");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("Dodano sprawę „Karta dużej rodziny”.", cut.Find("[data-panel-saved]").TextContent));
        Assert.Contains(cut.FindAll("tbody th"), th => th.TextContent.StartsWith("Karta dużej rodziny", StringComparison.Ordinal));
        Assert.Empty(cut.FindAll(".error-summary"));
        Assert.Equal(string.Empty, cut.Find("#Name").GetAttribute("value") ?? string.Empty);
        await using var db = Database.CreateDbContext();
        Assert.True(await db.Matters.AnyAsync(s => s.Slug == "karta-duzej-rodziny", Ct));
    }

    [Fact]
    public async Task CataloguePage_Retire_MarksTheMatterRetiredAndOffersRestore()
    {
        await StartAsync();
        var cut = Render<CataloguePage>();
        cut.WaitForElement("table");
        var name = Words(cut.Find("tbody th").FirstChild!.TextContent);

        cut.FindAll("button").First(b => Words(b.TextContent) == "Wycofaj " + name).Click();

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("button"), b => Words(b.TextContent) == "Przywróć " + name));
        Assert.StartsWith($"Wycofano sprawę „{name}”", cut.Find("[data-panel-saved]").TextContent, StringComparison.Ordinal);
    }

    // Any staff page (PanelPage): once the session has ended on the server (30 minutes without input here), a click
    // changes nothing, and the page leaves for "Sesja się skończyła" with the way back.
    [Fact]
    public async Task AnyPanelPage_AfterItsSessionEnded_ChangesNothing_AndLeavesForSignInWithTheWayBack()
    {
        await StartAsync();
        var cut = Render<CataloguePage>();
        cut.WaitForElement("table");
        var name = Words(cut.Find("tbody th").FirstChild!.TextContent);
        cut.Find("#Name").Input("Karta seniora");

        Clock.Advance(TimeSpan.FromMinutes(30));
        cut.FindAll("button").First(b => Words(b.TextContent) == "Wycofaj " + name).Click();

        var nav = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith("/panel/logowanie?wygaslo=1&powrot=%2F", nav.Uri, StringComparison.Ordinal));
        await using var db = Database.CreateDbContext();
        Assert.False(await db.Matters.AnyAsync(m => m.Name == name && m.IsRetired, Ct));
        Assert.Empty(await db.AuditLog.Where(a => a.Action == Core.Audit.AuditActions.CatalogueChanged).ToListAsync(Ct));
    }
}
