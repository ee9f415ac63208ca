using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Accessibility;

/// <summary>The site with an SMS gateway (the local one holding SMSAPI's contract) on a clock the test moves.</summary>
public sealed class SmsGatewaySiteFixture : SiteFixture
{
    public ManualClock Clock { get; } = new();

    public FakeSmsGateway Gateway { get; private set; } = default!;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Notifications:Sms:BaseUrl"] = Gateway.BaseAddress.ToString(),
        ["Notifications:Sms:Token"] = Gateway.Token,
    };

    public override async ValueTask InitializeAsync()
    {
        Gateway = await FakeSmsGateway.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Gateway.DisposeAsync();
    }

    /// <summary>The SMS the gateway took for <paramref name="number"/> (E.164), in order.</summary>
    public IReadOnlyList<string> SmsTo(string number) => [.. Gateway.Messages.Where(m => m.To == number.TrimStart('+')).Select(m => m.Message)];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>
/// The door word reaches only the people the resident gave us (issue 12, point 1), as it happens: a stranger who knows a
/// tracking code and the last four digits follows the request on /status, a visit is booked, and the day-before job runs
/// on the working day before it. Every SMS is read as the phones get it, from the SMS gateway.
/// </summary>
public sealed partial class DoorWordTests(BrowserFixture browser, SmsGatewaySiteFixture site) : SiteTest(browser, site), IClassFixture<SmsGatewaySiteFixture>
{
    private const string ContactPhone = "+48500400300";
    private const string StrangerPhone = "+48601202303";
    private const string DigitsLabel = "4 ostatnie cyfry numeru telefonu";

    private readonly SmsGatewaySiteFixture _site = site;

