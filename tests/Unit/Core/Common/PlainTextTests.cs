namespace MobilnyUrzednik.Core.Common;

public class PlainTextTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData("  Anna   Nowak  ", "Anna Nowak")]
    [InlineData("Anna\u00A0Nowak", "Anna Nowak")]
    [InlineData("Anna\tNowak", "Anna Nowak")]
    [InlineData("ul. Długa\r\n5", "ul. Długa 5")]
    [InlineData("ul. Długa\n\n5", "ul. Długa 5")]
    public void Tidy_SingleLine_TrimsAndJoinsSpaces(string? input, string expected)
    {
        Assert.Equal(expected, PlainText.Tidy(input));
    }

    [Theory]
    [InlineData("Jan \u202EKowalski", "Jan Kowalski")]                  // right-to-left override: "ikslawoK" on screen
    [InlineData("\u2067ul. Długa 5\u2069", "ul. Długa 5")]              // right-to-left isolate
    [InlineData("Anna\u200F Nowak\u200E\u061C", "Anna Nowak")]         // the invisible direction marks
    [InlineData("\u202A\u202B\u202C\u202D\u2066\u2068", "")]
    public void Tidy_BidirectionalControls_AreDropped(string input, string expected)
    {
        Assert.Equal(expected, PlainText.Tidy(input));
        Assert.Equal(expected, PlainText.Tidy(input, multiline: true));
    }

    [Theory]
    [InlineData("jan\u202E@example.pl")]
    [InlineData("\u2066jan@example.pl")]
    public void HasMarkupOrControl_BidirectionalControl_IsFound(string text) => Assert.True(PlainText.HasMarkupOrControl(text));

    [Theory]
    [InlineData("Pierwsza linia\r\nDruga linia", "Pierwsza linia\nDruga linia")]
    [InlineData("Pierwsza\rDruga", "Pierwsza\nDruga")]
    [InlineData("  a  \n  b  ", "a\nb")]
    [InlineData("a\n\n\n\n\nb", "a\n\nb")]
    [InlineData("\n\na\n\n", "a")]
    public void Tidy_Multiline_KeepsLineBreaksButNotEmptyRuns(string input, string expected)
    {
        Assert.Equal(expected, PlainText.Tidy(input, multiline: true));
    }

    [Fact]
    public void Tidy_Multiline_BlankLinesHoldingSpaces_CollapseToOneBlankLine()
    {
        // A dictated or pasted description often has "blank" lines that hold a space or two.
        Assert.Equal("a\n\nb", PlainText.Tidy("a\n \n  \n \nb", multiline: true));
    }

    [Fact]
    public void Tidy_DecomposedLetters_AreComposed()
    {
        var tidy = PlainText.Tidy("Z\u0307o\u0301łc\u0301");

        Assert.Equal("Żółć", tidy);
        Assert.Equal(4, tidy.Length);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("ą", 1)]
    [InlineData("a\u0328", 1)]
    [InlineData("😀", 1)]
    [InlineData("👍🏽", 1)]
    [InlineData("👩‍👩‍👧", 1)]
    [InlineData("Zażółć", 6)]
    [InlineData("Jan 😀", 5)]
    public void Length_Text_CountsCharactersAsAPersonDoes(string text, int expected)
    {
        Assert.Equal(expected, PlainText.Length(text));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<b>x</b>")]
    [InlineData("< script")]
    [InlineData("<!-- komentarz -->")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("</div>")]
    [InlineData("a\u0000b")]
    [InlineData("a\u0007b")]
    [InlineData("a\u001Bb")]
    public void HasMarkupOrControl_MarkupOrControlCharacter_IsTrue(string text)
    {
        Assert.True(PlainText.HasMarkupOrControl(text));
    }

    [Theory]
    [InlineData("a < b")]
    [InlineData("5 > 3")]
    [InlineData("kocham <3")]
    [InlineData("Pierwsza linia\nDruga linia")]
    [InlineData("kolumna\tkolumna")]
    [InlineData("Zażółć gęślą jaźń")]
    public void HasMarkupOrControl_OrdinaryText_IsFalse(string text)
    {
        Assert.False(PlainText.HasMarkupOrControl(text));
    }

    [Theory]
    [InlineData("Jan 😀")]
    [InlineData("❤")]
    [InlineData("❤️")]
    [InlineData("👍🏽")]
    [InlineData("👩‍👩‍👧")]
    [InlineData("🇵🇱")]
    public void HasEmoji_Pictograph_IsTrue(string text)
    {
        Assert.True(PlainText.HasEmoji(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Zażółć gęślą jaźń")]
    [InlineData("ul. Długa 5/3, 00-950 Warszawa")]
    [InlineData("„cytat” – myślnik… (nawias)")]
    public void HasEmoji_PlainText_IsFalse(string text)
    {
        Assert.False(PlainText.HasEmoji(text));
    }

    [Theory]
    [InlineData("Anna Nowak-Kowalska")]
    [InlineData("Łucja Żółć")]
    [InlineData("O'Neill")]
    [InlineData("O’Neill")]
    [InlineData("J. Kowalski")]
    [InlineData("Łucja Z\u0307o\u0301łc\u0301")]
    [InlineData("Zoë Ångström")]
    public void IsPersonName_Name_IsTrue(string text)
    {
        Assert.True(PlainText.IsPersonName(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Anna<script>")]
    [InlineData("Jan 😀")]
    [InlineData("Jan3")]
    [InlineData("Anna_Nowak")]
    [InlineData("jan@example.pl")]
    [InlineData("Anna, Jan")]
    public void IsPersonName_NotAName_IsFalse(string text)
    {
        Assert.False(PlainText.IsPersonName(text));
    }

    [Theory]
    [InlineData("ul. Długa 5/3")]
    [InlineData("al. Jana Pawła II 12 m. 4")]
    [InlineData("os. \"Zielone\" (blok 3), kl. B")]
    [InlineData("Warszawa-Wola")]
    [InlineData("Kędzierzyn-Koźle")]
    [InlineData("ul. O’Higginsa 1")]
    public void IsAddressText_Address_IsTrue(string text)
    {
        Assert.True(PlainText.IsAddressText(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ul. Długa 5 😀")]
    [InlineData("<b>ul. Długa</b>")]
    [InlineData("ul. Długa #5")]
    [InlineData("ul; DROP TABLE")]
    [InlineData("ul. Długa 5 & 7")]
    public void IsAddressText_NotAnAddress_IsFalse(string text)
    {
        Assert.False(PlainText.IsAddressText(text));
    }
}
