using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.PublicSite.Components.Pages.Status;

public class StatusVisitLineTests : PublicSiteTestContext
{
    private static readonly StatusVisit Visit = new(new DateOnly(2026, 11, 24), new TimeOnly(10, 0), new TimeOnly(12, 0), "Tomasz Wiśniewski");

    [Fact]
    public void VisitLine_Polish_DayWrittenOutWithWindowAndClerk()
    {
        using var polish = new CultureScope("pl-PL");

        Assert.Equal(
            "Termin wizyty: wtorek, 24 listopada 2026, godz. 10:00–12:00. Przyjdzie: Tomasz Wiśniewski.",
            StatusPage.VisitLine(Visit, Services.GetRequiredService<IStringLocalizer<StatusText>>()));
    }

    [Fact]
    public void VisitLine_English_EnglishWordsAndDate()
    {
        using var english = new CultureScope("en-GB");

        Assert.Equal(
            "Visit: Tuesday, 24 November 2026, 10:00–12:00. The clerk who will come: Tomasz Wiśniewski.",
            StatusPage.VisitLine(Visit, Services.GetRequiredService<IStringLocalizer<StatusText>>()));
    }
}
