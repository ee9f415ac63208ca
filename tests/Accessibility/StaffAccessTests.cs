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

    private async Task EnsureRequestOneAsync()
    {
        await using var db = Site.OpenDatabase();
        if (!db.VisitRequests.Any(r => r.Id == 1))
        {
            Assert.Equal(1, await Staff.CreateRequestAsync(Site));
        }
    }
}
