using Bunit;

namespace MobilnyUrzednik.Components.Forms;

// ACCESSIBILITY.md: F01 (radios in a fieldset, legend is the h1, no asterisks), F02 (group hint and
// error in aria-describedby, hidden "Błąd:", option hints wired to their own radio), F04 (the
// chosen answer comes back).
public class RadioGroupTests : ComponentTestContext
{
    private static readonly IReadOnlyList<ChoiceOption> ContactOptions =
    [
        new("PhoneCall", "Telefon"),
        new("Sms", "SMS", "Wyślemy wiadomość z dniem i godziną wizyty"),
        new("Email", "E-mail"),
    ];

    [Fact]
    public void RadioGroup_IsPageHeading_LegendHoldsTheH1()
    {
        var cut = Render<RadioGroup>(p => p
            .Add(x => x.Id, "ContactChannel")
            .Add(x => x.Legend, "Jak mamy się z Tobą kontaktować?")
            .Add(x => x.Options, ContactOptions)
            .Add(x => x.IsPageHeading, true));

        var h1 = cut.Find("fieldset > legend > h1");
        Assert.Equal("Jak mamy się z Tobą kontaktować?", Words(h1.TextContent));
        Assert.Single(cut.FindAll("h1"));
    }

    [Fact]
    public void RadioGroup_NotPageHeading_LegendIsTheQuestionWithoutHeading()
    {
        var cut = Render<RadioGroup>(p => p
            .Add(x => x.Id, "ContactChannel")
            .Add(x => x.Legend, "Jak mamy się z Tobą kontaktować?")
            .Add(x => x.Options, ContactOptions));

        Assert.Empty(cut.FindAll("h1"));
        Assert.Equal("Jak mamy się z Tobą kontaktować?", Words(cut.Find("fieldset > legend").TextContent));
    }

