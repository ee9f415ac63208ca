using System.Text.RegularExpressions;
using MobilnyUrzednik.PublicSite.Components.Panel;

namespace MobilnyUrzednik.Accessibility;

/// <summary>Disabling through the staff page ends the person's open session (the site re-checks every two seconds here).</summary>
public sealed class AdminDisableTests(BrowserFixture browser, QuickRevalidationSiteFixture site) : SiteTest(browser, site), IClassFixture<QuickRevalidationSiteFixture>
{
    [Fact]
    public async Task DisablingAnAccountOnTheStaffPage_EndsThatPersonsOpenPage()
    {
        await using var clerkContext = await Page.Context.Browser!.NewContextAsync(new() { BaseURL = Site.BaseAddress.ToString(), Locale = "pl-PL" });
        var clerkPage = await clerkContext.NewPageAsync();
        await Staff.SignInAsync(clerkPage, Staff.OtherClerk);

        await Staff.SignInAsync(Page, Staff.Administrator);
        await Page.GotoAsync(PanelRoutes.Staff);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zarządzaj Maria Zielińska" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Wyłącz konto" }).ClickAsync();
        await Expect(Page.Locator("[data-panel-saved]")).ToHaveTextAsync("Wyłączono konto: Maria Zielińska.");

        await Expect(clerkPage).ToHaveURLAsync(new Regex("/panel/logowanie\\?wygaslo=1&powrot=%2Fpanel$"), new() { Timeout = 20_000 });
        var response = await clerkContext.APIRequest.GetAsync(PanelRoutes.Home, new() { MaxRedirects = 0 });
        Assert.Equal(302, response.Status);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Włącz konto" }).ClickAsync();
        await Expect(Page.Locator("[data-panel-saved]")).ToHaveTextAsync("Włączono konto: Maria Zielińska.");
        await Staff.SignInAsync(clerkPage, Staff.OtherClerk);
    }
}
