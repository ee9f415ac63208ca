using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// The "Wiadomości o zmianach" form and the stop link (issue 6, point 3), as a resident or carer meets them: the same
/// Polish words as SubscriptionText.resx, and what was really stored read from the site's database.
/// </summary>
internal static partial class Subscribe
{
    public const string Section = "Wiadomości o zmianach";
    public const string Legend = "Jak wysyłać wiadomości?";
    public const string AddressLabel = "Numer telefonu komórkowego albo adres e-mail";
    public const string Button = "Zapisz na wiadomości";
    public const string StopButton = "Wyłącz wiadomości";
    public const string Stopped = "Wiadomości wyłączone";
    public const string AlreadyStopped = "Te wiadomości są już wyłączone";
    public const string Invalid = "Ten link nie działa";
    public const string ConfirmButton = "Potwierdzam";
    public const string Confirmed = "Wiadomości potwierdzone";
    public const string RemoveButton = "Usuń z wiadomości";
    public const string Removed = "Usunięto z wiadomości";

    public static ILocator Field(IPage page) => Journey.Field(page, AddressLabel);

    public static ILocator Notice(IPage page) => page.Locator("[data-notice]");

    /// <summary>Stores a submitted request straight in the site's database (no journey needed) and returns its id and shown code.</summary>
    public static async Task<(int Id, string Code)> AddRequestAsync(SiteFixture site, Action<VisitRequest>? adjust = null)
    {
        await using var db = site.OpenDatabase();
        var request = new VisitRequest
        {
            TrackingCode = TrackingCode.NewCode(),
            Channel = RequestChannel.Web,
            LivesInMunicipality = true,
            EligibilityReason = EligibilityReason.Age,
            MatterId = await db.Matters.OrderBy(s => s.SortOrder).Select(s => s.Id).FirstAsync(),
            Description = "Potrzebny nowy dowód osobisty.",
            ResidentName = "Wiesława Śledzona",
            ResidentPhone = "+48600100200",
            Street = "Główna 5 m. 3",
            PostalCode = "00-950",
            Town = "Przykładowo",
            ContactChannel = ContactChannel.PhoneCall,
        };
        request.RecordSubmission("mieszkaniec", DateTimeOffset.UtcNow);
        adjust?.Invoke(request);
        db.VisitRequests.Add(request);
        await db.SaveChangesAsync();
        return (request.Id, TrackingCode.Format(request.TrackingCode));
    }

    /// <summary>
    /// The stop link's path of the active follower <paramref name="address"/> (every message after the confirmation
    /// carries it; the unit tests check the texts).
    /// </summary>
    public static async Task<string> StopPathAsync(SiteFixture site, string address)
    {
        await using var db = site.OpenDatabase();
        return "/powiadomienia/stop/" + await db.Subscriptions.Where(s => s.Address == address && s.StoppedAt == null).Select(s => s.Token).SingleAsync();
    }

    /// <summary>The path of the link the request's own contact gets to remove the follower <paramref name="address"/>.</summary>
    public static async Task<string> RemovalPathAsync(SiteFixture site, string address)
    {
        await using var db = site.OpenDatabase();
        return "/powiadomienia/usun/" + await db.Subscriptions.Where(s => s.Address == address && s.StoppedAt == null).Select(s => s.RemovalToken).SingleAsync();
    }

    /// <summary>The confirmation link's path, read from the one message queued for <paramref name="address"/> when it was signed up.</summary>
    public static async Task<string> ConfirmPathFromMessageAsync(SiteFixture site, string address)
    {
        await using var db = site.OpenDatabase();
        var message = await db.Outbox.SingleAsync(m => m.Recipient == address && m.Kind == NotificationKind.Subscribed && m.Subscription!.StoppedAt == null);
        var path = ConfirmLink().Match(message.Body);
        Assert.True(path.Success, "The message carries no confirmation link.");
        return path.Value;
    }

    public static async Task<bool> IsActiveAsync(SiteFixture site, string address)
    {
        await using var db = site.OpenDatabase();
        return await db.Subscriptions.AnyAsync(s => s.Address == address && s.StoppedAt == null);
    }

