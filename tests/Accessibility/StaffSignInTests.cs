using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Accessibility;

/// <summary>A site whose open sessions re-check their account every two seconds instead of every minute.</summary>
public sealed class QuickRevalidationSiteFixture : SiteFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Staff:RevalidationInterval"] = "00:00:02",
    };
}

/// <summary>Signing in: wrong passwords lock the e-mail address, a disabled account loses an open page, and every state passes axe.</summary>
public sealed class StaffSignInTests(BrowserFixture browser, QuickRevalidationSiteFixture site) : SiteTest(browser, site), IClassFixture<QuickRevalidationSiteFixture>
{
    [Fact]
    public async Task SignInPage_EmptyAndWrong_ShowsLinkedErrorsAndPassesAxe()
    {
        await Page.GotoAsync("/panel/logowanie");
        await Expect(Page).ToHaveTitleAsync("Logowanie do panelu" + Staff.TitleSuffix);
        await Axe.CheckAsync(Page, "logowanie");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Zaloguj się" }).ClickAsync();
        await Expect(Page).ToHaveTitleAsync("Błąd: Logowanie do panelu" + Staff.TitleSuffix);
        await Expect(Page.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await Expect(Page.Locator("[data-error-summary] a")).ToHaveTextAsync(["Wpisz adres e-mail", "Wpisz hasło"]);
        await Axe.CheckAsync(Page, "logowanie: puste");

        await Staff.TypeCredentialsAsync(Page, Staff.Coordinator, "zle-haslo-calkiem");
        await Expect(Page.Locator("#email-error")).ToHaveTextAsync("Błąd: Adres e-mail lub hasło są nieprawidłowe");
        await Expect(Page.GetByRole(AriaRole.Textbox, new() { Name = "Adres e-mail", Exact = true })).ToHaveValueAsync(Staff.Coordinator);
        await Axe.CheckAsync(Page, "logowanie: złe hasło");
    }

    [Fact]
    public async Task SignIn_ByKeyboardAlone_ReachesThePanel()
    {
        await Page.GotoAsync("/panel/logowanie");
        await Page.Keyboard.PressAsync("Tab"); // skip link
        await Page.Keyboard.PressAsync("Tab"); // panel name link
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.GetByRole(AriaRole.Textbox, new() { Name = "Adres e-mail", Exact = true })).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(Staff.Coordinator);
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.GetByLabel("Hasło", new() { Exact = true })).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(Staff.Password);
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(new Regex("/panel$"));
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Panel pracowników");
        await Expect(Page.Locator("main")).ToContainTextAsync("Dzień dobry, Anna Kowalska.");
    }

    // Five wrong passwords lock the e-mail address, a real one or not, in the same words: the lock tells nobody which
    // addresses have accounts. A locked address opens only with the password and the app's code together (StaffTwoFactor
    // tests the owner getting in); an account without an app waits, or an administrator unlocks it.
    [Fact]
    public async Task WrongPasswordFiveTimes_LocksTheAddress_AnUnknownOneAlike_AndThePasswordAloneThenOpensNothing()
    {
        var email = await CreateStaffAsync("zamek", StaffRoles.Coordinator);
        var unknown = $"nikt-{Guid.NewGuid():N}@przykladowo.example.pl";
        const string Locked = "Błąd: Po kilku nieudanych próbach logowanie na ten adres wymaga hasła i kodu z aplikacji naraz. Wpisz hasło i aktualny kod. Jeśli nie masz aplikacji, spróbuj ponownie za 15 minut albo poproś administratora o odblokowanie";
        for (var i = 0; i < 5; i++)
        {
            foreach (var address in new[] { email, unknown })
            {
                await Staff.TypeCredentialsAsync(Page, address, "to-nie-jest-haslo");
                if (i < 4)
                {
                    await Expect(Page.Locator("#email-error")).ToHaveTextAsync("Błąd: Adres e-mail lub hasło są nieprawidłowe");
                    await Expect(Page.GetByLabel("Kod z aplikacji uwierzytelniającej")).ToHaveCountAsync(0);
                }
                else
                {
                    await Expect(Page.Locator("#kod-error")).ToHaveTextAsync(Locked);
                    await Expect(Page.Locator("#email-error")).ToHaveCountAsync(0);
                }
            }
        }

        await Axe.CheckAsync(Page, "logowanie: adres zablokowany");
        await Staff.TypeCredentialsAsync(Page, email, Staff.Password);
        await Expect(Page.Locator("#kod-error")).ToHaveTextAsync(Locked);
        await Expect(Page).ToHaveURLAsync(new Regex("/panel/logowanie"));

        var response = await Context.APIRequest.GetAsync("/panel", new() { MaxRedirects = 0 });
        Assert.Equal(302, response.Status);
        Assert.Contains("/panel/logowanie", response.Headers["location"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisabledAccount_LosesTheOpenPageAndEveryRequest_WithinTheRevalidationInterval()
    {
        var email = await CreateStaffAsync("wylaczony", StaffRoles.Coordinator);
        await Staff.SignInAsync(Page, email);

        using (var scope = Site.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            user.IsDisabled = true;
            await users.UpdateAsync(user);
        }

        // The open, interactive page leaves by itself: no click, no reload.
        await Expect(Page).ToHaveURLAsync(new Regex("/panel/logowanie\\?wygaslo=1&powrot=%2Fpanel$"), new() { Timeout = 20_000 });
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Sesja się skończyła. Zaloguj się ponownie.");

        var response = await Context.APIRequest.GetAsync("/panel", new() { MaxRedirects = 0 });
        Assert.Equal(302, response.Status);

        await Staff.TypeCredentialsAsync(Page, email, Staff.Password);
        await Expect(Page.Locator("#email-error")).ToHaveTextAsync("Błąd: Adres e-mail lub hasło są nieprawidłowe");
    }

    // A page that sends staff to "Sesja się skończyła" (idle, or its account re-checked and refused) may not have
    // cleared the cookie itself: the sign-in page that says so ends the session, so /panel asks for the password again.
    [Fact]
    public async Task SessionEndedPage_EndsTheSessionItSpeaksOf()
    {
        await Staff.SignInAsync(Page, Staff.Coordinator);
        Assert.Equal(200, (await Context.APIRequest.GetAsync("/panel", new() { MaxRedirects = 0 })).Status);

        await Page.GotoAsync("/panel/logowanie?wygaslo=1");
        await Expect(Page.Locator("main .notice")).ToHaveTextAsync("Sesja się skończyła. Zaloguj się ponownie.");
        Assert.Equal(302, (await Context.APIRequest.GetAsync("/panel", new() { MaxRedirects = 0 })).Status);
        await Page.GotoAsync("/panel");
        await Expect(Page).ToHaveURLAsync(new Regex("/panel/logowanie"));
        await Axe.CheckAsync(Page, "sesja zakończona");
    }

    private async Task<string> CreateStaffAsync(string name, string role)
    {
        var email = $"{name}-{Guid.NewGuid():N}@przykladowo.example.pl";
        using var scope = Site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Test " + name };
        Assert.True((await users.CreateAsync(user, Staff.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }
}
