using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MobilnyUrzednik.Components.Forms;

// ACCESSIBILITY.md: F03 (structure: "Wystąpił problem", one link per invalid field in the same words
// as inline, focusable by script and marked for mu.js), G02 (the words follow the UI language).
public class ErrorSummaryTests : ComponentTestContext
{
    private static readonly IReadOnlyList<FieldError> TwoErrors =
    [
        new("ResidentName", "Wpisz imię i nazwisko"),
        new("PostalCode", "Wpisz kod pocztowy w formacie 00-950"),
    ];

    [Fact]
    public void ErrorSummary_Errors_HeadingWystapilProblem()
    {
        var cut = Render<ErrorSummary>(p => p.Add(x => x.Errors, TwoErrors));

        Assert.Equal("Wystąpił problem", Words(cut.Find(".error-summary h2").TextContent));
    }

    [Fact]
    public void ErrorSummary_Errors_OneLinkPerErrorToItsFieldInTheSameWords()
    {
        // The links carry the page's own address: with <base href="/"> a bare "#field" would lead to the home page.
        Services.GetRequiredService<NavigationManager>().NavigateTo("/zgloszenie/adres?zmien=1");
        var cut = Render<ErrorSummary>(p => p.Add(x => x.Errors, TwoErrors));

        var links = cut.FindAll(".error-summary a");
        Assert.Equal(["/zgloszenie/adres?zmien=1#ResidentName", "/zgloszenie/adres?zmien=1#PostalCode"], links.Select(a => a.GetAttribute("href")));
        Assert.Equal(["Wpisz imię i nazwisko", "Wpisz kod pocztowy w formacie 00-950"], links.Select(a => a.TextContent));
    }

    [Fact]
    public void ErrorSummary_Errors_CanTakeFocusAndIsMarkedForTheScript()
    {
        var cut = Render<ErrorSummary>(p => p.Add(x => x.Errors, TwoErrors));

        var summary = cut.Find(".error-summary");
        Assert.Equal("-1", summary.GetAttribute("tabindex"));
        Assert.True(summary.HasAttribute("data-error-summary"));
    }

    [Fact]
    public void ErrorSummary_NoErrors_RendersNothing()
    {
        var cut = Render<ErrorSummary>(p => p.Add(x => x.Errors, []));

        Assert.Equal(string.Empty, cut.Markup.Trim());
    }

    [Fact]
    public void ErrorSummary_SameErrorAsTheField_LinkTextMatchesInlineMessageAndTargetExists()
    {
        const string message = "Numer telefonu ma 9 cyfr, na przykład 600 100 200";
        var summary = Render<ErrorSummary>(p => p.Add(x => x.Errors, [new FieldError("ResidentPhone", message)]));
        var field = Render<TextField>(p => p
            .Add(x => x.Id, "ResidentPhone")
            .Add(x => x.Label, "Numer telefonu")
            .Add(x => x.Error, message));

        var link = summary.Find(".error-summary a");
        var target = field.Find("#" + link.GetAttribute("href")!.Split('#')[1]);
        Assert.Equal("INPUT", target.TagName);
        var inline = field.Find("#ResidentPhone-error");
        var prefix = Words(inline.QuerySelector(".visually-hidden")?.TextContent);
        Assert.Equal($"{prefix} {link.TextContent}", Words(inline.TextContent));
    }

    [Fact]
    public void ErrorSummary_EnglishCulture_HeadingThereIsAProblem()
    {
        using var english = new CultureScope("en-GB");

        var cut = Render<ErrorSummary>(p => p.Add(x => x.Errors, TwoErrors));

        Assert.Equal("There is a problem", Words(cut.Find(".error-summary h2").TextContent));
    }
}