    [Fact]
    public void RadioGroup_Options_EveryRadioIsInTheFieldsetWithItsOwnLabel()
    {
        var cut = Render<RadioGroup>(p => p
            .Add(x => x.Id, "ContactChannel")
            .Add(x => x.Legend, "Jak mamy się z Tobą kontaktować?")
            .Add(x => x.Options, ContactOptions));

        var fieldset = cut.Find("fieldset");
        Assert.Equal("LEGEND", fieldset.FirstElementChild?.TagName);
        var radios = fieldset.QuerySelectorAll("input[type=radio]");
        Assert.Equal(3, radios.Length);
        Assert.Equal(3, cut.FindAll("input").Count);
        Assert.Equal(["Telefon", "SMS", "E-mail"], radios.Select(r => Words(cut.Find($"label[for='{r.Id}']").TextContent)));
        Assert.All(radios, r => Assert.Equal("ContactChannel", r.GetAttribute("name")));
        Assert.DoesNotContain("*", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void RadioGroup_FirstRadio_CarriesTheGroupIdTheSummaryLinksTo()
    {
        var cut = Render<RadioGroup>(p => p
            .Add(x => x.Id, "ContactChannel")
            .Add(x => x.Legend, "Jak mamy się z Tobą kontaktować?")
            .Add(x => x.Options, ContactOptions));

        Assert.Equal(["ContactChannel", "ContactChannel-2", "ContactChannel-3"], cut.FindAll("input").Select(r => r.Id));
    }

    [Fact]
    public void RadioGroup_OptionHint_DescribesOnlyItsOwnRadio()
    {
        var cut = Render<RadioGroup>(p => p
            .Add(x => x.Id, "ContactChannel")
            .Add(x => x.Legend, "Jak mamy się z Tobą kontaktować?")
            .Add(x => x.Options, ContactOptions));

        var sms = cut.Find("#ContactChannel-2");
        var hintId = sms.GetAttribute("aria-describedby");
        Assert.NotNull(hintId);
        Assert.Equal("Wyślemy wiadomość z dniem i godziną wizyty", Words(cut.Find($"#{hintId}").TextContent));
        Assert.False(cut.Find("#ContactChannel").HasAttribute("aria-describedby"));
        Assert.False(cut.Find("#ContactChannel-3").HasAttribute("aria-describedby"));
    }

    [Fact]
    public void RadioGroup_FirstOptionWithAHint_AndAGroupHint_EachHintHasItsOwnId()
    {
        // Found by the audit on "Sprawa" and "Kontakt": the first option's hint took the group hint's id, so a screen
        // reader read the question's hint for the first option instead of its own.
        IReadOnlyList<ChoiceOption> options =
        [
            new("Sms", "SMS", "Wyślemy wiadomość z dniem i godziną wizyty"),
            new("PhoneCall", "Telefon", "Zadzwonimy dzień przed wizytą"),
        ];
        var cut = Render<RadioGroup>(p => p
            .Add(x => x.Id, "ContactChannel")
            .Add(x => x.Legend, "Jak mamy się z Tobą kontaktować?")
            .Add(x => x.Hint, "Wybierz jedną odpowiedź")
            .Add(x => x.Options, options));

        var ids = cut.FindAll("[id]").Select(e => e.Id).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Equal("Wybierz jedną odpowiedź", Words(cut.Find("#" + cut.Find("fieldset").GetAttribute("aria-describedby")).TextContent));
        Assert.Equal("Wyślemy wiadomość z dniem i godziną wizyty", Words(cut.Find("#" + cut.Find("#ContactChannel").GetAttribute("aria-describedby")).TextContent));
        Assert.Equal("Zadzwonimy dzień przed wizytą", Words(cut.Find("#" + cut.Find("#ContactChannel-2").GetAttribute("aria-describedby")).TextContent));
    }

    [Fact]
    public void RadioGroup_HintAndError_FieldsetDescribedByHintThenError()
    {
        var cut = Render<RadioGroup>(p => p
            .Add(x => x.Id, "ContactChannel")
            .Add(x => x.Legend, "Jak mamy się z Tobą kontaktować?")
            .Add(x => x.Hint, "Wybierz jedną odpowiedź")
            .Add(x => x.Options, ContactOptions)
            .Add(x => x.Error, "Wybierz, jak mamy się kontaktować"));

        Assert.Equal("ContactChannel-hint ContactChannel-error", cut.Find("fieldset").GetAttribute("aria-describedby"));
        Assert.Equal("Wybierz jedną odpowiedź", Words(cut.Find("#ContactChannel-hint").TextContent));
        Assert.Equal("Błąd: Wybierz, jak mamy się kontaktować", Words(cut.Find("#ContactChannel-error").TextContent));
        Assert.Equal("Błąd:", Words(cut.Find("#ContactChannel-error .visually-hidden").TextContent));
    }

    [Fact]
    public void RadioGroup_ErrorThenAnswered_ErrorGoneFromTheDescription()
    {
        var cut = Render<RadioGroup>(p => p
            .Add(x => x.Id, "ContactChannel")
            .Add(x => x.Legend, "Jak mamy się z Tobą kontaktować?")
            .Add(x => x.Hint, "Wybierz jedną odpowiedź")
            .Add(x => x.Options, ContactOptions)
            .Add(x => x.Error, "Wybierz, jak mamy się kontaktować"));

        cut.Render(p => p
            .Add(x => x.Value, "Email")
            .Add(x => x.Error, null));

        Assert.Equal("ContactChannel-hint", cut.Find("fieldset").GetAttribute("aria-describedby"));
        Assert.Empty(cut.FindAll("#ContactChannel-error"));
        Assert.Empty(cut.FindAll("[aria-invalid]"));
    }

    [Fact]
    public void RadioGroup_Value_ThatChoiceIsCheckedAndNoOther()
    {
        var cut = Render<RadioGroup>(p => p
            .Add(x => x.Id, "ContactChannel")
            .Add(x => x.Legend, "Jak mamy się z Tobą kontaktować?")
            .Add(x => x.Options, ContactOptions)
            .Add(x => x.Value, "Sms"));

        Assert.Equal(["Sms"], cut.FindAll("input[checked]").Select(r => r.GetAttribute("value")));
    }

    [Fact]
    public void RadioGroup_NoValueOrUnknownValue_NothingChosenInAdvance()
    {
        var cut = Render<RadioGroup>(p => p
            .Add(x => x.Id, "ContactChannel")
            .Add(x => x.Legend, "Jak mamy się z Tobą kontaktować?")
            .Add(x => x.Options, ContactOptions));
        Assert.Empty(cut.FindAll("input[checked]"));

        cut.Render(p => p.Add(x => x.Value, "<script>alert(1)</script>"));
        Assert.Empty(cut.FindAll("input[checked]"));
        Assert.Empty(cut.FindAll("script"));
    }

    [Fact]
    public void RadioGroup_MarkupInLabelsAndValues_ShownAsText()
    {
        var cut = Render<RadioGroup>(p => p
            .Add(x => x.Id, "MatterSlug")
            .Add(x => x.Legend, "W jakiej sprawie?")
            .Add(x => x.Options, [new ChoiceOption("<script>alert(1)</script>", "<b>Inna</b> sprawa", "<i>opis</i>")])
            .Add(x => x.Value, "<script>alert(1)</script>"));

        var radio = cut.Find("input");
        Assert.Equal("<script>alert(1)</script>", radio.GetAttribute("value"));
        Assert.True(radio.HasAttribute("checked"));
        Assert.Equal("<b>Inna</b> sprawa", cut.Find("label").TextContent);
        Assert.Empty(cut.FindAll("script, b, i"));
    }
}
