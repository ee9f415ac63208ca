using Bunit;

namespace MobilnyUrzednik.Components.Forms;

// ACCESSIBILITY.md: F01 (label is the h1, "(opcjonalnie)", no asterisks), F02 (aria-describedby,
// aria-invalid, hidden "Błąd:"), F04 (the typed value comes back, invalid or not).
public class TextFieldTests : ComponentTestContext
{
    [Fact]
    public void TextField_IsPageHeading_LabelIsInsideTheH1()
    {
        var cut = Render<TextField>(p => p
            .Add(x => x.Id, "ResidentName")
            .Add(x => x.Label, "Jak się nazywa osoba, do której przyjdzie urzędnik?")
            .Add(x => x.IsPageHeading, true));

        var label = cut.Find("h1 > label");
        Assert.Equal("ResidentName", label.GetAttribute("for"));
        Assert.Equal("Jak się nazywa osoba, do której przyjdzie urzędnik?", Words(cut.Find("h1").TextContent));
        Assert.Equal("ResidentName", cut.Find("input").Id);
    }

    [Fact]
    public void TextField_NotPageHeading_PlainLabelAndNoHeading()
    {
        var cut = Render<TextField>(p => p
            .Add(x => x.Id, "Town")
            .Add(x => x.Label, "Miejscowość"));

        Assert.Empty(cut.FindAll("h1"));
        Assert.Equal("Town", cut.Find("label").GetAttribute("for"));
        Assert.Equal("Miejscowość", Words(cut.Find("label").TextContent));
    }

    [Fact]
    public void TextField_Optional_LabelSaysOpcjonalnieAndNoAsterisk()
    {
        var cut = Render<TextField>(p => p
            .Add(x => x.Id, "Email")
            .Add(x => x.Label, "Adres e-mail")
            .Add(x => x.Optional, true));

        Assert.Equal("Adres e-mail (opcjonalnie)", Words(cut.Find("label").TextContent));
        Assert.DoesNotContain("*", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void TextField_Required_NoOptionalNoteAndNoAsterisk()
    {
        var cut = Render<TextField>(p => p
            .Add(x => x.Id, "ResidentName")
            .Add(x => x.Label, "Imię i nazwisko")
            .Add(x => x.Hint, "Na przykład Anna Nowak")
            .Add(x => x.Error, "Wpisz imię i nazwisko"));

        Assert.Equal("Imię i nazwisko", Words(cut.Find("label").TextContent));
        Assert.DoesNotContain("opcjonalnie", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("*", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void TextField_HintAndError_DescribedByHintThenError()
    {
        var cut = Render<TextField>(p => p
            .Add(x => x.Id, "ResidentPhone")
            .Add(x => x.Label, "Numer telefonu")
            .Add(x => x.Hint, "Na przykład 600 100 200")
            .Add(x => x.Error, "Wpisz numer telefonu, na przykład 600 100 200"));

        var input = cut.Find("input");
        Assert.Equal("ResidentPhone-hint ResidentPhone-error", input.GetAttribute("aria-describedby"));
        Assert.Equal("Na przykład 600 100 200", Words(cut.Find("#ResidentPhone-hint").TextContent));
        Assert.Equal("Błąd: Wpisz numer telefonu, na przykład 600 100 200", Words(cut.Find("#ResidentPhone-error").TextContent));
    }

    [Fact]
    public void TextField_OnlyHint_DescribedByHint()
    {
        var cut = Render<TextField>(p => p
            .Add(x => x.Id, "PostalCode")
            .Add(x => x.Label, "Kod pocztowy")
            .Add(x => x.Hint, "Na przykład 00-950"));

        Assert.Equal("PostalCode-hint", cut.Find("input").GetAttribute("aria-describedby"));
        Assert.Empty(cut.FindAll("#PostalCode-error"));
    }

    [Fact]
    public void TextField_NoHintNoError_NothingDescribesIt()
    {
        var cut = Render<TextField>(p => p
            .Add(x => x.Id, "Town")
            .Add(x => x.Label, "Miejscowość"));

        var input = cut.Find("input");
        Assert.False(input.HasAttribute("aria-describedby"));
        Assert.False(input.HasAttribute("aria-invalid"));
    }

    [Fact]
    public void TextField_ErrorThenFixed_InvalidOnlyWhileTheErrorShows()
    {
        var cut = Render<TextField>(p => p
            .Add(x => x.Id, "PostalCode")
            .Add(x => x.Label, "Kod pocztowy")
            .Add(x => x.Hint, "Na przykład 00-950")
            .Add(x => x.Value, "00-95")
            .Add(x => x.Error, "Wpisz kod pocztowy w formacie 00-950"));

        Assert.Equal("true", cut.Find("input").GetAttribute("aria-invalid"));
        Assert.NotEmpty(cut.FindAll("#PostalCode-error"));

        cut.Render(p => p
            .Add(x => x.Value, "00-950")
            .Add(x => x.Error, null));

        var input = cut.Find("input");
        Assert.False(input.HasAttribute("aria-invalid"));
        Assert.Equal("PostalCode-hint", input.GetAttribute("aria-describedby"));
        Assert.Empty(cut.FindAll("#PostalCode-error"));
        Assert.Empty(cut.FindAll(".error-message"));
        Assert.Equal("00-950", input.GetAttribute("value"));
    }

    [Fact]
    public void TextField_Error_InlineMessageStartsWithHiddenErrorPrefix()
    {
        var cut = Render<TextField>(p => p
            .Add(x => x.Id, "ResidentName")
            .Add(x => x.Label, "Imię i nazwisko")
            .Add(x => x.Error, "Wpisz imię i nazwisko"));

        var message = cut.Find("#ResidentName-error");
        var prefix = message.FirstElementChild;
        Assert.NotNull(prefix);
        Assert.True(prefix.ClassList.Contains("visually-hidden"));
        Assert.Equal("Błąd:", Words(prefix.TextContent));
        Assert.Equal("Błąd: Wpisz imię i nazwisko", Words(message.TextContent));
    }

    [Fact]
    public void TextField_InvalidValueWithError_ValueIsKept()
    {
        var cut = Render<TextField>(p => p
            .Add(x => x.Id, "ResidentPhone")
            .Add(x => x.Label, "Numer telefonu")
            .Add(x => x.Value, "600 100 20")
            .Add(x => x.Error, "Numer telefonu ma 9 cyfr, na przykład 600 100 200"));

        Assert.Equal("600 100 20", cut.Find("input").GetAttribute("value"));
    }

    [Fact]
    public void TextField_ScriptAsValue_KeptAsTheAttributeValueNeverAsMarkup()
    {
        const string typed = "<script>alert(1)</script>\" onfocus=\"alert(2)";
        var cut = Render<TextField>(p => p
            .Add(x => x.Id, "ResidentName")
            .Add(x => x.Label, "Imię i nazwisko")
            .Add(x => x.Value, typed));

        var input = cut.Find("input");
        Assert.Equal(typed, input.GetAttribute("value"));
        Assert.False(input.HasAttribute("onfocus"));
        Assert.Empty(cut.FindAll("script"));
    }
}