    [Fact]
    public async Task StrangerFollowsOnStatus_DayBeforeJobRuns_StrangerGetsNoDoorWord_TheContactGetsItWasToldAndRemovesThem()
    {
        var ct = TestContext.Current.CancellationToken;

        // A neighbour filed for the resident and chose SMS to their own phone.
        var (requestId, code) = await Subscribe.AddRequestAsync(Site, r =>
        {
            r.SubmitterRelation = SubmitterRelation.Neighbour;
            r.SubmitterName = "Piotr Sąsiad";
            r.SubmitterPhone = ContactPhone;
            r.ResidentConsent = true;
            r.ContactChannel = ContactChannel.Sms;
            Site.Services.GetRequiredService<NotificationOutbox>().SubscribeContact(r);
        });

        // The stranger knows the code and the resident's last four digits, and signs their own phone up.
        await Page.GotoAsync($"/status?numer={code}");
        await Journey.TypeAsync(Page, DigitsLabel, "0200");
        await Journey.Button(Page, "Sprawdź status").ClickAsync();
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Zgłoszenie " + code);
        await Journey.ChooseAsync(Page, "SMS-em");
        await Journey.TypeAsync(Page, Subscribe.AddressLabel, "601 202 303");
        await Journey.Button(Page, Subscribe.Button).ClickAsync();

        // With a gateway the page says the SMS will go — not that it went: it is sent after the page is shown.
        await Expect(Subscribe.Notice(Page)).ToContainTextAsync("Zapisaliśmy numer 601 202 303. Wyślemy na niego SMS z linkiem do potwierdzenia. Wiadomości o zgłoszeniu zaczną przychodzić po potwierdzeniu.");
        await Axe.CheckAsync(Page, "status: zapisano, z bramką SMS");

        // The stranger's phone gets one SMS: the link to confirm. They confirm (it is their own phone).
        await _site.Gateway.WaitUntilAsync(() => _site.SmsTo(StrangerPhone).Count == 1, "the stranger's confirmation SMS", ct);
        var confirm = ConfirmLink().Match(_site.SmsTo(StrangerPhone)[0]).Value;
        Assert.NotEmpty(confirm);
        await Page.GotoAsync(confirm);
        await Journey.ArriveAsync(Page, confirm, $"Potwierdzić wiadomości o zgłoszeniu {code} na numer ••• ••• 303?");
        await Journey.Button(Page, Subscribe.ConfirmButton).ClickAsync();
        await Journey.ArriveAsync(Page, confirm, Subscribe.Confirmed);

        // The contact is told at once, with a link that removes the stranger in one step.
        await _site.Gateway.WaitUntilAsync(() => _site.SmsTo(ContactPhone).Any(m => m.Contains("dostaje teraz także numer kończący się na 303", StringComparison.Ordinal)), "the contact's notice of the new follower", ct);
        var notice = _site.SmsTo(ContactPhone).Single(m => m.Contains("dostaje teraz także", StringComparison.Ordinal));
        Assert.Contains("Tej osobie nie podajemy hasła do drzwi.", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("601", notice, StringComparison.Ordinal);
        var removal = RemovalLink().Match(notice).Value;
        Assert.NotEmpty(removal);

        // A visit is booked two working days ahead; on the working day before it, at 10:00, the day-before job runs.
        var day = WorkingDays.Next(WorkingDays.Next(WarsawTime.Today(_site.Clock)));
        var visitId = await VisitsTestKit.BookAsync(Site, requestId, Staff.Clerk, day, 10);
        _site.Clock.Advance(WarsawTime.StartOfDay(WorkingDays.Previous(day)).AddHours(10) - _site.Clock.GetUtcNow());
        Assert.Equal(2, await Site.Services.GetRequiredService<DayBeforeNotices>().RunAsync(ct));
        await _site.Gateway.WaitUntilAsync(
            () => _site.SmsTo(StrangerPhone).Any(IsDayBefore) && _site.SmsTo(ContactPhone).Any(IsDayBefore),
            "both day-before SMS",
            ct);

        string word;
        await using (var db = Site.OpenDatabase())
        {
            word = (await db.Visits.Where(v => v.Id == visitId).Select(v => v.DoorWord).SingleAsync(ct))!.ToUpperInvariant();
        }

        // The stranger: the visit's day, window and clerk, never the door word.
        var strangers = _site.SmsTo(StrangerPhone);
        Assert.Contains(strangers, m => m.Contains("umówiliśmy wizytę urzędnika", StringComparison.Ordinal));
        Assert.Contains("Hasło, które urzędnik powie w drzwiach, dostała osoba podana w zgłoszeniu.", strangers.Single(IsDayBefore), StringComparison.Ordinal);
        Assert.All(strangers, m => Assert.DoesNotContain(word, m, StringComparison.Ordinal));

        // The resident's contact: the door word.
        Assert.Contains($"W drzwiach powie hasło: {word}.", _site.SmsTo(ContactPhone).Single(IsDayBefore), StringComparison.Ordinal);

        // The contact does not know the number and removes it with the link: one button.
        await Page.GotoAsync(removal);
        await Journey.ArriveAsync(Page, removal, $"Usunąć numer ••• ••• 303 z wiadomości o zgłoszeniu {code}?");
        await Journey.Button(Page, Subscribe.RemoveButton).ClickAsync();
        await Journey.ArriveAsync(Page, removal, Subscribe.Removed);
        await Expect(Page.Locator("main")).ToContainTextAsync($"Numer ••• ••• 303 nie dostanie już wiadomości o zgłoszeniu {code}.");
        Assert.False(await Subscribe.IsActiveAsync(Site, StrangerPhone));
    }

    [Fact]
    public async Task ConfirmationPage_LeftOpenOverTenMinutes_SignUpNeedsTheDigits_KeptAnswersAndPlainErrors()
    {
        await Journey.WalkToCheckAsync(Page, new JourneyAnswers { ResidentName = "Halina Późna" }, axe: false);
        var code = await Journey.SendAsync(Page);
        var digits = Journey.Field(Page, "4 ostatnie cyfry numeru telefonu z tego zgłoszenia");
        await Expect(digits).ToHaveCountAsync(0);

        // The page stays open on a shared computer; eleven minutes later someone else uses it.
        _site.Clock.Advance(TimeSpan.FromMinutes(11));
        await Journey.ChooseAsync(Page, "SMS-em");
        await Journey.TypeAsync(Page, Subscribe.AddressLabel, "603 404 505");
        await Journey.Button(Page, Subscribe.Button).ClickAsync();

        const string empty = "Wpisz 4 ostatnie cyfry numeru telefonu z tego zgłoszenia, na przykład 0200";
        var summary = Page.Locator("[data-error-summary]");
        await Expect(Page).ToHaveTitleAsync("Błąd: " + Journey.Headings.Confirmation + Journey.TitleSuffix);
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = empty, Exact = true })).ToHaveAttributeAsync("href", "/zgloszenie/potwierdzenie#cyfry");
        await Expect(Page.Locator("#cyfry-error")).ToHaveTextAsync("Błąd: " + empty);
        await Expect(digits).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(digits).ToHaveAttributeAsync("inputmode", "numeric");
        await Expect(Subscribe.Field(Page)).ToHaveValueAsync("603 404 505");
        await Expect(Journey.Radio(Page, "SMS-em")).ToBeCheckedAsync();
        Assert.Equal(code, await Journey.ReadCodeAsync(Page));
        await Axe.CheckAsync(Page, "potwierdzenie: brak cyfr telefonu");

        // Someone else's digits: refused the same plain way, nothing stored.
        await Journey.TypeAsync(Page, "4 ostatnie cyfry numeru telefonu z tego zgłoszenia", "9999");
        await Journey.Button(Page, Subscribe.Button).ClickAsync();
        await Expect(Page.Locator("#cyfry-error")).ToHaveTextAsync("Błąd: Te cyfry nie pasują do telefonu z tego zgłoszenia. Sprawdź je i wpisz jeszcze raz");
        await Expect(digits).ToHaveValueAsync("9999");
        await Axe.CheckAsync(Page, "potwierdzenie: złe cyfry telefonu");
        await using (var db = Site.OpenDatabase())
        {
            Assert.False(await db.Subscriptions.AnyAsync(s => s.Address == "+48603404505", TestContext.Current.CancellationToken));
        }

        await Journey.TypeAsync(Page, "4 ostatnie cyfry numeru telefonu z tego zgłoszenia", "0200");
        await Journey.Button(Page, Subscribe.Button).ClickAsync();
        await Expect(Subscribe.Notice(Page)).ToContainTextAsync("Zapisaliśmy numer 603 404 505. Wyślemy na niego SMS z linkiem do potwierdzenia.");
        await Expect(Page.Locator("[data-error-summary]")).ToHaveCountAsync(0);
        await Expect(digits).ToHaveValueAsync(string.Empty);
        await Axe.CheckAsync(Page, "potwierdzenie: zapisano po cyfrach telefonu");
    }

    [Fact]
    public async Task ConfirmAndRemovePages_ByKeyboardAlone_At320Pixels_DoNotScrollSideways()
    {
        var ct = TestContext.Current.CancellationToken;
        var (requestId, code) = await Subscribe.AddRequestAsync(Site, r =>
        {
            r.ContactChannel = ContactChannel.Sms;
            Site.Services.GetRequiredService<NotificationOutbox>().SubscribeContact(r);
        });
        Assert.Equal(SubscribeOutcome.Subscribed, (await Site.Services.GetRequiredService<Subscriptions>().SubscribeAsync(requestId, "email", "klawiatura@example.pl", ct)).Outcome);
        NotificationSubscription follower;
        await using (var db = Site.OpenDatabase())
        {
            follower = await db.Subscriptions.SingleAsync(s => s.Address == "klawiatura@example.pl", ct);
        }

        await Page.SetViewportSizeAsync(320, 640);
        var confirm = "/powiadomienia/potwierdz/" + follower.Token;
        await Page.GotoAsync(confirm);
        await Journey.ArriveAsync(Page, confirm, $"Potwierdzić wiadomości o zgłoszeniu {code} na adres k•••@example.pl?");
        await AssertNoSidewaysScrollAsync("potwierdzenie: pytanie");
        await KeyboardOnly.TabToAsync(Page, Journey.Button(Page, Subscribe.ConfirmButton));
        await Page.Keyboard.PressAsync("Enter");
        await Journey.ArriveAsync(Page, confirm, Subscribe.Confirmed);
        await AssertNoSidewaysScrollAsync("potwierdzenie: potwierdzone");

        var remove = "/powiadomienia/usun/" + follower.RemovalToken;
        await Page.GotoAsync(remove);
        await Journey.ArriveAsync(Page, remove, $"Usunąć adres k•••@example.pl z wiadomości o zgłoszeniu {code}?");
        await AssertNoSidewaysScrollAsync("usuwanie: pytanie");
        await KeyboardOnly.TabToAsync(Page, Journey.Button(Page, Subscribe.RemoveButton));
        await Page.Keyboard.PressAsync("Enter");
        await Journey.ArriveAsync(Page, remove, Subscribe.Removed);
        await AssertNoSidewaysScrollAsync("usuwanie: usunięto");

        // The confirmation link of a removed follower confirms nothing any more.
        await Page.GotoAsync(confirm);
        await Journey.ArriveAsync(Page, confirm, "Te wiadomości są już wyłączone");
        await Expect(Journey.Button(Page, Subscribe.ConfirmButton)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ConfirmPage_UnknownOrLapsedLink_SaysSoInPlainWords()
    {
        var ct = TestContext.Current.CancellationToken;
        await Page.GotoAsync("/powiadomienia/potwierdz/nieznanylink2345");
        await Journey.ArriveAsync(Page, "/powiadomienia/potwierdz/nieznanylink2345", Subscribe.Invalid);
        await Expect(Page.Locator("meta[name=robots]")).ToHaveAttributeAsync("content", "noindex");

        await Page.GotoAsync("/powiadomienia/usun/nieznanylink2345");
        await Journey.ArriveAsync(Page, "/powiadomienia/usun/nieznanylink2345", Subscribe.Invalid);
        await Expect(Journey.Button(Page, Subscribe.RemoveButton)).ToHaveCountAsync(0);

        var (requestId, _) = await Subscribe.AddRequestAsync(Site);
        await Site.Services.GetRequiredService<Subscriptions>().SubscribeAsync(requestId, "sms", "604 505 606", ct);
        var path = await Subscribe.ConfirmPathFromMessageAsync(Site, "+48604505606");
        _site.Clock.Advance(TimeSpan.FromHours(73));
        await Page.GotoAsync(path);
        await Journey.ArriveAsync(Page, path, "Ten link już nie działa");
        await Expect(Page.Locator("main")).ToContainTextAsync("Możesz zapisać się jeszcze raz na stronie statusu zgłoszenia.");
    }

    [Fact]
    public async Task CallList_GatewaySaysItAlreadyHasTheKey_StaffSeeWhyAndTheKey_SendAgainGoesWithANewKey()
    {
        var ct = TestContext.Current.CancellationToken;
        var (requestId, code) = await Subscribe.AddRequestAsync(Site, r =>
        {
            r.ResidentPhone = "+48600777888";
            r.ContactChannel = ContactChannel.Sms;
            Site.Services.GetRequiredService<NotificationOutbox>().SubscribeContact(r);
        });

        // The gateway answers its "a message with this idx is already there", sends nothing and names no message.
        _site.Gateway.AnswerWith(200, """{"error":53,"message":"Message with this idx has already been sent"}""");
        var actions = Site.Services.GetRequiredService<Core.Office.RequestActions>();
        var coordinator = await VisitsTestKit.ActorAsync(Site, Staff.Coordinator);
        Assert.Empty(await actions.TakeIntoReviewAsync(coordinator, requestId, null, ct));
        Assert.Empty(await actions.AskForInformationAsync(coordinator, requestId, "Prosimy o numer dowodu", ct));
        OutboxMessage message;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await using var db = Site.OpenDatabase();
            message = await db.Outbox.AsNoTracking().SingleAsync(m => m.VisitRequestId == requestId, ct);
            if (message.State != OutboxState.Pending)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "The message was never tried.");
            await Task.Delay(50, ct);
        }

        Assert.Equal((OutboxState.Failed, null), (message.State, message.SentAt));
        Assert.Empty(_site.SmsTo("+48600777888"));

        await Staff.SignInAsync(Page, Staff.Coordinator);
        await Page.GotoAsync(PublicSite.Components.Panel.PanelRoutes.Messages);
        var row = Page.Locator("table tbody tr").Filter(new() { HasText = code });
        await Expect(row).ToContainTextAsync($"Bramka SMS mówi, że ma już wiadomość o tym kluczu, ale nie potwierdza, że ją wysłała. Sprawdź w panelu bramki klucz {message.Key}.");
        await Axe.CheckAsync(Page, "wiadomości: bramka nie potwierdza wysłania");

        // Not in the gateway's panel: sent again, with a key the gateway has never seen.
        var again = row.GetByRole(AriaRole.Button, new() { Name = $"Wyślij ponownie – {code}, Prośba o informacje" });
        await again.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await _site.Gateway.WaitUntilAsync(() => _site.SmsTo("+48600777888").Count == 1, "the message sent again", ct);
        var sent = _site.Gateway.Messages.Single(m => m.To == "48600777888");
        Assert.NotEqual(message.Key, sent.Idx);
    }

    private static bool IsDayBefore(string sms) => sms.Contains("przypominamy o wizycie", StringComparison.Ordinal);

    private async Task AssertNoSidewaysScrollAsync(string state)
    {
        var scrollWidth = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var innerWidth = await Page.EvaluateAsync<int>("() => window.innerWidth");
        Assert.True(scrollWidth <= innerWidth, $"{state}: page is {scrollWidth}px wide in a {innerWidth}px window");
    }

    [GeneratedRegex("/powiadomienia/potwierdz/[a-z0-9]+")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex("/powiadomienia/usun/[a-z0-9]+")]
    private static partial Regex RemovalLink();
}