    public static async Task<int> CountAsync(SiteFixture site, int requestId)
    {
        await using var db = site.OpenDatabase();
        return await db.Subscriptions.CountAsync(s => s.VisitRequestId == requestId);
    }

    [GeneratedRegex("/powiadomienia/potwierdz/[a-z0-9]+")]
    private static partial Regex ConfirmLink();
}

/// <summary>Signing someone up on the confirmation page and on /status, and stopping by the message's link (JavaScript on).</summary>
public sealed class SubscriptionTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    private const string DigitsLabel = "4 ostatnie cyfry numeru telefonu";

    [Fact]
    public async Task Confirmation_SmsSignUpWithTheMouse_NoticeIsFocused_TheMessagesLinkConfirms_AndTheStopLinkStops()
    {
        await Journey.WalkToCheckAsync(Page, new JourneyAnswers { ResidentName = "Halina Zapisana" }, axe: false);
        var code = await Journey.SendAsync(Page);
        var section = Page.GetByRole(AriaRole.Region, new() { Name = Subscribe.Section, Exact = true });
        await Expect(section).ToContainTextAsync("Chcesz, żeby ktoś jeszcze dostawał wiadomości o tym zgłoszeniu?");
        await Expect(section.GetByRole(AriaRole.Group, new() { Name = Subscribe.Legend, Exact = true })).ToBeVisibleAsync();

        await Journey.ChooseAsync(Page, "SMS-em");
        await Journey.TypeAsync(Page, Subscribe.AddressLabel, "+48 601-202-303");
        await Journey.Button(Page, Subscribe.Button).ClickAsync();

        // No SMS gateway on this site: nothing is said to be sent; the office passes the message on.
        await Expect(Subscribe.Notice(Page)).ToContainTextAsync("Zapisaliśmy numer 601 202 303. Wiadomość z linkiem do potwierdzenia przekaże na ten numer urząd. Wiadomości o zgłoszeniu zaczną przychodzić po potwierdzeniu.");
        await Expect(Subscribe.Notice(Page)).Not.ToContainTextAsync("Wysłaliśmy");
        await Expect(Subscribe.Notice(Page)).ToBeFocusedAsync();
        await Expect(Page).ToHaveTitleAsync(Journey.Headings.Confirmation + Journey.TitleSuffix);
        Assert.Equal(code, await Journey.ReadCodeAsync(Page));

        // The form is there again, empty, for one more person.
        await Expect(Subscribe.Field(Page)).ToHaveValueAsync(string.Empty);
        await Expect(Journey.Radio(Page, "SMS-em")).Not.ToBeCheckedAsync();
        await Axe.CheckAsync(Page, "potwierdzenie: zapisano na wiadomości");

        await using (var db = Site.OpenDatabase())
        {
            var stored = code.Replace("-", string.Empty, StringComparison.Ordinal);
            var subscription = await db.Subscriptions.SingleAsync(s => s.Request!.TrackingCode == stored, TestContext.Current.CancellationToken);
            Assert.Equal("+48601202303", subscription.Address);
            Assert.Equal(NotificationChannel.Sms, subscription.Channel);
            Assert.False(subscription.IsRequestContact);
            Assert.True(subscription.AwaitingConfirmation);
            var message = await db.Outbox.SingleAsync(m => m.SubscriptionId == subscription.Id, TestContext.Current.CancellationToken);
            Assert.Equal(NotificationKind.Subscribed, message.Kind);
            Assert.Equal(OutboxState.AwaitingStaff, message.State);
            Assert.Contains("/powiadomienia/potwierdz/" + subscription.Token, message.Body, StringComparison.Ordinal);
        }

        // The link from the message: a GET only asks (mail scanners open links), the button confirms.
        var confirm = await Subscribe.ConfirmPathFromMessageAsync(Site, "+48601202303");
        await Page.GotoAsync(confirm);
        await Journey.ArriveAsync(Page, confirm, $"Potwierdzić wiadomości o zgłoszeniu {code} na numer ••• ••• 303?");
        await Expect(Page.Locator("main")).ToContainTextAsync("Hasła, które urzędnik powie w drzwiach, nie podajemy");
        await using (var db = Site.OpenDatabase())
        {
            Assert.True(await db.Subscriptions.AnyAsync(s => s.Address == "+48601202303" && s.AwaitingConfirmation, TestContext.Current.CancellationToken), "Opening the link confirmed it.");
        }

        await Journey.Button(Page, Subscribe.ConfirmButton).ClickAsync();
        await Journey.ArriveAsync(Page, confirm, Subscribe.Confirmed);
        await Expect(Page.Locator("main")).ToContainTextAsync($"Będziemy wysyłać wiadomości o zgłoszeniu {code} na numer ••• ••• 303.");
        await using (var db = Site.OpenDatabase())
        {
            Assert.True(await db.Subscriptions.AnyAsync(s => s.Address == "+48601202303" && !s.AwaitingConfirmation && s.ConfirmedAt != null, TestContext.Current.CancellationToken));
        }

        // The stop link every later message carries: a GET only asks, the button stops.
        var stop = await Subscribe.StopPathAsync(Site, "+48601202303");
        await Page.GotoAsync(stop);
        await Journey.ArriveAsync(Page, stop, $"Wyłączyć wiadomości o zgłoszeniu {code} na numer ••• ••• 303?");
        Assert.True(await Subscribe.IsActiveAsync(Site, "+48601202303"), "Opening the stop link changed something.");

        await Journey.Button(Page, Subscribe.StopButton).ClickAsync();
        await Journey.ArriveAsync(Page, stop, Subscribe.Stopped);
        await Expect(Page.Locator("main")).ToContainTextAsync($"Nie wyślemy już wiadomości o zgłoszeniu {code} na numer ••• ••• 303.");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "sprawdź status zgłoszenia", Exact = true })).ToHaveAttributeAsync("href", $"/status?numer={code}");
        Assert.False(await Subscribe.IsActiveAsync(Site, "+48601202303"));

        // Opened again later: it says so, and offers nothing to press.
        await Page.GotoAsync(stop);
        await Journey.ArriveAsync(Page, stop, Subscribe.AlreadyStopped);
        await Expect(Journey.Button(Page, Subscribe.StopButton)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Status_EmailSignUpWithTheKeyboardOnly_ABadAddressIsKeptAndLinkedThenTheFixedOneIsSignedUp()
    {
        var (requestId, code) = await Subscribe.AddRequestAsync(Site);
        await Page.GotoAsync($"/status?numer={code}");
        await Journey.ArriveAsync(Page, "/status", Journey.Headings.Status);
        await KeyboardOnly.TypeAsync(Page, Journey.Field(Page, DigitsLabel), "0200");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Zgłoszenie " + code);
        await Expect(Page.Locator("main h1")).ToBeFocusedAsync();

        await KeyboardOnly.ChooseAsync(Page, "E-mailem");
        await KeyboardOnly.TypeAsync(Page, Subscribe.Field(Page), "córka@example");
        await KeyboardOnly.TabToAsync(Page, Journey.Button(Page, Subscribe.Button));
        await Page.Keyboard.PressAsync("Enter");

        const string message = "Wpisz poprawny adres e-mail, na przykład jan.nowak@example.pl";
        var summary = Page.Locator("[data-error-summary]");
        await Expect(Page).ToHaveTitleAsync($"Błąd: Zgłoszenie {code}{Journey.TitleSuffix}");
        await Expect(summary).ToBeFocusedAsync();
        var link = summary.GetByRole(AriaRole.Link, new() { Name = message, Exact = true });
        await Expect(link).ToHaveAttributeAsync("href", new Regex("^/status.*#adres$"));
        await Expect(Page.Locator("#adres-error")).ToHaveTextAsync("Błąd: " + message);
        await Expect(Subscribe.Field(Page)).ToHaveValueAsync("córka@example");
        await Expect(Subscribe.Field(Page)).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Subscribe.Field(Page)).ToHaveAttributeAsync("aria-describedby", "adres-hint adres-error");
        await Expect(Journey.Radio(Page, "E-mailem")).ToBeCheckedAsync();
        await Expect(Page.Locator(".status-tag")).ToHaveTextAsync("Zgłoszenie przyjęte");
        await Axe.CheckAsync(Page, "status: błąd zapisu na wiadomości");
        Assert.Equal(0, await Subscribe.CountAsync(Site, requestId));

        // The summary's link takes the keyboard to the field, where the address is corrected.
        await Page.Keyboard.PressAsync("Tab");
        await Expect(link).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Subscribe.Field(Page)).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("End");
        await Page.Keyboard.TypeAsync(".pl");
        await Expect(Subscribe.Field(Page)).ToHaveValueAsync("córka@example.pl");
        await KeyboardOnly.TabToAsync(Page, Journey.Button(Page, Subscribe.Button));
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Subscribe.Notice(Page)).ToContainTextAsync("Zapisaliśmy adres córka@example.pl. Wiadomość z linkiem do potwierdzenia przekaże na ten adres urząd.");
        await Expect(Subscribe.Notice(Page)).ToBeFocusedAsync();
        await Expect(Page).ToHaveTitleAsync($"Zgłoszenie {code}{Journey.TitleSuffix}");
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Zgłoszenie " + code);
        await Expect(Page.Locator("[data-error-summary]")).ToHaveCountAsync(0);
        await Axe.CheckAsync(Page, "status: zapisano na wiadomości");

        await using var db = Site.OpenDatabase();
        var subscription = await db.Subscriptions.SingleAsync(s => s.VisitRequestId == requestId, TestContext.Current.CancellationToken);
        Assert.Equal(NotificationChannel.Email, subscription.Channel);
        Assert.Equal("córka@example.pl", subscription.Address);
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.SubscriptionId == subscription.Id && m.Kind == NotificationKind.Subscribed, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Status_SignUpAgainWithTheSameNumber_SaysItAwaitsConfirmationAndSendsNothingMore()
    {
        var (requestId, code) = await Subscribe.AddRequestAsync(Site);
        await FindAsync(code, "0200");
        for (var i = 0; i < 2; i++)
        {
            await Journey.ChooseAsync(Page, "SMS-em");
            await Journey.TypeAsync(Page, Subscribe.AddressLabel, i == 0 ? "602 303 404" : "+48602303404");
            await Journey.Button(Page, Subscribe.Button).ClickAsync();
            await Expect(Subscribe.Notice(Page)).ToContainTextAsync(i == 0 ? "Zapisaliśmy numer 602 303 404." : "Numer 602 303 404 jest już zapisany i czeka na potwierdzenie. Nie wyślemy drugiej wiadomości.");
        }

        await Axe.CheckAsync(Page, "status: numer już zapisany");
        Assert.Equal(1, await Subscribe.CountAsync(Site, requestId));
        await using var db = Site.OpenDatabase();
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.VisitRequestId == requestId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Status_SignUpWithAPairThatNoLongerMatches_ShowsTheLookUpAgainWithTheUsualMessage()
    {
        var (requestId, code) = await Subscribe.AddRequestAsync(Site);
        await FindAsync(code, "0200");

        // What a forged or stale form would send: the right code with other digits.
        await Page.Locator("form input[type=hidden][name=cyfry]").EvaluateAsync("el => el.value = '9999'");
        await Journey.ChooseAsync(Page, "SMS-em");
        await Journey.TypeAsync(Page, Subscribe.AddressLabel, "601 202 303");
        await Journey.Button(Page, Subscribe.Button).ClickAsync();

        await Expect(Page).ToHaveTitleAsync("Błąd: " + Journey.Headings.Status + Journey.TitleSuffix);
        await Expect(Page.Locator("main h1")).ToHaveTextAsync(Journey.Headings.Status);
        await Expect(Page.Locator("[data-error-summary]")).ToContainTextAsync("Nie znaleźliśmy zgłoszenia z tym numerem i tymi cyframi telefonu.");
        await Expect(Journey.Field(Page, "Numer zgłoszenia")).ToHaveValueAsync(code);
        await Axe.CheckAsync(Page, "status: zapis z niepasującymi cyframi");
        Assert.Equal(0, await Subscribe.CountAsync(Site, requestId));
    }

    [Fact]
    public async Task Status_ClosedRequest_OffersNoSignUp()
    {
        var (_, code) = await Subscribe.AddRequestAsync(Site, r => r.MoveTo(RequestStatus.Cancelled, "Anna Kowalska", null, DateTimeOffset.UtcNow));
        var (_, open) = await Subscribe.AddRequestAsync(Site);

        await FindAsync(open, "0200");
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = Subscribe.Section, Exact = true })).ToBeVisibleAsync();

        await Page.GotoAsync("/status");
        await FindAsync(code, "0200");
        await Expect(Page.Locator(".status-tag")).ToHaveTextAsync("Wizyta odwołana");
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = Subscribe.Section, Exact = true })).ToHaveCountAsync(0);
        await Expect(Journey.Button(Page, Subscribe.Button)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task StopPage_UnknownLink_SaysSoWithTheOfficesPhoneAndNoAxeViolations()
    {
        var response = await Page.GotoAsync("/powiadomienia/stop/nieznanylink2345");

        Assert.NotNull(response);
        Assert.True(response.Ok);
        await Journey.ArriveAsync(Page, "/powiadomienia/stop/nieznanylink2345", Subscribe.Invalid);
        await Expect(Page.Locator("main")).ToContainTextAsync("Możesz też zadzwonić do urzędu: 22 123 45 67, od poniedziałku do piątku, 7:30–15:30.");
        await Expect(Page.Locator("meta[name=robots]")).ToHaveAttributeAsync("content", "noindex");
        await Expect(Journey.Button(Page, Subscribe.StopButton)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task StopPage_EmailSubscriber_ShowsOnlyAHintOfTheAddress()
    {
        var (requestId, code) = await Subscribe.AddRequestAsync(Site);
        var result = await Site.Services.GetRequiredService<Subscriptions>().SubscribeAsync(requestId, "email", "jan.opiekun@example.pl", TestContext.Current.CancellationToken);
        Assert.Equal(SubscribeOutcome.Subscribed, result.Outcome);

        var stop = await Subscribe.StopPathAsync(Site, "jan.opiekun@example.pl");
        await Page.GotoAsync(stop);

        await Journey.ArriveAsync(Page, stop, $"Wyłączyć wiadomości o zgłoszeniu {code} na adres j•••@example.pl?");
        await Expect(Page.Locator("main")).Not.ToContainTextAsync("opiekun");
    }

    [Fact]
    public async Task OneClickStop_FormPostWithoutAntiforgery_StopsAnswers200ThenAgainAnd404ForAnUnknownLink()
    {
        var (requestId, _) = await Subscribe.AddRequestAsync(Site);
        var subscriptions = Site.Services.GetRequiredService<Subscriptions>();
        await subscriptions.SubscribeAsync(requestId, "email", "mail.klient@example.pl", TestContext.Current.CancellationToken);
        await subscriptions.SubscribeAsync(requestId, "email", "drugi.klient@example.pl", TestContext.Current.CancellationToken);
        var first = (await Subscribe.StopPathAsync(Site, "mail.klient@example.pl")).Split('/')[^1];
        var second = (await Subscribe.StopPathAsync(Site, "drugi.klient@example.pl")).Split('/')[^1];
        using var http = new HttpClient { BaseAddress = Site.BaseAddress };
        var ct = TestContext.Current.CancellationToken;

        // As a mail client sends it (RFC 8058): no cookies, no anti-forgery token, the one field.
        using var response = await http.PostAsync($"/api/powiadomienia/stop/{first}", OneClick(), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Wiadomości wyłączone.", await response.Content.ReadAsStringAsync(ct));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.False(await Subscribe.IsActiveAsync(Site, "mail.klient@example.pl"));
        Assert.True(await Subscribe.IsActiveAsync(Site, "drugi.klient@example.pl"));

        using var again = await http.PostAsync($"/api/powiadomienia/stop/{first}", OneClick(), ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        // RFC 8058 allows multipart/form-data too.
        using var multipart = new MultipartFormDataContent { { new StringContent("One-Click"), "List-Unsubscribe" } };
        using var viaMultipart = await http.PostAsync($"/api/powiadomienia/stop/{second}", multipart, ct);
        Assert.Equal(HttpStatusCode.OK, viaMultipart.StatusCode);
        Assert.False(await Subscribe.IsActiveAsync(Site, "drugi.klient@example.pl"));

        using var unknown = await http.PostAsync("/api/powiadomienia/stop/nieznanylink2345", OneClick(), ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Nie znamy tego linku.", await unknown.Content.ReadAsStringAsync(ct));

        // The stop page afterwards says they are stopped.
        await Page.GotoAsync($"/powiadomienia/stop/{first}");
        await Journey.ArriveAsync(Page, $"/powiadomienia/stop/{first}", Subscribe.AlreadyStopped);
    }

    [Fact]
    public async Task OneClickStop_WithoutTheOneClickField_IsRefusedAndStopsNothing()
    {
        var (requestId, _) = await Subscribe.AddRequestAsync(Site);
        await Site.Services.GetRequiredService<Subscriptions>().SubscribeAsync(requestId, "sms", "603 404 505", TestContext.Current.CancellationToken);
        var token = (await Subscribe.StopPathAsync(Site, "+48603404505")).Split('/')[^1];
        using var http = new HttpClient { BaseAddress = Site.BaseAddress };
        var ct = TestContext.Current.CancellationToken;

        using var empty = await http.PostAsync($"/api/powiadomienia/stop/{token}", null, ct);
        using var other = await http.PostAsync($"/api/powiadomienia/stop/{token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "Tak" }), ct);
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Site.BaseAddress };
        using var get = await noRedirects.GetAsync($"/api/powiadomienia/stop/{token}", ct);

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);

        // A mail client that opens the List-Unsubscribe address is sent to the stop page, which only asks.
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.Equal($"/powiadomienia/stop/{token}", get.Headers.Location?.OriginalString);
        Assert.True(await Subscribe.IsActiveAsync(Site, "+48603404505"));
    }

    internal static FormUrlEncodedContent OneClick() => new(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" });

    private async Task FindAsync(string code, string digits)
    {
        await Page.GotoAsync($"/status?numer={code}");
        await Journey.TypeAsync(Page, DigitsLabel, digits);
        await Journey.Button(Page, "Sprawdź status").ClickAsync();
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Zgłoszenie " + code);
    }
}

/// <summary>With JavaScript off every sign-up and stop is a plain form post answered by a page.</summary>
public sealed class SubscriptionNoJavaScriptTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    protected override bool JavaScriptEnabled => false;

    [Fact]
    public async Task Confirmation_BadNumberThenAGoodOne_WithJavaScriptOff_ErrorSummaryFieldErrorAndKeptValueThenTheNotice()
    {
        await Journey.WalkToCheckAsync(Page, new JourneyAnswers { ResidentName = "Bogumiła Bezskryptowa" }, axe: false);
        var code = await Journey.SendAsync(Page);
        var posts = new List<string>();
        Page.Request += (_, request) =>
        {
            if (request.IsNavigationRequest && request.Method == "POST")
            {
                posts.Add(new Uri(request.Url).AbsolutePath);
            }
        };

        await Journey.ChooseAsync(Page, "SMS-em");
        await Journey.TypeAsync(Page, Subscribe.AddressLabel, "600 100");
        await Journey.Button(Page, Subscribe.Button).ClickAsync();

        const string message = "Wpisz poprawny numer telefonu komórkowego, na przykład 600 100 200 albo +48 600 100 200";
        await Expect(Page).ToHaveTitleAsync("Błąd: " + Journey.Headings.Confirmation + Journey.TitleSuffix);
        var summary = Page.Locator("[data-error-summary]");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = message, Exact = true })).ToHaveAttributeAsync("href", "/zgloszenie/potwierdzenie#adres");
        await Expect(Page.Locator("#adres-error")).ToHaveTextAsync("Błąd: " + message);
        await Expect(Subscribe.Field(Page)).ToHaveValueAsync("600 100");
        await Expect(Subscribe.Field(Page)).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Journey.Radio(Page, "SMS-em")).ToBeCheckedAsync();
        Assert.Equal(code, await Journey.ReadCodeAsync(Page));
        await Axe.CheckAsync(Page, "potwierdzenie bez JavaScriptu: błąd zapisu");

        await Journey.TypeAsync(Page, Subscribe.AddressLabel, "600 100 200");
        await Journey.Button(Page, Subscribe.Button).ClickAsync();

        await Expect(Page).ToHaveTitleAsync(Journey.Headings.Confirmation + Journey.TitleSuffix);
        await Expect(Subscribe.Notice(Page)).ToContainTextAsync("Zapisaliśmy numer 600 100 200. Wiadomość z linkiem do potwierdzenia przekaże na ten numer urząd.");
        await Expect(Subscribe.Notice(Page)).ToBeFocusedAsync();
        await Expect(Page.Locator("[data-error-summary]")).ToHaveCountAsync(0);
        await Expect(Subscribe.Field(Page)).ToHaveValueAsync(string.Empty);
        await Expect(Subscribe.Field(Page)).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Axe.CheckAsync(Page, "potwierdzenie bez JavaScriptu: zapisano");
        Assert.Equal(["/zgloszenie/potwierdzenie", "/zgloszenie/potwierdzenie"], posts);

        // The confirmation link and the stop link work without JavaScript too: each button is a plain post.
        var confirm = await Subscribe.ConfirmPathFromMessageAsync(Site, "+48600100200");
        await Page.GotoAsync(confirm);
        await Journey.ArriveAsync(Page, confirm, $"Potwierdzić wiadomości o zgłoszeniu {code} na numer ••• ••• 200?");
        await Journey.Button(Page, Subscribe.ConfirmButton).ClickAsync();
        await Journey.ArriveAsync(Page, confirm, Subscribe.Confirmed);
        Assert.Equal(confirm, posts[^1]);

        var stop = await Subscribe.StopPathAsync(Site, "+48600100200");
        await Page.GotoAsync(stop);
        await Journey.ArriveAsync(Page, stop, $"Wyłączyć wiadomości o zgłoszeniu {code} na numer ••• ••• 200?");
        await Journey.Button(Page, Subscribe.StopButton).ClickAsync();
        await Journey.ArriveAsync(Page, stop, Subscribe.Stopped);
        Assert.Equal(stop, posts[^1]);
        Assert.False(await Subscribe.IsActiveAsync(Site, "+48600100200"));
    }
}

