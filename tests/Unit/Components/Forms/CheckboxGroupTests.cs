using Bunit;

namespace MobilnyUrzednik.Components.Forms;

// ACCESSIBILITY.md: F01 (boxes in a fieldset, legend is the h1, "(opcjonalnie)", no asterisks),
// F02 (aria-describedby, hidden "Błąd:", box hints wired to their own box), F04 (ticks kept).
public class CheckboxGroupTests : ComponentTestContext
{
    private static IReadOnlyList<CheckboxOption> Needs(bool callFirst = false, bool wheelchair = false) =>
    [
        new("NeedsCallBeforeVisit", "NeedsCallBeforeVisit", "Proszę zadzwonić przed wizytą", callFirst, "Na przykład gdy domofon nie działa"),
        new("UsesWheelchair", "UsesWheelchair", "Poruszam się na wózku", wheelchair),
    ];

    [Fact]
    public void CheckboxGroup_IsPageHeading_LegendHoldsTheH1()
    {
        var cut = Render<CheckboxGroup>(p => p
            .Add(x => x.Id, "AccessNeeds")
            .Add(x => x.Legend, "Czego potrzebujesz podczas wizyty?")
            .Add(x => x.Items, Needs())
            .Add(x => x.IsPageHeading, true));

        Assert.Equal("Czego potrzebujesz podczas wizyty?", Words(cut.Find("fieldset > legend > h1").TextContent));
        Assert.Single(cut.FindAll("h1"));
    }

    [Fact]
    public void CheckboxGroup_Optional_LegendSaysOpcjonalnieAndNoAsterisk()
    {
        var cut = Render<CheckboxGroup>(p => p
            .Add(x => x.Id, "AccessNeeds")
            .Add(x => x.Legend, "Czego potrzebujesz podczas wizyty?")
            .Add(x => x.Items, Needs())
            .Add(x => x.IsPageHeading, true)
            .Add(x => x.Optional, true));

        Assert.Equal("Czego potrzebujesz podczas wizyty? (opcjonalnie)", Words(cut.Find("legend").TextContent));
        Assert.DoesNotContain("*", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckboxGroup_OptionalNotPageHeading_LegendStillSaysOpcjonalnie()
    {
        var cut = Render<CheckboxGroup>(p => p
            .Add(x => x.Id, "AccessNeeds")
            .Add(x => x.Legend, "Potrzeby")
            .Add(x => x.Items, Needs())
            .Add(x => x.Optional, true));

        Assert.Empty(cut.FindAll("h1"));
        Assert.Equal("Potrzeby (opcjonalnie)", Words(cut.Find("legend").TextContent));
    }

    [Fact]
    public void CheckboxGroup_Items_EveryBoxIsInTheFieldsetWithItsOwnLabel()
    {
        var cut = Render<CheckboxGroup>(p => p
            .Add(x => x.Id, "AccessNeeds")
            .Add(x => x.Legend, "Czego potrzebujesz podczas wizyty?")
            .Add(x => x.Items, Needs()));

        var fieldset = cut.Find("fieldset");
        Assert.Equal("LEGEND", fieldset.FirstElementChild?.TagName);
        var boxes = fieldset.QuerySelectorAll("input[type=checkbox]");
        Assert.Equal(2, boxes.Length);
        Assert.Equal(2, cut.FindAll("input").Count);
        Assert.Equal(
            ["Proszę zadzwonić przed wizytą", "Poruszam się na wózku"],
            boxes.Select(b => Words(cut.Find($"label[for='{b.Id}']").TextContent)));
        Assert.Equal(["NeedsCallBeforeVisit", "UsesWheelchair"], boxes.Select(b => b.GetAttribute("name")));
    }

    [Fact]
    public void CheckboxGroup_ItemHint_DescribesOnlyItsOwnBox()
    {
        var cut = Render<CheckboxGroup>(p => p
            .Add(x => x.Id, "AccessNeeds")
            .Add(x => x.Legend, "Czego potrzebujesz podczas wizyty?")
            .Add(x => x.Items, Needs()));

        var hintId = cut.Find("#NeedsCallBeforeVisit").GetAttribute("aria-describedby");
        Assert.NotNull(hintId);
        Assert.Equal("Na przykład gdy domofon nie działa", Words(cut.Find($"#{hintId}").TextContent));
        Assert.False(cut.Find("#UsesWheelchair").HasAttribute("aria-describedby"));
    }

    [Fact]
    public void CheckboxGroup_HintAndErrorThenFixed_DescribedByFollowsTheError()
    {
        var cut = Render<CheckboxGroup>(p => p
            .Add(x => x.Id, "AccessNeeds")
            .Add(x => x.Legend, "Czego potrzebujesz podczas wizyty?")
            .Add(x => x.Hint, "Zaznacz wszystko, co pasuje")
            .Add(x => x.Items, Needs())
            .Add(x => x.Error, "Zaznacz, czego potrzebujesz"));

        Assert.Equal("AccessNeeds-hint AccessNeeds-error", cut.Find("fieldset").GetAttribute("aria-describedby"));
        Assert.Equal("Błąd: Zaznacz, czego potrzebujesz", Words(cut.Find("#AccessNeeds-error").TextContent));
        Assert.Equal("Błąd:", Words(cut.Find("#AccessNeeds-error .visually-hidden").TextContent));

        cut.Render(p => p
            .Add(x => x.Items, Needs(callFirst: true))
            .Add(x => x.Error, null));

        Assert.Equal("AccessNeeds-hint", cut.Find("fieldset").GetAttribute("aria-describedby"));
        Assert.Empty(cut.FindAll("#AccessNeeds-error"));
    }

    [Fact]
    public void CheckboxGroup_TickedBoxes_StayTicked()
    {
        var cut = Render<CheckboxGroup>(p => p
            .Add(x => x.Id, "AccessNeeds")
            .Add(x => x.Legend, "Czego potrzebujesz podczas wizyty?")
            .Add(x => x.Items, Needs(wheelchair: true))
            .Add(x => x.Error, "Zaznacz, czego potrzebujesz"));

        Assert.Equal(["UsesWheelchair"], cut.FindAll("input[checked]").Select(b => b.Id));
        Assert.All(cut.FindAll("input"), b => Assert.Equal("true", b.GetAttribute("value")));
    }

    [Fact]
    public void CheckboxGroup_MarkupInLabel_ShownAsText()
    {
        var cut = Render<CheckboxGroup>(p => p
            .Add(x => x.Id, "AccessNeeds")
            .Add(x => x.Legend, "<script>alert(1)</script>")
            .Add(x => x.Items, [new CheckboxOption("Other", "Other", "<b>Inne</b>", true)]));

        Assert.Equal("<b>Inne</b>", cut.Find("label").TextContent);
        Assert.Equal("<script>alert(1)</script>", Words(cut.Find("legend").TextContent));
        Assert.Empty(cut.FindAll("script, b"));
    }
}
