using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.PublicSite.Components.Panel;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// Staff sessions end on the server, on a server clock the test moves: a minute's warning with "Kontynuuj", the idle
/// time-out, the 12-hour limit, and an open page that can change nothing once its session ended — whatever its scripts
/// do. After signing in again the staff member is back on their page with what they had typed.
/// </summary>
public sealed class StaffSessionTests(BrowserFixture browser, StaffClockSiteFixture site) : SiteTest(browser, site), IClassFixture<StaffClockSiteFixture>
{
    private const string Note = "Proszę przygotować dowód osobisty i zdjęcie.";

    private ManualClock Clock => site.Clock;

    private ILocator Warning => Page.GetByRole(AriaRole.Alertdialog, new() { Name = "Czy nadal pracujesz?" });

    [Fact]
    public async Task IdlePage_WarnsAMinuteBefore_KontynuujKeepsItOpen_ThenItEnds_AndSigningInAgainBringsBackThePageAndTheNote()
    {
        var id = await Staff.CreateRequestAsync(Site);
        await Staff.SignInAsync(Page, Staff.Coordinator);
        await Page.GotoAsync(PanelRoutes.Request(id));
        var note = Page.Locator("#ReviewNote");
        await note.FillAsync(Note);
        await Expect(note).ToBeFocusedAsync();

        // 28 minutes without input: nothing yet. At 29, a minute before the end, the warning, with focus on "Kontynuuj".
        Clock.Advance(TimeSpan.FromMinutes(28));
        await Expect(Page.Locator("[data-session-warning]")).ToHaveCountAsync(0);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Expect(Warning).ToBeVisibleAsync();
        await Expect(Warning).ToContainTextAsync("Za minutę zakończymy sesję");
        var keep = Warning.GetByRole(AriaRole.Button, new() { Name = "Kontynuuj" });
        await Expect(keep).ToBeFocusedAsync();
        await Axe.CheckAsync(Page, "ostrzeżenie przed końcem sesji");
        await Page.SetViewportSizeAsync(320, 640);
        Assert.True(
            await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the session warning scrolls sideways at 320 px");
        await Expect(keep).ToBeInViewportAsync();

        // "Kontynuuj" by keyboard: the warning closes, focus goes back to the note, the session has 30 minutes again.
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Warning).ToHaveCountAsync(0);
        await Expect(note).ToBeFocusedAsync();
        Clock.Advance(TimeSpan.FromMinutes(28));
        await Expect(Page.Locator("[data-session-warning]")).ToHaveCountAsync(0);
        await Expect(Page).ToHaveURLAsync(new Regex($"/panel/zgloszenia/{id}$"));

        // No answer this time: the session ends and says so.
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Expect(Warning).ToBeVisibleAsync();
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Expect(Page).ToHaveURLAsync(new Regex("/panel/logowanie\\?wygaslo=1&powrot="));
        await Expect(Page.Locator("main .notice")).ToHaveTextAsync("Sesja się skończyła. Zaloguj się ponownie.");
        Assert.Equal(302, (await Context.APIRequest.GetAsync("/panel", new() { MaxRedirects = 0 })).Status);
        await Axe.CheckAsync(Page, "sesja zakończona z powrotem");

        // Signed in again: the same page, the note as it was, nothing sent meanwhile.
        await Staff.FillCredentialsAsync(Page, Staff.Coordinator, Staff.Password);
        await Expect(Page).ToHaveURLAsync(new Regex($"/panel/zgloszenia/{id}$"));
        await Expect(Page.Locator("#ReviewNote")).ToHaveValueAsync(Note);
        Assert.Equal(RequestStatus.Submitted, await StatusAsync(id));
    }