/// <summary>A site whose public posts are limited to 3 a minute per address.</summary>
public sealed class StrictLimitSiteFixture : SiteFixture
{
    public const int PostsPerMinute = 3;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Abuse:PostsPerMinute"] = PostsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>The one-click stop has no anti-forgery token, so the per-address post limit must count it.</summary>
public sealed class SubscriptionOneClickLimitTests(StrictLimitSiteFixture site) : IClassFixture<StrictLimitSiteFixture>
{
    [Fact]
    public async Task OneClickStop_FromOneAddressOverTheLimit_IsRefusedWhileAnotherAddressStillGetsAnAnswer()
    {
        using var http = new HttpClient { BaseAddress = site.BaseAddress };
        var ct = TestContext.Current.CancellationToken;
        async Task<HttpStatusCode> PostAsync(string from, string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/powiadomienia/stop/{token}") { Content = SubscriptionTests.OneClick() };
            request.Headers.Add("X-Forwarded-For", from);
            using var response = await http.SendAsync(request, ct);
            return response.StatusCode;
        }

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= StrictLimitSiteFixture.PostsPerMinute; i++)
        {
            answers.Add(await PostAsync("203.0.113.9", $"zgadywany{i}"));
        }

        var expected = Enumerable.Repeat(HttpStatusCode.NotFound, StrictLimitSiteFixture.PostsPerMinute).Append(HttpStatusCode.TooManyRequests);
        Assert.Equal(expected, answers);
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync("198.51.100.4", "zgadywany9"));
    }
}