/// <summary>The confirmation page asks for the digits at once (the setting at 0 minutes), to check it without JavaScript.</summary>
public sealed class DigitsAtOnceSiteFixture : SiteFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Notifications:FollowerFormDigitsAfterMinutes"] = "0",
    };
}

/// <summary>The digits on the confirmation page and the removal page, with JavaScript off: plain posts answered by pages.</summary>
public sealed class FollowerNoJavaScriptTests(BrowserFixture browser, DigitsAtOnceSiteFixture site) : SiteTest(browser, site), IClassFixture<DigitsAtOnceSiteFixture>
{
    protected override bool JavaScriptEnabled => false;

    [Fact]
    public async Task ConfirmationDigitsAndRemoval_WithJavaScriptOff_WorkAsPlainForms()
    {
        await Journey.WalkToCheckAsync(Page, new JourneyAnswers { ResidentName = "Bogumiła Cyfrowa" }, axe: false);
        var code = await Journey.SendAsync(Page);
        var digits = Journey.Field(Page, "4 ostatnie cyfry numeru telefonu z tego zgłoszenia");
        await Expect(digits).ToBeVisibleAsync();

        await Journey.ChooseAsync(Page, "E-mailem");
        await Journey.TypeAsync(Page, Subscribe.AddressLabel, "wnuczka@example.pl");
        await Journey.TypeAsync(Page, "4 ostatnie cyfry numeru telefonu z tego zgłoszenia", "02");
        await Journey.Button(Page, Subscribe.Button).ClickAsync();
        await Expect(Page).ToHaveTitleAsync("Błąd: " + Journey.Headings.Confirmation + Journey.TitleSuffix);
        await Expect(Page.Locator("#cyfry-error")).ToHaveTextAsync("Błąd: Wpisz dokładnie 4 cyfry, na przykład 0200");
        await Expect(Subscribe.Field(Page)).ToHaveValueAsync("wnuczka@example.pl");
        await Expect(digits).ToHaveValueAsync("02");
        await Axe.CheckAsync(Page, "potwierdzenie bez JavaScriptu: złe cyfry");

        await Journey.TypeAsync(Page, "4 ostatnie cyfry numeru telefonu z tego zgłoszenia", "0200");
        await Journey.Button(Page, Subscribe.Button).ClickAsync();
        await Expect(Subscribe.Notice(Page)).ToContainTextAsync("Zapisaliśmy adres wnuczka@example.pl. Wiadomość z linkiem do potwierdzenia przekaże na ten adres urząd.");
        Assert.Equal(code, await Journey.ReadCodeAsync(Page));

        string removal;
        await using (var db = Site.OpenDatabase())
        {
            removal = "/powiadomienia/usun/" + await db.Subscriptions.Where(s => s.Address == "wnuczka@example.pl").Select(s => s.RemovalToken).SingleAsync(TestContext.Current.CancellationToken);
        }

        await Page.GotoAsync(removal);
        await Journey.ArriveAsync(Page, removal, $"Usunąć adres w•••@example.pl z wiadomości o zgłoszeniu {code}?");
        await Journey.Button(Page, Subscribe.RemoveButton).ClickAsync();
        await Journey.ArriveAsync(Page, removal, Subscribe.Removed);
        Assert.False(await Subscribe.IsActiveAsync(Site, "wnuczka@example.pl"));
    }
}
