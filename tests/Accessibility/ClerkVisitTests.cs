using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Visits;
using MobilnyUrzednik.PublicSite.Components.Panel;

namespace MobilnyUrzednik.Accessibility;

/// <summary>The site on a clock the test moves: a clerk's visit begins when the test says so.</summary>
public sealed class ClerkSiteFixture : SiteFixture
{
    public ManualClock Clock { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>The next working day after the site's today: a day no earlier test of the class has reached.</summary>
    public DateOnly NextWorkingDay => WorkingDays.Next(WarsawTime.Today(Clock));

    /// <summary>Moves the site's clock on to <paramref name="hour"/>:<paramref name="minute"/> of <paramref name="day"/> in Warsaw.</summary>
    public void AdvanceTo(DateOnly day, int hour, int minute = 0)
    {
        var target = VisitOutcomes.StartsAt(day, new TimeOnly(hour, minute));
        var by = target - Clock.GetUtcNow();
        Assert.True(by > TimeSpan.Zero, "The clock only moves forward.");
        Clock.Advance(by);
    }
}

/// <summary>A phone: 390×844 CSS px, touch, mobile viewport.</summary>
public abstract class PhoneSiteTest(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site)
{
    protected override void ConfigureContext(BrowserNewContextOptions options)
    {
        options.ViewportSize = new() { Width = 390, Height = 844 };
        options.HasTouch = true;
        options.IsMobile = true;
    }

    /// <summary>Signs in through the form by touch and waits for the panel's start page.</summary>
    protected async Task SignInByTouchAsync(string email)
    {
        await Page.GotoAsync(PanelRoutes.SignIn);
        await Page.GetByRole(AriaRole.Textbox, new() { Name = "Adres e-mail", Exact = true }).FillAsync(email);
        await Page.GetByLabel("Hasło", new() { Exact = true }).FillAsync(Staff.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zaloguj się", Exact = true }).TapAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/panel$"));
    }

    protected async Task<(int RequestId, int VisitId, string Code)> BookAsync(SiteFixture site, string clerk, DateOnly day, int hour, string resident = "Janina Kowalczyk")
    {
        var request = await Staff.CreateRequestAsync(site, resident);
        var visit = await VisitsTestKit.BookAsync(site, request, clerk, day, hour);
        await using var db = site.OpenDatabase();
        var code = await db.VisitRequests.Where(r => r.Id == request).Select(r => r.TrackingCode).SingleAsync(TestContext.Current.CancellationToken);
        return (request, visit, code);
    }

    protected static async Task<Visit> VisitAsync(SiteFixture site, int visitId)
    {
        await using var db = site.OpenDatabase();
        return await db.Visits.AsNoTracking().SingleAsync(v => v.Id == visitId, TestContext.Current.CancellationToken);
    }

    protected static async Task<int> OutcomeAuditsAsync(SiteFixture site, int requestId)
    {
        await using var db = site.OpenDatabase();
        return await db.AuditLog.CountAsync(a => a.Action == AuditActions.VisitOutcome && a.Subject == AuditLog.RequestSubject(requestId), TestContext.Current.CancellationToken);
    }

    /// <summary>Answers "held, through ePUAP, with this UPO, nothing more needed" by touch.</summary>
    protected async Task ChooseHeldThroughEpuapAsync(string upo)
    {
        await Page.GetByLabel("Tak, wizyta się odbyła").TapAsync();
        await Page.GetByLabel("Przez ePUAP").TapAsync();
        await Page.GetByLabel("Numer UPO z ePUAP").FillAsync(upo);
        await Page.GetByLabel("Nie, sprawa jest załatwiona").TapAsync();
    }
}

