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

/// <summary>
/// Outside Development: an account without two-factor reaches nothing until it sets it up; the key is shown that once;
/// each code counts once and only within ±30 s; wrong passwords lock nobody out who has the password and the phone;
/// a stranger learns nothing about which e-mail addresses have accounts. On a server clock the test moves.
/// </summary>
public sealed class StaffTwoFactorTests(BrowserFixture browser, ManualClockProductionSiteFixture site) : SiteTest(browser, site), IClassFixture<ManualClockProductionSiteFixture>
{
    private const string CodeLabel = "Kod z aplikacji uwierzytelniającej";
    private const string CodeWrong = "Błąd: Kod jest nieprawidłowy, wygasł albo był już użyty. Wpisz następny kod z aplikacji";

    private ManualClock Clock => site.Clock;

    [Fact]
    public async Task AccountWithoutTwoFactor_CannotReachThePanel_UntilItSetsUpAnAuthenticator_ThenNeedsTheCodeEveryTime()
    {
        var email = $"nowa-{Guid.NewGuid():N}@przykladowo.example.pl";
        await site.CreateStaffAsync(email, withAuthenticator: false);

        await Staff.TypeCredentialsAsync(Page, email, Staff.StrongPassword);
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
        var wrong = Staff.Totp(key!, Clock.GetUtcNow()) == "000000" ? "111111" : "000000";
        await Page.GetByLabel(CodeLabel).FillAsync(wrong);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Włącz logowanie dwuetapowe" }).ClickAsync();
        await Expect(Page.Locator("#kod-error")).ToContainTextAsync("Kod jest nieprawidłowy");

        await Page.GetByLabel(CodeLabel).FillAsync(Staff.Totp(key!, Clock.GetUtcNow()));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Włącz logowanie dwuetapowe" }).ClickAsync();

        // Set up, the coordinator lands where they last tried to go.
        await Expect(Page).ToHaveURLAsync(new Regex("/panel/moje-wizyty$"));
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Moje wizyty");

        // The key is never shown again: not to them, not to anyone at their open session.
        await Page.GotoAsync("/panel/konto/dwuetapowe");
        await Expect(Page.Locator("main")).ToContainTextAsync("Logowanie dwuetapowe jest już włączone. Klucza nie pokazujemy drugi raz.");
        await Expect(Page.Locator("[data-setup-key]")).ToHaveCountAsync(0);
        Assert.DoesNotContain(key!, await Page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
        await Axe.CheckAsync(Page, "dwuetapowe: już włączone");

        // Next time: password, then the code (the next one: the one used to set up counts once).
        Clock.Advance(TimeSpan.FromSeconds(30));
        await Context.ClearCookiesAsync();
        await Staff.TypeCredentialsAsync(Page, email, Staff.StrongPassword);
        await Expect(Page).ToHaveURLAsync(new Regex("/panel/logowanie/kod"));
        await Page.GetByLabel(CodeLabel).FillAsync(Staff.Totp(key!, Clock.GetUtcNow()));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Potwierdź" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/panel$"));
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Panel pracowników");
    }

    [Fact]
    public async Task ACode_CountsOnce_AndOnlyWithinThirtySeconds()
    {
        var email = $"kod-{Guid.NewGuid():N}@przykladowo.example.pl";
        var key = (await site.CreateStaffAsync(email))!;
        var used = Staff.Totp(key, Clock.GetUtcNow());
        await SignInWithCodeAsync(email, used);
        await Expect(Page).ToHaveURLAsync(new Regex("/panel$"));

        // Seen over a shoulder, the same code opens nothing, even a second later.
        await Context.ClearCookiesAsync();
        await SignInWithCodeAsync(email, used);
        await Expect(Page.Locator("#kod-error")).ToHaveTextAsync(CodeWrong);

        // A code from a minute ago or a minute ahead is refused; the phone's clock may be 30 s off either way.
        Clock.Advance(TimeSpan.FromSeconds(30));
        foreach (var offset in new[] { -60, 60 })
        {
            await Page.GetByLabel(CodeLabel).FillAsync(Staff.Totp(key, Clock.GetUtcNow().AddSeconds(offset)));
            await Page.GetByRole(AriaRole.Button, new() { Name = "Potwierdź" }).ClickAsync();
            await Expect(Page.Locator("#kod-error")).ToHaveTextAsync(CodeWrong);
        }

        await Page.GetByLabel(CodeLabel).FillAsync(Staff.Totp(key, Clock.GetUtcNow().AddSeconds(30)));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Potwierdź" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/panel$"));
    }

    [Fact]
    public async Task FiveWrongPasswordsByAStranger_DoNotLockTheOwnerOut_WhoSignsInWithPasswordAndCode()
    {
        var email = $"celownik-{Guid.NewGuid():N}@przykladowo.example.pl";
        var key = (await site.CreateStaffAsync(email))!;
        await using (var stranger = await Page.Context.Browser!.NewContextAsync(new() { BaseURL = Site.BaseAddress.ToString(), Locale = "pl-PL" }))
        {
            var page = await stranger.NewPageAsync();
            for (var i = 0; i < 5; i++)
            {
                await Staff.TypeCredentialsAsync(page, email, "zgaduje-haslo-" + i);
            }

            // The stranger's right guess would not even tell them it was right: without the code the answer is the same.
            await Staff.TypeCredentialsAsync(page, email, Staff.StrongPassword);
            await Expect(page.Locator("#kod-error")).ToContainTextAsync("wymaga hasła i kodu z aplikacji naraz");
            await Expect(page).ToHaveURLAsync(new Regex("/panel/logowanie$"));
        }

        // The owner is asked for both at once, and is in.
        Clock.Advance(TimeSpan.FromSeconds(30));
        await Staff.TypeCredentialsAsync(Page, email, Staff.StrongPassword);
        await Expect(Page.Locator("#kod-error")).ToContainTextAsync("wymaga hasła i kodu z aplikacji naraz");
        await Axe.CheckAsync(Page, "logowanie: hasło i kod razem");
        await Staff.FillCredentialsAsync(Page, email, Staff.StrongPassword, Staff.Totp(key, Clock.GetUtcNow()));
        await Expect(Page).ToHaveURLAsync(new Regex("/panel$"));
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Panel pracowników");
    }

    [Fact]
    public async Task AnUnknownEmailAddress_GetsTheSameAnswer_AfterTheSameWork()
    {
        var email = $"jest-{Guid.NewGuid():N}@przykladowo.example.pl";
        await site.CreateStaffAsync(email);
        var answers = new Dictionary<string, List<string>>();
        foreach (var address in new[] { email, $"nie-ma-{Guid.NewGuid():N}@przykladowo.example.pl" })
        {
            var list = answers[address] = [];
            for (var i = 0; i < 6; i++)
            {
                var before = site.Hasher.Verifications;
                await Staff.TypeCredentialsAsync(Page, address, "zle-haslo-nr-" + i);
                await Expect(Page.Locator("[data-error-summary] a")).ToHaveCountAsync(1);
                list.Add(await Page.Locator("[data-error-summary] a").InnerTextAsync());

                // A password hash was checked for the unknown address too: no shortcut to time.
                Assert.Equal(before + 1, site.Hasher.Verifications);
            }
        }

        Assert.Equal(answers.Values.First(), answers.Values.Last());
    }

    [Fact]
    public async Task TheDemoPassword_OpensNothingOutsideDevelopment_EvenWhereAnAccountStillHasIt()
    {
        var email = $"demo-{Guid.NewGuid():N}@przykladowo.example.pl";
        using (var scope = Site.Services.CreateScope())
        {
            // An account carried over from a development database: its hash is of the demo password.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Stare Demo" };
            Assert.True((await users.CreateAsync(user)).Succeeded);
            user.PasswordHash = users.PasswordHasher.HashPassword(user, Staff.Password);
            Assert.True((await users.UpdateAsync(user)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, StaffRoles.Administrator)).Succeeded);
        }

        await Staff.TypeCredentialsAsync(Page, email, Staff.Password);
        await Expect(Page.Locator("#email-error")).ToHaveTextAsync("Błąd: Adres e-mail lub hasło są nieprawidłowe");
        Assert.Equal(302, (await Context.APIRequest.GetAsync("/panel", new() { MaxRedirects = 0 })).Status);
    }

    // In Production an error is a page of its own: the end of a session must never look like one.
    [Fact]
    public async Task InProduction_AnIdleSessionEnds_OnTheSessionEndedPage_AndSoDoesSigningOutAfterIt()
    {
        var email = $"bezczynna-{Guid.NewGuid():N}@przykladowo.example.pl";
        var key = (await site.CreateStaffAsync(email))!;
        Clock.Advance(TimeSpan.FromSeconds(30));
        await SignInWithCodeAsync(email, Staff.Totp(key, Clock.GetUtcNow()));
        await Expect(Page).ToHaveURLAsync(new Regex("/panel$"));
        var statuses = new List<int>();
        Page.Response += (_, r) => { if (r.Request.IsNavigationRequest) statuses.Add(r.Status); };

        Clock.Advance(TimeSpan.FromMinutes(31));
        await Expect(Page).ToHaveURLAsync(new Regex("/panel/logowanie\\?wygaslo=1"));
        await Expect(Page.Locator("main .notice")).ToHaveTextAsync("Sesja się skończyła. Zaloguj się ponownie.");
        await Expect(Page).ToHaveTitleAsync("Logowanie do panelu" + Staff.TitleSuffix);
        Assert.DoesNotContain(statuses, s => s >= 400);

        // A second tab still showing the panel signs out after the session ended: the same page, not an error.
        Clock.Advance(TimeSpan.FromSeconds(30));
        await SignInWithCodeAsync(email, Staff.Totp(key, Clock.GetUtcNow()));
        await Expect(Page).ToHaveURLAsync(new Regex("/panel$"));
        var other = await Context.NewPageAsync();
        await other.GotoAsync("/panel/konto/haslo");
        // The other tab's page is live (its session guard has looked at the session) before this tab signs out.
        await Expect(other.Locator("[data-session-guard]")).ToBeAttachedAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Wyloguj się" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/panel/logowanie\\?wylogowano=1$"));
        var otherStatuses = new List<int>();
        other.Response += (_, r) => { if (r.Request.IsNavigationRequest) otherStatuses.Add(r.Status); };
        await other.GetByRole(AriaRole.Button, new() { Name = "Wyloguj się" }).ClickAsync();
        await Expect(other).ToHaveURLAsync(new Regex("/panel/logowanie\\?wygaslo=1$"));
        await Expect(other.Locator("main .notice")).ToHaveTextAsync("Sesja się skończyła. Zaloguj się ponownie.");
        Assert.DoesNotContain(otherStatuses, s => s >= 400);
    }

    private async Task SignInWithCodeAsync(string email, string code)
    {
        await Staff.TypeCredentialsAsync(Page, email, Staff.StrongPassword);
        await Expect(Page).ToHaveURLAsync(new Regex("/panel/logowanie/kod"));
        await Page.GetByLabel(CodeLabel).FillAsync(code);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Potwierdź" }).ClickAsync();
    }
}
