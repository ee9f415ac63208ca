using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// Two coordinators with one request open: the first asks the resident for information; the second, whose page still
/// shows the old state, rejects it. The second is told the request changed, sees its new state, and keeps what they typed.
/// </summary>
public sealed class PanelConcurrencyTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    [Fact]
    public async Task SecondCoordinatorActsOnAnOldPage_IsToldItChanged_SeesTheNewStateAndKeepsTheText()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await Staff.CreateRequestAsync(Site, residentName: "Helena Równoległa");
        await using (var db = Site.OpenDatabase())
        {
            var request = await db.VisitRequests.SingleAsync(r => r.Id == id, ct);
            request.MoveTo(RequestStatus.InReview, "Anna Kowalska", null, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(ct);
        }

        await using var other = await Page.Context.Browser!.NewContextAsync(new() { BaseURL = Site.BaseAddress.ToString(), Locale = "pl-PL" });
        var first = await other.NewPageAsync();
        await Staff.SignInAsync(first, Staff.Administrator);
        await Staff.SignInAsync(Page, Staff.Coordinator);
        await first.GotoAsync($"/panel/zgloszenia/{id}");
        await Page.GotoAsync($"/panel/zgloszenia/{id}");
        await Expect(Page.Locator("[data-status]")).ToHaveAttributeAsync("data-status", nameof(RequestStatus.InReview));

        // The first coordinator asks for information.
        await first.GetByLabel("Jakich informacji potrzebujesz?").FillAsync("Prosimy o numer dowodu.");
        await first.GetByRole(AriaRole.Button, new() { Name = "Poproś o informacje" }).ClickAsync();
        await Expect(first.Locator("[data-status]")).ToHaveAttributeAsync("data-status", nameof(RequestStatus.NeedsInformation));

        // The second, on the page as it was, rejects.
        const string Reason = "Tę sprawę załatwia starostwo powiatowe.";
        await Page.GetByLabel("Dlaczego zgłoszenie jest odrzucone?").FillAsync(Reason);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Odrzuć zgłoszenie" }).ClickAsync();

        var summary = Page.Locator("[data-error-summary]");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary).ToContainTextAsync("W tym czasie ktoś inny zmienił to zgłoszenie.");
        await Expect(Page.Locator("[data-status]")).ToHaveAttributeAsync("data-status", nameof(RequestStatus.NeedsInformation));
        await Expect(Page.GetByLabel("Dlaczego zgłoszenie jest odrzucone?")).ToHaveValueAsync(Reason);
        await Axe.CheckAsync(Page, "zgłoszenie zmienione przez kogoś innego");

        // The summary's link leads to the status it speaks of.
        await summary.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page.Locator("#Status")).ToBeFocusedAsync();

        await using var check = Site.OpenDatabase();
        var stored = await check.VisitRequests.Include(r => r.History).SingleAsync(r => r.Id == id, ct);
        Assert.Equal(RequestStatus.NeedsInformation, stored.Status);
        Assert.DoesNotContain(stored.History, h => h.Status == RequestStatus.Rejected);

        // Having seen the new state, the same press now does what it says.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Odrzuć zgłoszenie" }).ClickAsync();
        await Expect(Page.Locator("[data-status]")).ToHaveAttributeAsync("data-status", nameof(RequestStatus.Rejected));
    }
}
