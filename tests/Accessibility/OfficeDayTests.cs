using System.Text.RegularExpressions;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.PublicSite.Components.Panel;

namespace MobilnyUrzednik.Accessibility;

/// <summary>The office's paper cuts a person notices: the printed confirmation and what waits on the panel's home.</summary>
public sealed class OfficeDayTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    [Fact]
    public async Task PrintedConfirmation_CarriesTheMunicipalityTheDateTheFullStatusAddressAndThePhone()
    {
        await Journey.WalkToCheckAsync(Page, new JourneyAnswers { ResidentName = "Prudencja Drukowana" }, axe: false);
        var code = await Journey.SendAsync(Page);

        var heading = Page.Locator("[data-print-heading]");
        var contact = Page.Locator("[data-print-contact]");
        await Expect(heading).ToBeHiddenAsync();
        await Page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(heading).ToBeVisibleAsync();
        await Expect(heading).ToContainTextAsync("Gmina Przykładowo");
        await Expect(heading).ToContainTextAsync("Data wydruku: " + WarsawTime.Today(TimeProvider.System).ToString("d MMMM yyyy", Core.Visits.VisitText.Polish));
        await Expect(contact).ToContainTextAsync(new Regex("Status zgłoszenia sprawdzisz pod adresem: https?://[^ ]+/status\\?numer=" + Regex.Escape(code)));
        await Expect(contact).ToContainTextAsync("Telefon do urzędu: 22 123 45 67");
    }

    [Fact]
    public async Task PanelHome_SaysWhatWaits_InPolishPluralForms()
    {
        await Staff.CreateRequestAsync(Site, "Nowa Pierwsza");
        await Staff.CreateRequestAsync(Site, "Nowa Druga");
        await Staff.SignInAsync(Page, Staff.Coordinator);

        var waiting = Page.Locator("[data-waiting]");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Co czeka" })).ToBeVisibleAsync();
        await Expect(waiting.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^\\d+ nowe zgłoszenia$|^\\d+ nowych zgłoszeń$") })).ToHaveAttributeAsync("href", PanelRoutes.Inbox);
        await Axe.CheckAsync(Page, "panel: co czeka");
    }
}
