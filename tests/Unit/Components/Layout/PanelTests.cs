using Bunit;
using Microsoft.AspNetCore.Components;

namespace MobilnyUrzednik.Components.Layout;

// ACCESSIBILITY.md: F10 (the confirmation panel is the page's h1).
public class PanelTests : ComponentTestContext
{
    [Fact]
    public void Panel_Title_IsTheH1WithTheContentBelow()
    {
        var cut = Render<Panel>(p => p
            .Add(x => x.Title, "Zgłoszenie zostało wysłane")
            .AddChildContent((RenderFragment)(b => b.AddMarkupContent(0, "<p>Twój numer zgłoszenia</p>"))));

        Assert.Single(cut.FindAll("h1"));
        Assert.Equal("Zgłoszenie zostało wysłane", Words(cut.Find(".panel > h1").TextContent));
        Assert.Equal("Twój numer zgłoszenia", Words(cut.Find(".panel__body p").TextContent));
    }
}