/// <summary>The clerk closes their own visit on a phone, held or not held; the resident and the coordinator see it.</summary>
public sealed class ClerkOutcomeTests(BrowserFixture browser, ClerkSiteFixture site) : PhoneSiteTest(browser, site), IClassFixture<ClerkSiteFixture>
{
    [Fact]
    public async Task Phone_OpensOnTheNextDayWithAVisit_ClosesItAsHeldWithAnEpuapUpo_AndTheResidentsStatusShowsIt()
    {
        var day = site.NextWorkingDay;
        var (requestId, visitId, code) = await BookAsync(site, Staff.OtherClerk, day, 10, "Leokadia Odwiedzana");
        await SignInByTouchAsync(Staff.OtherClerk);

        // Before the day: "Moje wizyty" opens on the next day that has a visit.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Moje wizyty", Exact = true }).First.TapAsync();
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Moje wizyty");
        await Expect(Page.Locator("#dzien")).ToHaveTextAsync($"{VisitText.Day(day)}: 1 wizyta");
        var section = Page.Locator($"section[data-visit='{visitId}']");
        await Expect(section.Locator(".door-word")).ToBeVisibleAsync();
        await Expect(section.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Otwórz w mapach telefonu") })).ToHaveAttributeAsync("href", new Regex("^geo:0,0\\?q="));
        await Expect(section.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Pokaż na mapie OpenStreetMap") })).ToHaveAttributeAsync("href", new Regex("^https://www\\.openstreetmap\\.org/search\\?query="));
        await Expect(section.GetByRole(AriaRole.Link, new() { Name = "Zadzwoń: 600 100 200" })).ToHaveAttributeAsync("href", "tel:+48600100200");
        await Axe.CheckAsync(Page, "moje wizyty (telefon): dzień z wizytą");

        // Before the visit's start the form says from when; the outcome is refused until then.
        await section.GetByRole(AriaRole.Link, new() { Name = "Zapisz wynik wizyty – 10:00–12:00" }).TapAsync();
        await Expect(Page.Locator("main h1")).ToHaveTextAsync(new Regex("^Wizyta 10:00–12:00: "));
        await Expect(Page.Locator("main")).ToContainTextAsync("Wynik zapiszesz od 10:00, kiedy wizyta się zacznie.");
        await ChooseHeldThroughEpuapAsync("UPO-2026-000123");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zapisz wynik wizyty" }).TapAsync();
        await Expect(Page).ToHaveTitleAsync(new Regex("^Błąd: "));
        await Expect(Page.Locator(".error-summary")).ToContainTextAsync($"Wizyta zaczyna się {VisitText.Day(day)} o 10:00");
        await Expect(Page.Locator(".error-summary")).ToBeFocusedAsync();
        await Expect(Page.GetByLabel("Numer UPO z ePUAP")).ToHaveValueAsync("UPO-2026-000123");
        await Axe.CheckAsync(Page, "wynik wizyty: błąd (przed czasem)");
        Assert.Equal(VisitState.Booked, (await VisitAsync(site, visitId)).State);

        // At the door, after the start (a day later on the site's clock: the session has ended, the clerk signs in again).
        site.AdvanceTo(day, 10, 20);
        await SignInByTouchAsync(Staff.OtherClerk);
        await Page.GotoAsync(CalendarFeeds.VisitLink(visitId));
        await Expect(Page.Locator("main")).Not.ToContainTextAsync("Wynik zapiszesz od");
        await ChooseHeldThroughEpuapAsync("UPO-2026-000123");
        await Axe.CheckAsync(Page, "wynik wizyty: formularz (odbyła się)");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zapisz wynik wizyty" }).TapAsync();
        await Expect(Page.Locator("[data-notice]")).ToHaveTextAsync("Zapisaliśmy wynik wizyty.");
        await Expect(Page.Locator("main")).ToContainTextAsync("UPO-2026-000123");
        await Axe.CheckAsync(Page, "wynik wizyty: zapisany");

        var visit = await VisitAsync(site, visitId);
        Assert.Equal((VisitState.Completed, OutcomeChannel.Epuap, "UPO-2026-000123"), (visit.State, visit.OutcomeChannel, visit.OutcomeReference));
        Assert.Equal(1, await OutcomeAuditsAsync(site, requestId));

        // The resident reads it on /status.
        var resident = await Context.Browser!.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), Locale = "pl-PL" });
        var status = await resident.NewPageAsync();
        await status.GotoAsync("/status?numer=" + TrackingCode.Format(code));
        await status.GetByLabel("4 ostatnie cyfry numeru telefonu").FillAsync("0200");
        await status.GetByRole(AriaRole.Button, new() { Name = "Sprawdź status" }).ClickAsync();
        await Expect(status.Locator("main")).ToContainTextAsync("Sprawa załatwiona");
        await Expect(status.Locator("main")).ToContainTextAsync("Sprawę złożyliśmy przez ePUAP, numer UPO: UPO-2026-000123.");
        await resident.CloseAsync();
    }

    [Fact]
    public async Task Phone_NobodyHome_TheRequestReturnsToTheInboxMarkedForANewVisit()
    {
        var day = site.NextWorkingDay;
        var (requestId, visitId, code) = await BookAsync(site, Staff.Clerk, day, 8, "Zenon Nieobecny");
        site.AdvanceTo(day, 9, 0);
        await SignInByTouchAsync(Staff.Clerk);
        await Page.GotoAsync(PanelRoutes.MyVisits);
        await Page.Locator($"section[data-visit='{visitId}']").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Zapisz wynik wizyty") }).TapAsync();

        // Nothing chosen: every question of the chosen part is asked for, in plain words.
        await Page.GetByLabel("Nie, wizyta się nie odbyła").TapAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zapisz wynik wizyty" }).TapAsync();
        await Expect(Page.Locator(".error-summary li")).ToHaveTextAsync(["Wybierz, dlaczego wizyta się nie odbyła", "Wybierz, co dalej ze zgłoszeniem"]);
        await Expect(Page.GetByLabel("Nie, wizyta się nie odbyła")).ToBeCheckedAsync();
        await Axe.CheckAsync(Page, "wynik wizyty: błąd (nie odbyła się)");

        await Page.GetByLabel("Nikogo nie było w domu").TapAsync();
        await Page.GetByLabel("Umówić nową wizytę – zgłoszenie wraca do koordynatora").TapAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zapisz wynik wizyty" }).TapAsync();
        await Expect(Page.Locator("[data-notice]")).ToHaveTextAsync("Zapisaliśmy wynik wizyty.");
        Assert.Equal((VisitState.NotHeld, NotHeldReason.NobodyHome), ((await VisitAsync(site, visitId)).State, (await VisitAsync(site, visitId)).NotHeldReason));

        // The coordinator finds it back in the inbox, marked for a new visit.
        var office = await Context.Browser!.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), Locale = "pl-PL", ViewportSize = new() { Width = 1280, Height = 900 } });
        var inbox = await office.NewPageAsync();
        await Staff.SignInAsync(inbox, Staff.Coordinator);
        await inbox.GotoAsync(PanelRoutes.Inbox);
        var row = inbox.Locator("tr", new() { Has = inbox.GetByRole(AriaRole.Link, new() { Name = TrackingCode.Format(code) }) });
        await Expect(row).ToContainTextAsync("Zgłoszenie jest sprawdzane");
        await Expect(row.Locator("[data-new-visit]")).ToHaveTextAsync("Umów nową wizytę");
        await office.CloseAsync();

        await using var db = site.OpenDatabase();
        var request = await db.VisitRequests.AsNoTracking().Include(r => r.History).SingleAsync(r => r.Id == requestId, TestContext.Current.CancellationToken);
        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.Contains(request.History, h => h.PublicNote == $"Wizyta {VisitText.Date(day)} r. nie odbyła się. Nikogo nie zastaliśmy w domu. Zadzwonimy, aby umówić nowy termin.");
    }
}

