using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.PublicSite.Components.Panel;

namespace MobilnyUrzednik.Accessibility;

/// <summary>Staff change their own password; a first password an administrator typed must be replaced before anything else.</summary>
public sealed class StaffPasswordTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    private const string NewPassword = "sowa-nad-stawem-o-zmroku";

    [Fact]
    public async Task AFirstPasswordFromTheAdministrator_MustBeReplacedBeforeAnythingElse()
    {
        var email = await CreateStaffAsync("pierwsze", mustChange: true);
        await Staff.TypeCredentialsAsync(Page, email, Staff.StrongPassword);
        await Expect(Page).ToHaveURLAsync(new Regex("/panel/konto/haslo"));
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Zmień hasło");
        await Expect(Page.Locator("main")).ToContainTextAsync("Hasło startowe nadał Ci administrator.");
        await Axe.CheckAsync(Page, "zmiana hasła startowego");

        // Nothing else opens meanwhile.
        foreach (var path in new[] { PanelRoutes.Home, PanelRoutes.Inbox })
        {
            await Page.GotoAsync(path);
            await Expect(Page).ToHaveURLAsync(new Regex("/panel/konto/haslo"));
        }

        // Too common, then mistyped, then right.
        await FillAsync(Staff.StrongPassword, "Password2026!", "Password2026!");
        await Expect(Page.Locator("#nowe-error")).ToHaveTextAsync(
            "Błąd: To hasło łatwo odgadnąć: jest na liście często używanych haseł albo składa się z Twojego imienia lub adresu. Wybierz inne, na przykład trzy przypadkowe słowa");
        await Expect(Page.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await Axe.CheckAsync(Page, "zmiana hasła: zbyt popularne");
        await FillAsync(Staff.StrongPassword, NewPassword, NewPassword + "x");
        await Expect(Page.Locator("#powtorz-error")).ToHaveTextAsync("Błąd: Powtórz nowe hasło dokładnie tak samo");

        await FillAsync(Staff.StrongPassword, NewPassword, NewPassword);
        await Expect(Page).ToHaveURLAsync(new Regex("/panel/zgloszenia$"));
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Zgłoszenia");

        await Context.ClearCookiesAsync();
        await Staff.SignInAsync(Page, email, NewPassword);
    }

    [Fact]
    public async Task ChangingOwnPassword_EndsTheAccountsOtherSessions_AndKeepsThisOne()
    {
        var email = await CreateStaffAsync("zmiana", mustChange: false);
        await using var elsewhere = await Page.Context.Browser!.NewContextAsync(new() { BaseURL = Site.BaseAddress.ToString(), Locale = "pl-PL" });
        var otherPage = await elsewhere.NewPageAsync();
        await Staff.SignInAsync(otherPage, email, Staff.StrongPassword);
        await Staff.SignInAsync(Page, email, Staff.StrongPassword);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Zmień hasło" }).ClickAsync();
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Zmień hasło");
        await FillAsync("to-nie-jest-moje-haslo", NewPassword, NewPassword);
        await Expect(Page.Locator("#obecne-error")).ToHaveTextAsync("Błąd: Obecne hasło jest nieprawidłowe");

        await FillAsync(Staff.StrongPassword, NewPassword, NewPassword);
        await Expect(Page.Locator("main .notice")).ToHaveTextAsync("Hasło zostało zmienione. Inne otwarte sesje tego konta zostały zakończone.");
        await Axe.CheckAsync(Page, "hasło zmienione");
        Assert.Equal(200, (await Context.APIRequest.GetAsync(PanelRoutes.Home, new() { MaxRedirects = 0 })).Status);
        Assert.Equal(302, (await elsewhere.APIRequest.GetAsync(PanelRoutes.Home, new() { MaxRedirects = 0 })).Status);

        await Context.ClearCookiesAsync();
        await Staff.TypeCredentialsAsync(Page, email, Staff.StrongPassword);
        await Expect(Page.Locator("#email-error")).ToHaveTextAsync("Błąd: Adres e-mail lub hasło są nieprawidłowe");
        await Staff.SignInAsync(Page, email, NewPassword);
    }

    [Fact]
    public async Task ChangingOwnPassword_ByKeyboardAlone_At320Pixels_DoesNotScrollSideways()
    {
        var email = await CreateStaffAsync("klawiatura", mustChange: false);
        await Staff.SignInAsync(Page, email, Staff.StrongPassword);
        await Page.SetViewportSizeAsync(320, 640);
        await Page.GotoAsync(PanelRoutes.ChangePassword);
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Zmień hasło");
        Assert.True(
            await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the password page scrolls sideways at 320 px");

        // Skip link, then into the form by Tab alone.
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.PressAsync("Enter");
        var current = Page.GetByLabel("Obecne hasło");
        for (var i = 0; i < 10 && !await current.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await Page.Keyboard.PressAsync("Tab");
        }

        await Expect(current).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(Staff.StrongPassword);
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync(NewPassword);
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync(NewPassword);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("main .notice")).ToHaveTextAsync("Hasło zostało zmienione. Inne otwarte sesje tego konta zostały zakończone.");
    }

    private async Task FillAsync(string current, string next, string repeat)
    {
        await Page.GetByLabel("Obecne hasło").FillAsync(current);
        await Page.GetByLabel("Nowe hasło", new() { Exact = true }).FillAsync(next);
        await Page.GetByLabel("Powtórz nowe hasło").FillAsync(repeat);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zmień hasło" }).ClickAsync();
    }

    private async Task<string> CreateStaffAsync(string name, bool mustChange)
    {
        var email = $"{name}-{Guid.NewGuid():N}@przykladowo.example.pl";
        using var scope = Site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Test " + name, MustChangePassword = mustChange };
        Assert.True((await users.CreateAsync(user, Staff.StrongPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, StaffRoles.Coordinator)).Succeeded);
        return email;
    }
}
