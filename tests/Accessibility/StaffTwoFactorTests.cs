using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Accessibility;

/// <summary>The site as a municipality runs it: Production, where two-factor sign-in is required of every staff account.</summary>
public sealed class ProductionSiteFixture : SiteFixture
{
    protected override string Environment => "Production";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["PublicSiteUrl"] = "https://mobilny.przykladowo.example.pl",
    };
}

/// <summary>Outside Development a staff account without two-factor cannot reach /panel until it sets it up.</summary>
public sealed class StaffTwoFactorTests(BrowserFixture browser, ProductionSiteFixture site) : SiteTest(browser, site), IClassFixture<ProductionSiteFixture>
{
    [Fact]
    public async Task AccountWithoutTwoFactor_CannotReachThePanel_UntilItSetsUpAnAuthenticator_ThenNeedsTheCodeEveryTime()
    {
        const string Email = "nowa.koordynatorka@przykladowo.example.pl";
        using (var scope = Site.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = Email, Email = Email, EmailConfirmed = true, DisplayName = "Beata Nowa" };
            Assert.True((await users.CreateAsync(user, Staff.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, StaffRoles.Coordinator)).Succeeded);
        }

        await Staff.TypeCredentialsAsync(Page, Email, Staff.Password);
        await Expect(Page).ToHaveURLAsync(new Regex("/panel/konto/dwuetapowe"));
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Włącz logowanie dwuetapowe");

        // The password alone opens nothing in the panel.
        foreach (var path in new[] { "/panel", "/panel/zgloszenia", "/panel/moje-wizyty" })
        {
            await Page.GotoAsync(path);
            await Expect(Page).ToHaveURLAsync(new Regex("/panel/konto/dwuetapowe"));
        }

        var key = await Page.Locator("[data-setup-key]").GetAttributeAsync("data-setup-key");
        Assert.False(string.IsNullOrEmpty(key));
        await Page.GetByLabel("Kod z aplikacji uwierzytelniającej").FillAsync("000000");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Włącz logowanie dwuetapowe" }).ClickAsync();
        if (Staff.Totp(key!, DateTimeOffset.UtcNow) != "000000")
        {
            await Expect(Page.Locator("#kod-error")).ToHaveTextAsync("Błąd: Kod jest nieprawidłowy albo wygasł. Wpisz aktualny kod z aplikacji");
        }

        await Page.GetByLabel("Kod z aplikacji uwierzytelniającej").FillAsync(Staff.Totp(key!, DateTimeOffset.UtcNow));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Włącz logowanie dwuetapowe" }).ClickAsync();

        // Set up, the coordinator lands where they last tried to go.
        await Expect(Page).ToHaveURLAsync(new Regex("/panel/moje-wizyty$"));
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Moje wizyty");

        // Next time: password, then the code.
        await Context.ClearCookiesAsync();
        await Staff.TypeCredentialsAsync(Page, Email, Staff.Password);
        await Expect(Page).ToHaveURLAsync(new Regex("/panel/logowanie/kod"));
        await Page.GetByLabel("Kod z aplikacji uwierzytelniającej").FillAsync(Staff.Totp(key!, DateTimeOffset.UtcNow));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Potwierdź" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/panel$"));
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Panel pracowników");
    }
}
