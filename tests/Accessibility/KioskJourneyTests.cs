using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Accessibility;

/// <summary>Requests filed on the kiosk, by touch and by keys alone, then found on the public site's /status (issue 4).</summary>
public sealed class KioskJourneyTests(BrowserFixture browser, KioskAndSiteFixture apps) : IClassFixture<KioskAndSiteFixture>
{
    [Fact]
    public async Task TouchJourney_NeighbourFilesByTapping_RequestRecordsTheKioskAndIsFoundOnThePublicStatusPage()
    {
        await using var context = await browser.Browser.NewContextAsync(Kiosk.TouchContext(apps.Kiosk.BaseAddress));
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(Journey.Headings.Start);
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Start }).TapAsync();

        // "For yourself or for someone else?" comes first.
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(Journey.Headings.ForWhom);
        await Kiosk.AssertTargetsAtLeast48Async(page, "dla kogo");
        await page.GetByLabel("Dla sąsiada lub sąsiadki").TapAsync();
        await TapNextAsync(page, Journey.Headings.Residence);
        await page.GetByLabel("Tak").TapAsync();
        await TapNextAsync(page, Journey.Headings.Reason);
        await page.GetByLabel("Ze względu na wiek").TapAsync();
        await TapNextAsync(page, Journey.Headings.Matter);
        await page.GetByLabel("Wniosek o dowód osobisty").TapAsync();
        await TapNextAsync(page, Journey.Headings.Description + " (opcjonalnie)");
        await TapNextAsync(page, "Jak nazywa się osoba, do której ma przyjść urzędnik?");

        // Nothing typed: the error is shown and the field keeps its place.
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).TapAsync();
        await Expect(page).ToHaveTitleAsync(new Regex("^Błąd: "));
        await Expect(page.Locator("#ResidentName-error")).ToContainTextAsync("Błąd:");
        await page.GetByLabel("Jak nazywa się osoba").TapAsync();
        await Kiosk.TapTextAsync(page, "Zofia Łęcka");
        await Expect(page.GetByLabel("Jak nazywa się osoba")).ToHaveValueAsync("Zofia Łęcka");
        await TapNextAsync(page, "Jaki numer telefonu ma ta osoba? (opcjonalnie)");
        await TapNextAsync(page, Journey.Headings.AddressOther);
        await page.GetByLabel("Ulica, numer domu i mieszkania").TapAsync();
        await Kiosk.TapTextAsync(page, "Główna 5");
        await page.GetByLabel("Kod pocztowy").TapAsync();
        await Kiosk.TapTextAsync(page, "00-950");
        await page.GetByLabel("Miejscowość").TapAsync();
        await Kiosk.TapTextAsync(page, "Przykładowo");
        await TapNextAsync(page, "Jak się nazywasz?");
        await page.GetByLabel("Jak się nazywasz?").TapAsync();
        await Kiosk.TapTextAsync(page, "Piotr Nowak");
        await TapNextAsync(page, "Jaki masz numer telefonu?");
        await page.GetByLabel("Jaki masz numer telefonu?").TapAsync();
        await Kiosk.TapTextAsync(page, "601202303");
        await TapNextAsync(page, "Czy ta osoba wie o zgłoszeniu i zgadza się na wizytę?");
        await page.GetByLabel("Ta osoba wie o zgłoszeniu i zgadza się na wizytę").TapAsync();
        await TapNextAsync(page, "Jak mamy się z Tobą kontaktować?");
        await page.GetByLabel("Telefonicznie").TapAsync();
        await TapNextAsync(page, "Czy podczas wizyty potrzebne jest coś szczególnego? (opcjonalnie)");
        await TapNextAsync(page, "Od kiedy może być wizyta?");
        await page.GetByLabel("Jak najszybciej").TapAsync();
        await TapNextAsync(page, "Jaka pora dnia pasuje?");
        await page.GetByLabel("Każda pora").TapAsync();
        await TapNextAsync(page, Kiosk.Check);
        await Expect(page.Locator("main")).ToContainTextAsync("Zofia Łęcka");

        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Send }).TapAsync();
        var code = await Kiosk.ReceiptCodeAsync(page);
        Assert.True(TrackingCode.Parse(code).IsValid, code);
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Zofia");

        await using (var db = apps.OpenDatabase())
        {
            var request = await db.VisitRequests.Include(r => r.History).SingleAsync(r => r.TrackingCode == code, TestContext.Current.CancellationToken);
            Assert.Equal(RequestChannel.Kiosk, request.Channel);
            Assert.Equal("demo", request.KioskId);
            Assert.Equal("Biblioteka Publiczna w Przykładowie (kiosk demonstracyjny)", request.KioskLocation);
            Assert.Equal("Zofia Łęcka", request.ResidentName);
            Assert.Equal("+48601202303", request.SubmitterPhone);
            Assert.Equal(SubmitterRelation.Neighbour, request.SubmitterRelation);
            Assert.Equal(request.KioskLocation, Assert.Single(request.History).Actor);
        }

        await FindOnPublicStatusAsync(code, "2303");
    }

    private static async Task TapNextAsync(IPage page, string heading)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).TapAsync();
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(heading);
        await Expect(page.Locator("main h1")).ToBeFocusedAsync();
    }

    private async Task FindOnPublicStatusAsync(string code, string lastFour)
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = apps.Site.BaseAddress.ToString(), Locale = "pl-PL" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/status?numer=" + TrackingCode.Format(code));
        await page.GetByLabel("4 ostatnie cyfry numeru telefonu").FillAsync(lastFour);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sprawdź status" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Zgłoszenie " + TrackingCode.Format(code));
        await Expect(page.Locator("main")).ToContainTextAsync("Zgłoszenie przyjęte");
    }
}
