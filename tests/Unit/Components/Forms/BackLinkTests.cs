using Bunit;

namespace MobilnyUrzednik.Components.Forms;

// ACCESSIBILITY.md: G09 (a real link back, so it works by keyboard and without JavaScript).
public class BackLinkTests : ComponentTestContext
{
    [Fact]
    public void BackLink_NoText_WsteczToThePreviousQuestion()
    {
        var cut = Render<BackLink>(p => p.Add(x => x.Href, "/zgloszenie/adres"));

        var link = cut.Find("a");
        Assert.Equal("/zgloszenie/adres", link.GetAttribute("href"));
        Assert.Equal("Wstecz", Words(link.TextContent));
    }

    [Fact]
    public void BackLink_Text_UsesTheGivenText()
    {
        var cut = Render<BackLink>(p => p
            .Add(x => x.Href, "/zgloszenie/sprawdz")
            .Add(x => x.Text, "Wróć do podsumowania"));

        Assert.Equal("Wróć do podsumowania", Words(cut.Find("a").TextContent));
    }
}
