using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MobilnyUrzednik.Accessibility;

/// <summary>The site with the production minimum fill time (8 s) on a clock the test moves.</summary>
public sealed class ManualClockSiteFixture : SiteFixture
{
    public ManualClock Clock { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Abuse:MinimumFillSeconds"] = new Core.Security.AbuseOptions().MinimumFillSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>
/// Abuse without puzzles (issue 6): a request sent sooner than a person could fill it in, or with the hidden field a
/// script fills, is held back with a plain message; nothing typed is lost, and a person simply sends again.
/// </summary>
public sealed class FormGuardTests(BrowserFixture browser, ManualClockSiteFixture site) : SiteTest(browser, site), IClassFixture<ManualClockSiteFixture>
{
    private const string SendAgain = "Zgłoszenie nie zostało jeszcze wysłane. Sprawdź odpowiedzi powyżej i naciśnij „Wyślij zgłoszenie” jeszcze raz.";

    [Fact]
    public async Task SentFasterThanAPersonCould_IsHeldBackWithAMessage_ThenSentOnceTimeHasPassed()
    {
        var answers = new JourneyAnswers { ResidentName = "Bogumiła Szybka" };
        await Journey.WalkToCheckAsync(Page, answers, axe: false);

        // The clock has not moved since the first question: no person is this fast.
        await Journey.Button(Page, "Wyślij zgłoszenie").ClickAsync();
        await Expect(Page).ToHaveTitleAsync(new Regex("^Błąd: "));
        var summary = Page.Locator("[data-error-summary]");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary).ToContainTextAsync(SendAgain);
        await Expect(Page.Locator("main")).ToContainTextAsync("Bogumiła Szybka");
        await Axe.CheckAsync(Page, "wysłane za szybko");
        await using (var db = Site.OpenDatabase())
        {
            Assert.False(await db.VisitRequests.AnyAsync(r => r.ResidentName == "Bogumiła Szybka", TestContext.Current.CancellationToken));
        }

        // The summary's link leads to the send button; a person who sends again a little later gets through.
        await summary.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Journey.Button(Page, "Wyślij zgłoszenie")).ToBeFocusedAsync();
        site.Clock.Advance(TimeSpan.FromSeconds(9));
        var code = await Journey.SendAsync(Page);
        Assert.Matches(Journey.CodePattern, code);
    }

    [Fact]
    public async Task HiddenFieldFilledByAScript_IsHeldBack_AndIsInvisibleToPeople()
    {
        var answers = new JourneyAnswers { ResidentName = "Robert Skryptowy" };
        await Journey.WalkToCheckAsync(Page, answers, axe: false);
        site.Clock.Advance(TimeSpan.FromMinutes(5));

        // People cannot see it, reach it with Tab, or hear it.
        var trap = Page.Locator("#strona_www");
        await Expect(trap).ToBeHiddenAsync();
        await Expect(Page.GetByRole(AriaRole.Textbox, new() { Name = "Zostaw to pole puste" })).ToHaveCountAsync(0);
        Assert.Equal("-1", await trap.GetAttributeAsync("tabindex"));

        await trap.EvaluateAsync("el => el.value = 'http://tanie-leki.example'");
        await Journey.Button(Page, "Wyślij zgłoszenie").ClickAsync();
        await Expect(Page.Locator("[data-error-summary]")).ToContainTextAsync(SendAgain);
        await using var db = Site.OpenDatabase();
        Assert.False(await db.VisitRequests.AnyAsync(r => r.ResidentName == "Robert Skryptowy", TestContext.Current.CancellationToken));
    }
}
