using Bunit;

namespace MobilnyUrzednik.Components.Layout;

// ACCESSIBILITY.md: L01 (accessibility statement linked from every footer), L02 (easy-to-read and
// sign-language pages linked from every page).
public class SiteFooterTests : ComponentTestContext
{
    [Fact]
    public void SiteFooter_Rendered_LinksToStatementEasyReadSignLanguageAndPrivacy()
    {
        var cut = Render<SiteFooter>(p => p.Add(x => x.MunicipalityName, "Gmina Przykładowo"));

        var links = cut.FindAll("footer a").ToDictionary(a => a.GetAttribute("href")!, a => Words(a.TextContent));
        Assert.Equal("Deklaracja dostępności", links["/deklaracja-dostepnosci"]);
        Assert.Equal("Tekst łatwy do czytania", links["/latwy-tekst"]);
        Assert.Equal("Polski język migowy", links["/jezyk-migowy"]);
        Assert.Equal("Prywatność i dane osobowe", links["/prywatnosc"]);
    }

    [Fact]
    public void SiteFooter_MunicipalityName_ShownAsTheOwner()
    {
        var cut = Render<SiteFooter>(p => p.Add(x => x.MunicipalityName, "Gmina Przykładowo"));

        Assert.Equal("Gmina Przykładowo", Words(cut.Find("footer .site-footer__owner").TextContent));
    }
}
