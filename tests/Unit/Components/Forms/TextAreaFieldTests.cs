using Bunit;

namespace MobilnyUrzednik.Components.Forms;

// ACCESSIBILITY.md: F01 (label is the h1, "(opcjonalnie)"), F02 (aria-describedby, aria-invalid,
// hidden "Błąd:"), F04 (every answer kept, even one far too long); the stated length limit.
public class TextAreaFieldTests : ComponentTestContext
{
    [Fact]
    public void TextAreaField_IsPageHeading_LabelIsInsideTheH1()
    {
        var cut = Render<TextAreaField>(p => p
            .Add(x => x.Id, "Description")
            .Add(x => x.Label, "Opisz, w czym mamy pomóc")
            .Add(x => x.IsPageHeading, true));

        Assert.Equal("Description", cut.Find("h1 > label").GetAttribute("for"));
        Assert.Equal("Opisz, w czym mamy pomóc", Words(cut.Find("h1").TextContent));
        Assert.Equal("Description", cut.Find("textarea").Id);
    }

    [Fact]
    public void TextAreaField_Optional_LabelSaysOpcjonalnieAndNoAsterisk()
    {
        var cut = Render<TextAreaField>(p => p
            .Add(x => x.Id, "AccessNotes")
            .Add(x => x.Label, "Co powinien wiedzieć urzędnik przed wizytą?")
            .Add(x => x.IsPageHeading, true)
            .Add(x => x.Optional, true));

        Assert.Equal("Co powinien wiedzieć urzędnik przed wizytą? (opcjonalnie)", Words(cut.Find("h1").TextContent));
        Assert.DoesNotContain("*", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void TextAreaField_MaxLength_StatesTheLimitAndDescribesTheFieldWithIt()
    {
        var cut = Render<TextAreaField>(p => p
            .Add(x => x.Id, "Description")
            .Add(x => x.Label, "Opisz sprawę")
            .Add(x => x.Hint, "Na przykład: potrzebuję nowego dowodu osobistego")
            .Add(x => x.MaxLength, 1000));

        Assert.Equal("Możesz wpisać do 1000 znaków.", Words(cut.Find("#Description-limit").TextContent));
        Assert.Equal("Description-hint Description-limit", cut.Find("textarea").GetAttribute("aria-describedby"));
    }

    [Fact]
    public void TextAreaField_MaxLengthAndError_DescribedByHintLimitThenError()
    {
        var cut = Render<TextAreaField>(p => p
            .Add(x => x.Id, "Description")
            .Add(x => x.Label, "Opisz sprawę")
            .Add(x => x.Hint, "Na przykład: potrzebuję nowego dowodu osobistego")
            .Add(x => x.MaxLength, 1000)
            .Add(x => x.Error, "Opis może mieć do 1000 znaków. Skróć go o 9000 znaków"));

        Assert.Equal("Description-hint Description-limit Description-error", cut.Find("textarea").GetAttribute("aria-describedby"));
    }

    [Fact]
    public void TextAreaField_MaxLength_BrowserDoesNotCutPastedText()
    {
        var cut = Render<TextAreaField>(p => p
            .Add(x => x.Id, "Description")
            .Add(x => x.Label, "Opisz sprawę")
            .Add(x => x.MaxLength, 1000));

        Assert.False(cut.Find("textarea").HasAttribute("maxlength"));
    }

    [Fact]
    public void TextAreaField_NoMaxLength_NoLimitStated()
    {
        var cut = Render<TextAreaField>(p => p
            .Add(x => x.Id, "Description")
            .Add(x => x.Label, "Opisz sprawę"));

        Assert.Empty(cut.FindAll("#Description-limit"));
        Assert.False(cut.Find("textarea").HasAttribute("aria-describedby"));
    }

    [Fact]
    public void TextAreaField_TenThousandCharacters_AllKept()
    {
        var typed = string.Concat(Enumerable.Repeat("Proszę o wizytę. ", 600))[..10_000];
        var cut = Render<TextAreaField>(p => p
            .Add(x => x.Id, "Description")
            .Add(x => x.Label, "Opisz sprawę")
            .Add(x => x.MaxLength, 1000)
            .Add(x => x.Value, typed)
            .Add(x => x.Error, "Opis może mieć do 1000 znaków. Skróć go o 9000 znaków"));

        Assert.Equal(10_000, cut.Find("textarea").TextContent.Length);
        Assert.Equal(typed, cut.Find("textarea").TextContent);
    }

    [Fact]
    public void TextAreaField_ScriptAsValue_KeptAsTextNeverAsMarkup()
    {
        const string typed = "<script>alert(1)</script></textarea><b>pogrubione</b>";
        var cut = Render<TextAreaField>(p => p
            .Add(x => x.Id, "Description")
            .Add(x => x.Label, "Opisz sprawę")
            .Add(x => x.Value, typed));

        Assert.Equal(typed, cut.Find("textarea").TextContent);
        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("b"));
    }

    [Fact]
    public void TextAreaField_ErrorThenFixed_InvalidOnlyWhileTheErrorShows()
    {
        var cut = Render<TextAreaField>(p => p
            .Add(x => x.Id, "Description")
            .Add(x => x.Label, "Opisz sprawę")
            .Add(x => x.MaxLength, 1000)
            .Add(x => x.Error, "Opisz sprawę, na przykład: potrzebuję nowego dowodu osobistego"));

        var textarea = cut.Find("textarea");
        Assert.Equal("true", textarea.GetAttribute("aria-invalid"));
        Assert.Equal(
            "Błąd: Opisz sprawę, na przykład: potrzebuję nowego dowodu osobistego",
            Words(cut.Find("#Description-error").TextContent));
        Assert.Equal("Błąd:", Words(cut.Find("#Description-error .visually-hidden").TextContent));

        cut.Render(p => p
            .Add(x => x.Value, "Potrzebuję nowego dowodu.")
            .Add(x => x.Error, null));

        textarea = cut.Find("textarea");
        Assert.False(textarea.HasAttribute("aria-invalid"));
        Assert.Equal("Description-limit", textarea.GetAttribute("aria-describedby"));
        Assert.Empty(cut.FindAll("#Description-error"));
        Assert.Equal("Potrzebuję nowego dowodu.", textarea.TextContent);
    }
}
