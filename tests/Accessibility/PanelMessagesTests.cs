using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Office;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.PublicSite.Components.Panel;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// The call list on a site with no SMS or e-mail gateway (the embedded default): a message the office wrote waits
/// there, with whom to call, and leaves it only when someone marks it passed on — by keyboard.
/// </summary>
public sealed class PanelMessagesTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MessageWithoutAGateway_WaitsOnTheCallList_AndIsMarkedPassedOnByKeyboard()
    {
        await Staff.SignInAsync(Page, Staff.Coordinator);
        await Page.GotoAsync(PanelRoutes.Messages);
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Wiadomości do przekazania");
        await Expect(Page).ToHaveTitleAsync("Wiadomości do przekazania" + Staff.TitleSuffix);
        await Expect(Page.Locator("main")).ToContainTextAsync("Nie ustawiono bramki SMS ani serwera poczty");
        await Expect(Page.Locator("main")).ToContainTextAsync("Nie ma wiadomości do przekazania.");
        await Axe.CheckAsync(Page, "wiadomości: pusto");

        var id = await Staff.CreateRequestAsync(Site, "Halina Wiadomość");
        var code = await AskForInformationAsync(id, "+48600222333", "Prosimy o numer PESEL & dowodu");
        var message = await AwaitStateAsync(id, OutboxState.AwaitingStaff);

        await Page.ReloadAsync();
        var row = Page.Locator("table tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(Core.Requests.TrackingCode.Format(code));
        await Expect(row).ToContainTextAsync("Prośba o informacje");
        await Expect(row).ToContainTextAsync("Prosimy o numer PESEL & dowodu.");
        await Expect(row).ToContainTextAsync("Brak bramki dla tego kanału");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "600 222 333" })).ToHaveAttributeAsync("href", "tel:+48600222333");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Wyślij ponownie" })).ToHaveCountAsync(0); // nothing to send it with
        await Axe.CheckAsync(Page, "wiadomości: lista");

        var passedOn = Page.GetByRole(AriaRole.Button, new() { Name = $"Przekazano – {Core.Requests.TrackingCode.Format(code)}, Prośba o informacje" });
        await passedOn.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        var notice = Page.Locator("[data-panel-saved]");
        await Expect(notice).ToBeFocusedAsync();
        await Expect(notice).ToHaveTextAsync($"Zaznaczono jako przekazaną: {Core.Requests.TrackingCode.Format(code)}, Prośba o informacje.");
        await Expect(Page.Locator("main")).ToContainTextAsync("Nie ma wiadomości do przekazania.");
        await Axe.CheckAsync(Page, "wiadomości: przekazana");

        await using var db = Site.OpenDatabase();
        var stored = await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == message.Id, Ct);
        Assert.Equal((OutboxState.HandedOver, "Anna Kowalska"), (stored.State, stored.HandedOverBy));
        Assert.Contains(await db.AuditLog.AsNoTracking().Where(a => a.Action == Core.Audit.AuditActions.MessagesRead).ToListAsync(Ct), a => a.ActorName == "Anna Kowalska");
    }

    [Fact]
    public async Task Clerk_HasNoCallList()
    {
        await Staff.SignInAsync(Page, Staff.Clerk);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Wiadomości do przekazania" })).ToHaveCountAsync(0);
        var response = await Page.GotoAsync(PanelRoutes.Messages);
        await Expect(Page.Locator("main h1")).Not.ToHaveTextAsync("Wiadomości do przekazania");
        Assert.NotNull(response);
    }

    // The office asks for information on a request followed by one SMS number; the message goes in with the change.
    private async Task<string> AskForInformationAsync(int requestId, string phone, string note)
    {
        await using (var db = Site.OpenDatabase())
        {
            var subscription = Site.Services.GetRequiredService<NotificationOutbox>().NewSubscription(NotificationChannel.Sms, phone, isContact: false);
            subscription.VisitRequestId = requestId;
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync(Ct);
        }

        var actions = Site.Services.GetRequiredService<RequestActions>();
        var coordinator = new StaffActor("test", "Anna Kowalska", [StaffRoles.Coordinator]);
        Assert.Empty(await actions.TakeIntoReviewAsync(coordinator, requestId, null, Ct));
        Assert.Empty(await actions.AskForInformationAsync(coordinator, requestId, note, Ct));
        await using var read = Site.OpenDatabase();
        return await read.VisitRequests.Where(r => r.Id == requestId).Select(r => r.TrackingCode).SingleAsync(Ct);
    }

    // The site's own sender moves the message (it is woken by the save); this waits for it to have done so.
    private async Task<OutboxMessage> AwaitStateAsync(int requestId, OutboxState state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await using var db = Site.OpenDatabase();
            var message = await db.Outbox.AsNoTracking().SingleAsync(m => m.VisitRequestId == requestId, Ct);
            if (message.State == state)
            {
                return message;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The message stayed {message.State}.");
            await Task.Delay(50, Ct);
        }
    }
}