/// <summary>
/// A weak signal: the day is loaded, the signal goes (Playwright's offline mode), the outcome is typed and kept on the
/// phone, and sent once when the signal is back — also when the page was reloaded in between.
/// </summary>
public sealed class ClerkOfflineTests(BrowserFixture browser, ClerkSiteFixture site) : PhoneSiteTest(browser, site), IClassFixture<ClerkSiteFixture>
{
    private const string Ready = "Ten dzień jest zapisany w telefonie: otworzysz go także bez zasięgu. Zniknie z telefonu o północy i po wylogowaniu.";
    private const string Kept = "Brak internetu. Wynik jest zapisany w telefonie. Wyślemy go sami, gdy wróci połączenie – możesz wyjść z tej strony.";

    [Fact]
    public async Task Offline_AfterTheDayLoaded_TheOutcomeIsKept_AndStoredExactlyOnceWhenTheSignalIsBack()
    {
        var (requestId, visitId) = await TodaysVisitAsync("Bronisława Bezzasięgu");
        await OpenTheDayAsync();

        await Context.SetOfflineAsync(true);
        await Page.Locator($"section[data-visit='{visitId}']").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Zapisz wynik wizyty") }).TapAsync();
        await Expect(Page.Locator("main h1")).ToHaveTextAsync(new Regex("^Wizyta 08:00–10:00: "));
        await ChooseHeldThroughEpuapAsync("UPO-OFFLINE-1");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zapisz wynik wizyty" }).TapAsync();
        await Expect(Page.Locator("[data-offline-status]")).ToHaveTextAsync(Kept);
        await Expect(Page.Locator("[data-offline-status]")).ToBeFocusedAsync();
        var kept = await KeptFormAsync(visitId);
        await Axe.CheckAsync(Page, "wynik wizyty: zapisany w telefonie");
        Assert.Equal(VisitState.Booked, (await VisitAsync(site, visitId)).State);

        await Context.SetOfflineAsync(false);
        await Expect(Page.Locator("[data-notice]")).ToHaveTextAsync("Zapisaliśmy wynik wizyty.");
        await AssertStoredOnceAsync(requestId, visitId, "UPO-OFFLINE-1", kept);
    }

