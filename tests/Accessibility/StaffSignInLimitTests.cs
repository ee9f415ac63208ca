using System.Text.RegularExpressions;

namespace MobilnyUrzednik.Accessibility;

/// <summary>One network address that keeps failing, whatever e-mail addresses it tries, must wait (a site of its own: the count is per address).</summary>
public sealed class StaffSignInLimitTests(BrowserFixture browser, StaffClockSiteFixture site) : SiteTest(browser, site), IClassFixture<StaffClockSiteFixture>
{
    [Fact]
    public async Task TwentyFailuresFromOneAddress_AcrossManyAccounts_MakeItWait_ThenItMayTryAgain()
    {
        for (var i = 0; i < 20; i++)
        {
            // A different address each time: no one account's lock is reached, only the network's.
            await Staff.TypeCredentialsAsync(Page, $"proba{i}@przykladowo.example.pl", "zgadywane-haslo");
            await Expect(Page.Locator("#email-error")).ToHaveTextAsync("Błąd: Adres e-mail lub hasło są nieprawidłowe");
        }

        // Even the right password of a real account waits: the address has used up its tries.
        await Staff.TypeCredentialsAsync(Page, Staff.Coordinator, Staff.Password);
        await Expect(Page.Locator("#email-error")).ToHaveTextAsync("Błąd: Z tej sieci było zbyt wiele nieudanych prób logowania. Spróbuj ponownie za 15 min");
        await Expect(Page).ToHaveTitleAsync(new Regex("^Błąd: Logowanie do panelu"));
        await Axe.CheckAsync(Page, "logowanie: za dużo prób z sieci");

        site.Clock.Advance(TimeSpan.FromMinutes(15));
        await Staff.SignInAsync(Page, Staff.Coordinator);
    }
}
