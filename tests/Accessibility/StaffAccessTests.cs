using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.PublicSite.Components.Panel;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// Who may open what in the staff area: every protected address, for each role and for a visitor who
/// is not signed in, through real sign-in cookies over HTTP.
/// </summary>
public sealed class StaffAccessTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    /// <summary>"" is a visitor who is not signed in.</summary>
    public static TheoryData<string> Roles => new() { string.Empty, Staff.Administrator, Staff.Coordinator, Staff.Clerk };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryProtectedAddress_ForEachRole_IsAllowedOrRefusedAsThePermissionTableSays(string signedInAs)
    {
        var email = signedInAs.Length == 0 ? null : signedInAs;
        await EnsureRequestOneAsync();
        var roles = new List<string>();
        if (email is not null)
        {
            await Staff.SignInAsync(Page, email);
            var users = Site.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            roles.AddRange(await users.GetRolesAsync((await users.FindByEmailAsync(email))!));
        }

        var wrong = new List<string>();
        foreach (var (path, permission) in PanelRoutes.Protected)
        {
            var response = await Context.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
            var location = response.Headers.TryGetValue("location", out var l) ? l : string.Empty;
            string expected, actual;
            if (email is null)
            {
                expected = "sign-in";
                actual = response.Status == 302 && location.Contains(PanelRoutes.SignIn, StringComparison.Ordinal) ? "sign-in" : $"{response.Status} {location}";
            }
            else if (permission is null || StaffPermissions.Allows(roles, permission.Value))
            {
                expected = "200";
                actual = $"{response.Status}";
            }
            else
            {
                expected = "denied";
                actual = response.Status == 302 && location.Contains(PanelRoutes.AccessDenied, StringComparison.Ordinal) ? "denied" : $"{response.Status} {location}";
            }

            if (expected != actual)
            {
                wrong.Add($"{path}: expected {expected}, got {actual}");
            }
        }

        Assert.True(wrong.Count == 0, $"{email ?? "anonymous"}:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public async Task RefusedPage_ShowsAPlainAnswerWithAWayBack_AndPassesAxe()
    {
        await Staff.SignInAsync(Page, Staff.Clerk);
        var response = await Page.GotoAsync(PanelRoutes.AuditLog);

        Assert.Equal(403, response!.Status);
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Nie masz dostępu do tej strony");
        await Expect(Page).ToHaveTitleAsync("Nie masz dostępu do tej strony" + Staff.TitleSuffix);
        await Axe.CheckAsync(Page, "brak dostępu");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Przejdź do strony głównej panelu" }).ClickAsync();
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Panel pracowników");
    }

    [Fact]
    public async Task StartPage_ListsOnlyWhatTheRoleMayOpen_AndPassesAxe()
    {
        await Staff.SignInAsync(Page, Staff.Clerk);
        var links = Page.Locator("main ul.panel-home a");
        await Expect(links).ToHaveTextAsync(["Moje wizyty"]);
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Panel" }).GetByRole(AriaRole.Link)).ToHaveTextAsync(["Moje wizyty"]);
        await Axe.CheckAsync(Page, "panel: urzędnik");

        await Context.ClearCookiesAsync();
        await Staff.SignInAsync(Page, Staff.Administrator);
        await Expect(links).ToHaveCountAsync(13);
        await Axe.CheckAsync(Page, "panel: administrator");
    }

    [Fact]
    public async Task PanelPages_AfterThePublicSiteWasSwitchedToEnglish_SayTheyArePolish()
    {
        // The audit: a staff member whose browser kept the public site's English choice got lang="en" on Polish pages.
        await Page.GotoAsync("/status");
        await Page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await Staff.SignInAsync(Page, Staff.Administrator);
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "pl");
        await Page.GotoAsync(PanelRoutes.Inbox);
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Zgłoszenia");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "pl");
        await Page.GotoAsync("/panel/logowanie");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "pl");
    }

    [Fact]
    public async Task PanelMenu_InHighContrast_FocusedLinksKeepTheirContrast()
    {
        // The audit: focused links in the panel's menu were yellow on cyan (1.17:1) in the high-contrast theme.
        await Page.GotoAsync("/wyglad?powrot=%2Fstatus");
        await Journey.ChooseAsync(Page, "Wysoki kontrast: jasny tekst na czarnym tle");
        await Journey.Button(Page, "Zapisz wybór").ClickAsync();
        await Staff.SignInAsync(Page, Staff.Administrator);
        await Expect(Page.Locator("html")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bcontrast-high\b"));

        var (low, measured) = await FocusContrast.BelowAsync(Page, "header", 7, maxTabs: 25);
        Assert.True(measured >= 10, $"Only {measured} focusable elements in the panel's header and menu were reached with Tab.");
        Assert.True(low.Count == 0, "Focused panel links below 7:1 in high contrast: " + string.Join("; ", low));
    }

    [Fact]
    public async Task PanelPage_BeforeItsLiveConnection_AlreadyHasATitle()
    {
        // The audit: the panel's interactive pages had no <title> until the live connection rendered.
        await Staff.SignInAsync(Page, Staff.Administrator);
        await Page.RouteAsync("**/_blazor/**", route => route.AbortAsync());
        await Page.GotoAsync(PanelRoutes.Inbox);
        await Expect(Page).ToHaveTitleAsync("Panel pracowników" + Staff.TitleSuffix);

        await Page.UnrouteAllAsync();
        await Page.ReloadAsync();
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Zgłoszenia");
        await Expect(Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Zgłoszenia"));
        Assert.Equal(1, await Page.Locator("head title").CountAsync());
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(768)]
    public async Task PanelTables_NeverBreakAWordInTheMiddle(int width)
    {
        // The audit: tables broke words at every width ("Miejscow|ość", tracking codes split in two) because every cell
        // could wrap anywhere. A table too wide for the screen scrolls sideways in its wrapper instead.
        await EnsureRequestOneAsync();
        await Page.SetViewportSizeAsync(width, 900);
        await Staff.SignInAsync(Page, Staff.Administrator);
        await Page.GotoAsync(PanelRoutes.Inbox);
        await Expect(Page.Locator("table.table tbody tr").First).ToBeVisibleAsync();

        var broken = await Page.EvaluateAsync<string[]>("""
            () => {
                const broken = [];
                for (const cell of document.querySelectorAll('table.table th, table.table td')) {
                    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                        for (const m of node.textContent.matchAll(/\S+/g)) {
                            const range = document.createRange();
                            range.setStart(node, m.index);
                            range.setEnd(node, m.index + m[0].length);
                            const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                            if (lines.size > 1) broken.push(m[0]);
                        }
                    }
                }
                return broken;
            }
            """);
        Assert.True(broken.Length == 0, $"Words broken across lines at {width} px: {string.Join(", ", broken)}");
    }

    private async Task EnsureRequestOneAsync()
    {
        await using var db = Site.OpenDatabase();
        if (!db.VisitRequests.Any(r => r.Id == 1))
        {
            Assert.Equal(1, await Staff.CreateRequestAsync(Site));
        }
    }
}