    [Fact]
    public async Task Offline_PageReloadedWhileOffline_NothingTypedIsLost_AndItIsStoredExactlyOnce()
    {
        var (requestId, visitId) = await TodaysVisitAsync("Czesław Przeładowany");
        await OpenTheDayAsync();

        await Context.SetOfflineAsync(true);
        await Page.Locator($"section[data-visit='{visitId}']").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Zapisz wynik wizyty") }).TapAsync();
        await ChooseHeldThroughEpuapAsync("UPO-OFFLINE-2");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zapisz wynik wizyty" }).TapAsync();
        await Expect(Page.Locator("[data-offline-status]")).ToHaveTextAsync(Kept);

        var kept = await KeptFormAsync(visitId);

        // Reloaded without a signal: the kept page comes back (from the phone, not the server) with what was typed.
        var reloaded = await Page.ReloadAsync();
        Assert.True(reloaded!.FromServiceWorker);
        await Expect(Page.Locator("main h1")).ToHaveTextAsync(new Regex("^Wizyta 08:00–10:00: "));
        await Expect(Page.Locator("[data-offline-status]")).ToHaveTextAsync(Kept);
        await Expect(Page.GetByLabel("Przez ePUAP")).ToBeCheckedAsync();
        await Expect(Page.GetByLabel("Numer UPO z ePUAP")).ToHaveValueAsync("UPO-OFFLINE-2");

        // The day page too.
        Assert.True((await Page.GotoAsync(PanelRoutes.MyVisits))!.FromServiceWorker);
        await Expect(Page.Locator($"section[data-visit='{visitId}'] [data-pending-notice]")).ToHaveTextAsync("Wynik czeka w telefonie na wysłanie.");
        Assert.Equal(VisitState.Booked, (await VisitAsync(site, visitId)).State);

        await Context.SetOfflineAsync(false);
        await Expect(Page.Locator($"section[data-visit='{visitId}']")).ToContainTextAsync("wizyta się odbyła");
        await AssertStoredOnceAsync(requestId, visitId, "UPO-OFFLINE-2", kept);
    }

    [Fact]
    public async Task SignOut_WipesTheDayKeptOnThePhone()
    {
        await TodaysVisitAsync("Dorota Wylogowana");
        await OpenTheDayAsync();
        Assert.NotEmpty(await KeptCachesAsync());

        await Page.GetByRole(AriaRole.Button, new() { Name = "Wyloguj się" }).TapAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/panel/logowanie"));
        await Page.WaitForFunctionAsync(NothingKept);
        Assert.Empty(await KeptCachesAsync());
    }

    [Fact]
    public async Task EndOfTheDay_AnOutcomeKeptOnThePhoneAndTheDaysPagesAreWiped()
    {
        var (_, visitId) = await TodaysVisitAsync("Edmund Północny");
        await Context.Clock.InstallAsync(new() { TimeDate = site.Clock.GetUtcNow().UtcDateTime });
        await OpenTheDayAsync();
        await Context.SetOfflineAsync(true);
        await Page.Locator($"section[data-visit='{visitId}']").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Zapisz wynik wizyty") }).TapAsync();
        await ChooseHeldThroughEpuapAsync("UPO-NOC");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zapisz wynik wizyty" }).TapAsync();
        await Expect(Page.Locator("[data-offline-status]")).ToHaveTextAsync(Kept);

        // A minute past midnight in Warsaw on the phone's clock: what the phone kept for that day goes.
        var day = DateOnly.FromDateTime(WarsawTime.ToWarsaw(site.Clock.GetUtcNow()).DateTime);
        await Page.Clock.SetSystemTimeAsync(VisitOutcomes.StartsAt(day.AddDays(1), new TimeOnly(0, 1)).UtcDateTime);
        await Page.ReloadAsync();
        await Page.WaitForFunctionAsync(NothingKept);
        await Page.ReloadAsync();
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Brak połączenia");
        await Axe.CheckAsync(Page, "moje wizyty: brak połączenia");
    }

