using Bunit;

namespace MobilnyUrzednik.Components.Forms;

// ACCESSIBILITY.md: F07 (day/month/year text fields in a fieldset, numeric keyboard), F02 (hint and
// error wired, aria-invalid only while invalid), F03 (the day field carries the id the summary
// links to), F04 (what was typed is kept, even when it is not a date).
public class DateFieldTests : ComponentTestContext
{
    private IRenderedComponent<DateField> RenderDate(Action<ComponentParameterCollectionBuilder<DateField>>? more = null) =>
        Render<DateField>(p =>
        {
            p.Add(x => x.Id, "PreferredDate")
                .Add(x => x.Legend, "Kiedy najwcześniej możemy przyjść?")
                .Add(x => x.DayName, "Form.Day")
                .Add(x => x.MonthName, "Form.Month")
                .Add(x => x.YearName, "Form.Year");
            more?.Invoke(p);
        });

    [Fact]
    public void DateField_Rendered_FieldsetWithTheQuestionAsLegend()
    {
        var cut = RenderDate();

        var fieldset = cut.Find("fieldset");
        Assert.Equal("LEGEND", fieldset.FirstElementChild?.TagName);
        Assert.Equal("Kiedy najwcześniej możemy przyjść?", Words(fieldset.FirstElementChild?.TextContent));
        Assert.Equal(3, fieldset.QuerySelectorAll("input").Length);
    }

    [Fact]
    public void DateField_Rendered_ThreeNumericTextInputsNoDatePicker()
    {
        var cut = RenderDate();

        var inputs = cut.FindAll("input");
        Assert.Equal(3, inputs.Count);
        Assert.All(inputs, i =>
        {
            Assert.Equal("text", i.GetAttribute("type"));
            Assert.Equal("numeric", i.GetAttribute("inputmode"));
        });
        Assert.Empty(cut.FindAll("input[type=date]"));
    }

    [Fact]
    public void DateField_Rendered_InputsLabelledDzienMiesiacRok()
    {
        var cut = RenderDate();

        Assert.Equal(
            ["Dzień", "Miesiąc", "Rok"],
            cut.FindAll("input").Select(i => Words(cut.Find($"label[for='{i.Id}']").TextContent)));
        Assert.Equal(["Form.Day", "Form.Month", "Form.Year"], cut.FindAll("input").Select(i => i.GetAttribute("name")));
    }

    [Fact]
    public void DateField_Rendered_DayInputCarriesTheIdTheSummaryLinksTo()
    {
        var cut = RenderDate();

        Assert.Equal("Form.Day", cut.Find("#PreferredDate").GetAttribute("name"));
        Assert.Equal(3, cut.FindAll("input").Select(i => i.Id).Distinct().Count());
    }

    [Fact]
    public void DateField_Values_KeptEvenWhenNotADate()
    {
        var cut = RenderDate(p => p
            .Add(x => x.Day, "31")
            .Add(x => x.Month, "lutego")
            .Add(x => x.Year, "26")
            .Add(x => x.Error, "Wpisz datę w formacie dzień, miesiąc, rok, na przykład 3 12 2026"));

        Assert.Equal(["31", "lutego", "26"], cut.FindAll("input").Select(i => i.GetAttribute("value")));
    }

    [Fact]
    public void DateField_HintAndErrorThenFixed_InvalidOnlyWhileTheErrorShows()
    {
        var cut = RenderDate(p => p
            .Add(x => x.Hint, "Na przykład 3 12 2026")
            .Add(x => x.Day, "32")
            .Add(x => x.Month, "12")
            .Add(x => x.Year, "2026")
            .Add(x => x.Error, "Dzień musi być liczbą od 1 do 31"));

        Assert.Equal("PreferredDate-hint PreferredDate-error", cut.Find("fieldset").GetAttribute("aria-describedby"));
        Assert.Equal("Błąd: Dzień musi być liczbą od 1 do 31", Words(cut.Find("#PreferredDate-error").TextContent));
        Assert.All(cut.FindAll("input"), i => Assert.Equal("true", i.GetAttribute("aria-invalid")));

        cut.Render(p => p
            .Add(x => x.Day, "3")
            .Add(x => x.Error, null));

        Assert.Equal("PreferredDate-hint", cut.Find("fieldset").GetAttribute("aria-describedby"));
        Assert.Empty(cut.FindAll("#PreferredDate-error"));
        Assert.Empty(cut.FindAll("[aria-invalid]"));
        Assert.Equal(["3", "12", "2026"], cut.FindAll("input").Select(i => i.GetAttribute("value")));
    }
}
