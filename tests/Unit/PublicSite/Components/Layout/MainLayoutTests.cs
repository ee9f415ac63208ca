using Bunit;

namespace MobilnyUrzednik.PublicSite.Components.Layout;

// ACCESSIBILITY.md: G04 (the skip link is the first thing and lands in main), G14 (help in the same
// place on every page, with the municipality's own contacts), L01/L02 (footer links on every page).
public class MainLayoutTests : PublicSiteTestContext
{
    [Fact]
    public async Task MainLayout_AnyPage_SkipLinkFirstAndItsTargetIsMain()
    {
        await using var database = await TestDatabase.CreateAsync();
        UseDatabase(database, new FakeClock());

        var cut = Render<MainLayout>(p => p.Add(x => x.Body, "<h1>Sprawdź status zgłoszenia</h1>"));
        cut.WaitForElement("aside.help-block");

        var first = cut.Nodes.OfType<AngleSharp.Dom.IElement>().First();
        Assert.Equal("/#main", first.GetAttribute("href"));
        Assert.Equal("Przejdź do treści", Words(first.TextContent));
        Assert.Equal("MAIN", cut.Find("#main").TagName);
        Assert.Equal("Sprawdź status zgłoszenia", Words(cut.Find("main h1").TextContent));
    }

    [Fact]
    public async Task MainLayout_AnyPage_HelpAfterMainWithTheMunicipalitysContacts()
    {
        await using var database = await TestDatabase.CreateAsync();
        UseDatabase(database, new FakeClock());

        var cut = Render<MainLayout>(p => p.Add(x => x.Body, "<h1>Strona</h1>"));
        cut.WaitForElement("aside.help-block");

        var help = cut.Find("aside.help-block");
        Assert.Null(help.Closest("main"));
        Assert.Equal("MAIN", help.PreviousElementSibling?.TagName);
        Assert.Equal("Potrzebujesz pomocy?", Words(help.QuerySelector("h2")?.TextContent));
        Assert.Equal("tel:+48221234567", help.QuerySelector("a[href^='tel:']")?.GetAttribute("href"));
        Assert.Equal("mailto:mobilny.urzednik@przykladowo.example.pl", help.QuerySelector("a[href^='mailto:']")?.GetAttribute("href"));
        Assert.NotNull(help.QuerySelector("a[href='/jezyk-migowy']"));
    }

    [Fact]
    public async Task MainLayout_AnyPage_FooterLinksToStatementEasyReadAndSignLanguage()
    {
        await using var database = await TestDatabase.CreateAsync();
        UseDatabase(database, new FakeClock());

        var cut = Render<MainLayout>(p => p.Add(x => x.Body, "<h1>Strona</h1>"));
        cut.WaitForElement("aside.help-block");

        var footer = cut.Find("footer");
        Assert.Equal(
            ["/deklaracja-dostepnosci", "/latwy-tekst", "/jezyk-migowy", "/prywatnosc"],
            footer.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Gmina Przykładowo", Words(footer.QuerySelector(".site-footer__owner")?.TextContent));
    }
}
