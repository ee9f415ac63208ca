using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MobilnyUrzednik.Components.Layout;
using MobilnyUrzednik.Components.Status;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.PublicSite.Components.Pages.Status;

// ACCESSIBILITY.md: S02 (status in words, timeline as an ordered list with aria-current="step",
// dates written out), G02 (words and dates follow the UI language).
// The page looks a request up only on a form post, which bUnit cannot supply
// ([SupplyParameterFromForm]); so these tests take a real request through the real look-up and
// render the page's own timeline mapping in the shared StatusTimeline the page uses.
public class StatusPageTests : PublicSiteTestContext
{
    [Fact]
    public async Task StatusPage_RequestMovedOn_TimelineInWordsWithWarsawDatesAndCurrentStepLast()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        UseDatabase(database, clock);
        var code = await SubmitMovedOnAsync(database, clock);
        var view = await Services.GetRequiredService<StatusLookup>().FindAsync(code, "0200", Ct);
        Assert.NotNull(view);

        var cut = Render<StatusTimeline>(p => p.Add(x => x.Items, StatusAnswer.Timeline(view, Services.GetRequiredService<IStringLocalizer<StatusText>>())));

        Assert.Equal(
            [
                "Zgłoszenie przyjęte 22 listopada 2026, 10:00",
                "Zgłoszenie jest sprawdzane 22 listopada 2026, 11:00",
                "Wizyta umówiona 23 listopada 2026, 10:00 Przyjdziemy 3 grudnia rano.",
            ],
            cut.FindAll("ol > li").Select(li => Words(string.Join(' ', li.Children.Select(c => c.TextContent)))));
        Assert.Equal([null, null, "step"], cut.FindAll("ol > li").Select(li => li.GetAttribute("aria-current")));
    }

    [Fact]
    public async Task StatusPage_EnglishCulture_TimelineInEnglishWithEnglishDates()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        UseDatabase(database, clock);
        var code = await SubmitMovedOnAsync(database, clock);
        var view = await Services.GetRequiredService<StatusLookup>().FindAsync(code, "0200", Ct);
        Assert.NotNull(view);
        using var english = new CultureScope("en-GB");

        var cut = Render<StatusTimeline>(p => p.Add(x => x.Items, StatusAnswer.Timeline(view, Services.GetRequiredService<IStringLocalizer<StatusText>>())));

        var first = cut.Find("ol > li");
        Assert.Equal("22 November 2026, 10:00", Words(first.QuerySelector(".timeline__date")?.TextContent));
        Assert.DoesNotContain("Zgłoszenie przyjęte", first.TextContent, StringComparison.Ordinal);
    }

    // Submitted on Sunday 22 November 2026 at 10:00 Warsaw time, reviewed an hour later, the visit booked the next day.
    private static async Task<string> SubmitMovedOnAsync(TestDatabase database, FakeClock clock)
    {
        var (_, code) = await SubmitAsync(database, clock, SampleAnswers.ForSelf());
        var submittedAt = clock.GetUtcNow();
        await using var db = database.CreateDbContext();
        var request = await db.VisitRequests.Include(r => r.History).SingleAsync(r => r.TrackingCode == code, Ct);
        request.MoveTo(RequestStatus.InReview, "Anna Kowalska", null, submittedAt.AddHours(1));
        request.MoveTo(RequestStatus.VisitScheduled, "Anna Kowalska", "Przyjdziemy 3 grudnia rano.", submittedAt.AddDays(1));
        await db.SaveChangesAsync(Ct);
        return code;
    }
}
