using Bunit;

namespace MobilnyUrzednik.Components.Forms;

// ACCESSIBILITY.md: F02 (the inline error starts with a visually hidden "Błąd:").
public class ErrorMessageTests : ComponentTestContext
{
    [Fact]
    public void ErrorMessage_Message_HiddenPrefixThenTheMessage()
    {
        var cut = Render<ErrorMessage>(p => p
            .Add(x => x.Id, "Town-error")
            .Add(x => x.Message, "Wpisz miejscowość"));

        var message = cut.Find("#Town-error");
        Assert.Equal("Błąd:", Words(message.QuerySelector(".visually-hidden")?.TextContent));
        Assert.Equal("Błąd: Wpisz miejscowość", Words(message.TextContent));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void ErrorMessage_NoMessage_RendersNothing(string? message)
    {
        var cut = Render<ErrorMessage>(p => p
            .Add(x => x.Id, "Town-error")
            .Add(x => x.Message, message));

        Assert.Equal(string.Empty, cut.Markup.Trim());
    }

    [Fact]
    public void ErrorMessage_EnglishCulture_HiddenPrefixError()
    {
        using var english = new CultureScope("en-GB");

        var cut = Render<ErrorMessage>(p => p
            .Add(x => x.Id, "Town-error")
            .Add(x => x.Message, "Enter your town"));

        Assert.Equal("Error: Enter your town", Words(cut.Find("#Town-error").TextContent));
    }
}
