using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MobilnyUrzednik.Components.Layout;

// ACCESSIBILITY.md: G04 (the skip link lands in main).
public class SkipLinkTests : ComponentTestContext
{
    [Fact]
    public void SkipLink_Default_FirstElementLinksToMain()
    {
        // The page's own address before "#main": with <base href="/"> a bare "#main" would lead to the home page.
        Services.GetRequiredService<NavigationManager>().NavigateTo("/zgloszenie/powod");
        var cut = Render<SkipLink>();

        var first = cut.Nodes.OfType<IElement>().First();
        Assert.Equal("A", first.TagName);
        Assert.Equal("/zgloszenie/powod#main", first.GetAttribute("href"));
        Assert.Equal("Przejdź do treści", Words(first.TextContent));
    }
}