    // Polled in the page until true: no day's pages in the caches and no outcome in localStorage.
    private const string NothingKept = "async () => (await caches.keys()).every(n => !n.startsWith('mu-wizyty-') || n === 'mu-wizyty-pliki') && Object.keys(localStorage).every(k => !k.startsWith('mu-wynik-'))";

    private Task<string[]> KeptCachesAsync() =>
        Page.EvaluateAsync<string[]>("async () => (await caches.keys()).filter(n => n.startsWith('mu-wizyty-') && n !== 'mu-wizyty-pliki')");

    private async Task<(int RequestId, int VisitId)> TodaysVisitAsync(string resident)
    {
        var day = site.NextWorkingDay;
        var (requestId, visitId, _) = await BookAsync(site, Staff.Clerk, day, 8, resident);
        site.AdvanceTo(day, 8, 30);
        return (requestId, visitId);
    }

    private async Task OpenTheDayAsync()
    {
        await SignInByTouchAsync(Staff.Clerk);
        await Page.GotoAsync(PanelRoutes.MyVisits);
        await Expect(Page.Locator("[data-offline-status]")).ToHaveTextAsync(Ready);
    }

    /// <summary>The outcome as the page keeps it on the phone (its fields, the key and token included).</summary>
    private async Task<string> KeptFormAsync(int visitId) =>
        await Page.EvaluateAsync<string>("id => JSON.stringify(JSON.parse(localStorage.getItem('mu-wynik-' + id)).fields)", visitId);

    private async Task AssertStoredOnceAsync(int requestId, int visitId, string upo, string keptFields)
    {
        var visit = await VisitAsync(site, visitId);
        Assert.Equal((VisitState.Completed, upo), (visit.State, visit.OutcomeReference));
        Assert.Equal(1, await OutcomeAuditsAsync(site, requestId));
        Assert.Empty(await Page.EvaluateAsync<string[]>("() => Object.keys(localStorage).filter(k => k.startsWith('mu-wynik-'))"));

        // The same kept form sent again (a phone that never heard the first answer) is answered "stored" and changes nothing.
        await using var db = site.OpenDatabase();
        var history = await db.RequestHistory.CountAsync(h => h.VisitRequestId == requestId, TestContext.Current.CancellationToken);
        var again = await Page.EvaluateAsync<int>(
            "async ([url, fields]) => (await fetch(url, { method: 'POST', body: new URLSearchParams(JSON.parse(fields)), headers: { 'X-Requested-With': 'XMLHttpRequest' } })).status",
            new object[] { PanelRoutes.OutcomeApi(visitId), keptFields });
        Assert.Equal(200, again);
        Assert.Equal(1, await OutcomeAuditsAsync(site, requestId));
        Assert.Equal(history, await db.RequestHistory.CountAsync(h => h.VisitRequestId == requestId, TestContext.Current.CancellationToken));
    }
}

