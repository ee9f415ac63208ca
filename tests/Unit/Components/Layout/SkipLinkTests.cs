using AngleSharp.Dom;

namespace MobilnyUrzednik.Components.Layout;

// ACCESSIBILITY.md: G04 (the skip link lands in main).
public class SkipLinkTests : ComponentTestContext
{
    [Fact]
    public void SkipLink_Default_FirstElementLinksToMain()
    {
        var cut = Render<SkipLink>();

        var first = cut.Nodes.OfType<IElement>().First();
        Assert.Equal("A", first.TagName);
        Assert.Equal("#main", first.GetAttribute("href"));
        Assert.Equal("Przejdź do treści", Words(first.TextContent));
    }
}