    [Fact]
    public async Task AnOpenPageWhoseSessionEnded_ChangesNothing_EvenIfNothingToldItSo()
    {
        var id = await Staff.CreateRequestAsync(Site);
        await Staff.SignInAsync(Page, Staff.Coordinator);
        await Page.GotoAsync(PanelRoutes.Request(id));
        await Page.Locator("#ReviewNote").FillAsync(Note);

        // Signed out in another tab: the open page has not heard, its button is still there.
        var other = await Context.NewPageAsync();
        await other.GotoAsync(PanelRoutes.Home);
        await other.GetByRole(AriaRole.Button, new() { Name = "Wyloguj się" }).ClickAsync();
        await Expect(other).ToHaveURLAsync(new Regex("/panel/logowanie\\?wylogowano=1$"));

        await Page.GetByRole(AriaRole.Button, new() { Name = "Przyjmij do rozpatrzenia" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/panel/logowanie\\?wygaslo=1&powrot="));
        Assert.Equal(RequestStatus.Submitted, await StatusAsync(id));

        // The note was not lost either.
        await Staff.FillCredentialsAsync(Page, Staff.Coordinator, Staff.Password);
        await Expect(Page.Locator("#ReviewNote")).ToHaveValueAsync(Note);
    }

    [Fact]
    public async Task WithThePanelScriptBlocked_TheSessionStillEndsOnTime_AndThePageMovesNothingAfter()
    {
        await Context.RouteAsync(new Regex("/panel[^/]*\\.js"), route => route.AbortAsync());
        var id = await Staff.CreateRequestAsync(Site);
        await Staff.SignInAsync(Page, Staff.Coordinator);
        await Page.GotoAsync(PanelRoutes.Request(id));
        var review = Page.GetByRole(AriaRole.Button, new() { Name = "Przyjmij do rozpatrzenia" });
        await Expect(review).ToBeVisibleAsync();

        Clock.Advance(TimeSpan.FromMinutes(31));
        try
        {
            // Whatever is still on the screen: a click after the end changes nothing.
            await review.ClickAsync(new() { Timeout = 2000 });
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            // The page had already left.
        }

        await Expect(Page).ToHaveURLAsync(new Regex("/panel/logowanie\\?wygaslo=1"));
        Assert.Equal(RequestStatus.Submitted, await StatusAsync(id));
        Assert.Equal(302, (await Context.APIRequest.GetAsync("/panel", new() { MaxRedirects = 0 })).Status);
    }

    [Fact]
    public async Task ASession_EndsTwelveHoursAfterSignIn_HoweverBusy()
    {
        await Staff.SignInAsync(Page, Staff.Coordinator);

        // No staff page stays open in the browser: the sign-in page of a signed-in person carries the session guard, whose
        // own request after the limit ended the session and removed the cookie before the last request below now and
        // then (CI: sent to the sign-in page without "wygaslo=1"). The requests below are the only ones.
        await Page.GotoAsync("about:blank");

        // Busy all day: a page every 29 minutes keeps the idle time-out away, not the limit.
        var elapsed = TimeSpan.Zero;
        while (elapsed + TimeSpan.FromMinutes(29) < TimeSpan.FromHours(12))
        {
            Clock.Advance(TimeSpan.FromMinutes(29));
            elapsed += TimeSpan.FromMinutes(29);
            Assert.Equal(200, (await Context.APIRequest.GetAsync(PanelRoutes.Inbox, new() { MaxRedirects = 0 })).Status);
        }

        Clock.Advance(TimeSpan.FromHours(12) - elapsed);
        var response = await Context.APIRequest.GetAsync(PanelRoutes.Inbox, new() { MaxRedirects = 0 });
        Assert.Equal(302, response.Status);
        var location = response.Headers["location"];
        Assert.True(Regex.IsMatch(location, "/panel/logowanie\\?powrot=.*&wygaslo=1$"), "Sent to: " + location);
    }

    private async Task<RequestStatus> StatusAsync(int id)
    {
        await using var db = Site.OpenDatabase();
        return (await db.VisitRequests.AsNoTracking().SingleAsync(r => r.Id == id, TestContext.Current.CancellationToken)).Status;
    }
}