/// <summary>The clerk's calendar address, and the new pages by keyboard alone and at 320 px.</summary>
public sealed class ClerkPagesTests(BrowserFixture browser, ClerkSiteFixture site) : SiteTest(browser, site), IClassFixture<ClerkSiteFixture>
{
    [Fact]
    public async Task CalendarAddress_MadeShownOnce_Renewed_TheOldAddressAnswers404()
    {
        var day = site.NextWorkingDay;
        await VisitsTestKit.BookAsync(site, await Staff.CreateRequestAsync(site, "Kalina Kalendarzowa"), Staff.Clerk, day, 10);
        await Staff.SignInAsync(Page, Staff.Clerk);
        await Page.GotoAsync(PanelRoutes.MyVisits);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Kalendarz w telefonie" }).ClickAsync();
        await Expect(Page.Locator("main h1")).ToHaveTextAsync("Kalendarz w telefonie");
        await Axe.CheckAsync(Page, "kalendarz: bez adresu");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Utwórz adres kalendarza" }).ClickAsync();
        var address = Page.GetByLabel("Adres kalendarza");
        var first = await address.InputValueAsync();
        Assert.Matches(new Regex("/kalendarz/[A-Za-z0-9_-]{43}\\.ics$"), first);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Dodaj do kalendarza w tym telefonie" })).ToHaveAttributeAsync("href", new Regex("^webcal://"));
        await Expect(Page.Locator("[data-notice]")).ToBeFocusedAsync();
        await Axe.CheckAsync(Page, "kalendarz: nowy adres");

        // A calendar app fetches it without signing in.
        var anonymous = await Context.Browser!.NewContextAsync();
        var feed = await anonymous.APIRequest.GetAsync(first);
        Assert.Equal(200, feed.Status);
        Assert.StartsWith("text/calendar", feed.Headers["content-type"], StringComparison.Ordinal);
        var ics = await feed.TextAsync();
        Assert.Contains($"DTSTART;TZID=Europe/Warsaw:{day:yyyyMMdd}T100000", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("Kalendarzowa", ics, StringComparison.Ordinal);

        // Renewed: the address shown before stops working.
        await Page.GotoAsync(PanelRoutes.MyCalendarFeed);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Utwórz nowy adres" }).ClickAsync();
        var second = await Page.GetByLabel("Adres kalendarza").InputValueAsync();
        Assert.NotEqual(first, second);
        Assert.Equal(404, (await anonymous.APIRequest.GetAsync(first)).Status);
        Assert.Equal(200, (await anonymous.APIRequest.GetAsync(second)).Status);
        await anonymous.CloseAsync();

        // Reloaded, the page never shows the address again (only its hash is kept).
        await Page.GotoAsync(PanelRoutes.MyCalendarFeed);
        await Expect(Page.GetByLabel("Adres kalendarza")).ToHaveCountAsync(0);
        await Expect(Page.Locator("main")).ToContainTextAsync("Twój adres kalendarza działa od");
    }

    [Fact]
    public async Task OutcomeForm_ByKeyboardAlone_AndEveryNewPageReflowsAt320()
    {
        var day = site.NextWorkingDay;
        var visitId = await VisitsTestKit.BookAsync(site, await Staff.CreateRequestAsync(site, "Klara Klawiatura"), Staff.OtherClerk, day, 8);
        site.AdvanceTo(day, 8, 15);
        await Staff.SignInAsync(Page, Staff.OtherClerk);
        await Page.GotoAsync(CalendarFeeds.VisitLink(visitId));

        // The skip link first, then the form, all by keyboard.
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.Locator(".skip-link")).ToBeFocusedAsync();
        await KeyboardOnly.ChooseAsync(Page, "Nie, wizyta się nie odbyła");
        await KeyboardOnly.ChooseAsync(Page, "Mieszkaniec nie chciał wizyty");
        await KeyboardOnly.ChooseAsync(Page, "Zamknąć zgłoszenie – wizyta nie jest już potrzebna");
        await KeyboardOnly.TypeAsync(Page, Page.GetByLabel("Notatka dla urzędu (opcjonalnie)"), "Córka zabrała mamę do siebie.");
        await KeyboardOnly.TabToAsync(Page, Page.GetByRole(AriaRole.Button, new() { Name = "Zapisz wynik wizyty" }));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("[data-notice]")).ToHaveTextAsync("Zapisaliśmy wynik wizyty.");
        await Expect(Page.Locator("[data-notice]")).ToBeFocusedAsync();

        await Page.SetViewportSizeAsync(320, 640);
        foreach (var path in new[] { PanelRoutes.MyVisits + "?dzien=" + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), CalendarFeeds.VisitLink(visitId), PanelRoutes.MyCalendarFeed, PanelRoutes.MyDaySheet, "/panel/moje-wizyty/bez-polaczenia" })
        {
            await Page.GotoAsync(path);
            Assert.True(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{path} scrolls sideways at 320 px.");
            await Axe.CheckAsync(Page, "320 px: " + path);
        }
    }
}
