using Bunit;

namespace MobilnyUrzednik.Components.Layout;

// ACCESSIBILITY.md: F10 (the reference chunked for the eye and spelled out for reading aloud).
public class ReferenceNumberTests : ComponentTestContext
{
    [Fact]
    public void ReferenceNumber_Groups_ShownAsChunksHiddenFromScreenReaders()
    {
        var cut = Render<ReferenceNumber>(p => p.Add(x => x.Groups, ["K7P", "4QX", "9M"]));

        var chunks = cut.FindAll(".reference__group");
        Assert.Equal(["K7P", "4QX", "9M"], chunks.Select(c => c.TextContent));
        Assert.All(chunks, c => Assert.NotNull(c.Closest("[aria-hidden=true]")));
    }

    [Fact]
    public void ReferenceNumber_Groups_SpelledOutCharacterByCharacterForScreenReaders()
    {
        var cut = Render<ReferenceNumber>(p => p.Add(x => x.Groups, ["K7P", "4QX", "9M"]));

        var spoken = cut.Find(".visually-hidden");
        Assert.Equal("K 7 P, 4 Q X, 9 M", spoken.TextContent);
        Assert.Null(spoken.Closest("[aria-hidden]"));
    }

    [Fact]
    public void ReferenceNumber_OneGroup_SpelledWithoutCommas()
    {
        var cut = Render<ReferenceNumber>(p => p.Add(x => x.Groups, ["K7P4"]));

        Assert.Equal("K 7 P 4", cut.Find(".visually-hidden").TextContent);
    }
}
