using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.PublicSite.Components.Panel;

namespace MobilnyUrzednik.Accessibility;

/// <summary>Every log line the site writes (down to Debug), kept for the test to read.</summary>
public sealed class LogCapturingSiteFixture : SiteFixture
{
    public ConcurrentQueue<string> Lines { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:LogLevel:Microsoft"] = "Debug",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Debug",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(new CapturingProvider(Lines));

    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}

/// <summary>
/// No personal data in logs (issue 6): a canary in every field of the whole journey — and the office reading the
/// request — shows up in no log line, at any level; nor does one the administrator searches for, exports and erases.
/// </summary>
public sealed class LogPrivacyTests(BrowserFixture browser, LogCapturingSiteFixture site) : SiteTest(browser, site), IClassFixture<LogCapturingSiteFixture>
{
    [Fact]
    public async Task CanaryInEveryField_OfTheJourneyAndTheStaffRead_AppearsInNoLogLine()
    {
        var answers = new JourneyAnswers
        {
            ForWhom = "Dla sąsiada lub sąsiadki",
            Description = "Opis kanarekqz do sprawdzenia dzienników.",
            ResidentName = "Zofia Kanarkowaqz",
            ResidentPhone = "698 765 431",
            Street = "Kanarkowaqz 7",
            PostalCode = "99-871",
            Town = "Kanarkowoqz",
            SubmitterName = "Marek Kanarekqz",
            SubmitterPhone = "+48 697 654 328",
            Contact = "E-mailem",
            Email = "kanarekqz@example.pl",
            AccessNotes = "Furtka kanarekqz od podwórza.",
        };
        var canaries = new[] { "kanarek", "Kanarek", "Kanarkow", "698765431", "698 765 431", "697654328", "697 654 328", "99-871", "99871" };

        await Journey.WalkToCheckAsync(Page, answers, axe: false);
        await Journey.Button(Page, "Wyślij zgłoszenie").ClickAsync();
        await Journey.ExpectPageAsync(Page, "/zgloszenie/potwierdzenie", Journey.Headings.Confirmation);
        var code = await Journey.ReadCodeAsync(Page);

        // A daughter asks for the news too, on the confirmation page.
        await Journey.ChooseAsync(Page, "E-mailem");
        await Journey.TypeAsync(Page, Subscribe.AddressLabel, "corka.kanarekqz@example.pl");
        await Journey.Button(Page, Subscribe.Button).ClickAsync();
        await Expect(Subscribe.Notice(Page)).ToContainTextAsync("corka.kanarekqz@example.pl");
        await Journey.FindOnStatusPageAsync(Page, code, "4328");

        int id;
        await using (var db = Site.OpenDatabase())
        {
            id = (await db.VisitRequests.SingleAsync(r => r.ResidentName == "Zofia Kanarkowaqz", TestContext.Current.CancellationToken)).Id;
        }

        await Staff.SignInAsync(Page, Staff.Coordinator);
        await Page.GotoAsync($"/panel/zgloszenia/{id}");
        await Expect(Page.Locator("main")).ToContainTextAsync("Zofia Kanarkowaqz");
        await Page.GotoAsync("/panel/zgloszenia");
        await Page.GetByLabel("Szukaj").FillAsync("Kanarkowaqz");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Pokaż zgłoszenia" }).ClickAsync();
        await Expect(Page.Locator("main table")).ToContainTextAsync("Zofia Kanarkowaqz");

        var lines = site.Lines.ToArray();
        Assert.True(lines.Length > 100, $"Only {lines.Length} log lines were captured: the capture is not working.");
        var leaks = lines.Where(l => canaries.Any(c => l.Contains(c, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, "Personal data in the logs:\n" + string.Join("\n", leaks.Take(10)));
    }

    [Fact]
    public async Task CanaryInARequest_FoundByPhoneAndEmailExportedAndErased_AppearsInNoLogLine()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await Staff.CreateRequestAsync(Site, "Halina Sikorkaqz", "+48695111427");
        string code;
        await using (var db = Site.OpenDatabase())
        {
            await db.VisitRequests.Where(r => r.Id == id).ExecuteUpdateAsync(
                s => s.SetProperty(r => r.ContactEmail, "sikorkaqz@example.pl").SetProperty(r => r.Description, "Opis sikorkaqz do sprawdzenia dzienników."), ct);
            code = TrackingCode.Format(await db.VisitRequests.Where(r => r.Id == id).Select(r => r.TrackingCode).SingleAsync(ct));
        }

        var canaries = new[] { "sikork", "Sikork", "SIKORK", "695111427", "695 111 427" };
        var before = site.Lines.Count;
        await Staff.SignInAsync(Page, Staff.Administrator);
        await Page.GotoAsync(PanelRoutes.PersonalData);
        var query = Page.GetByLabel("Numer zgłoszenia, telefon lub e-mail");
        foreach (var typed in new[] { "695 111 427", "SIKORKAQZ@example.pl" })
        {
            await query.FillAsync(typed);
            await Journey.Button(Page, "Szukaj").ClickAsync();
            await Expect(Page.Locator("#wyniki tbody tr")).ToContainTextAsync(code);
        }

        var export = await Context.APIRequest.GetAsync($"{PanelRoutes.PersonalData}/eksport/{id}");
        Assert.Equal(200, export.Status);
        Assert.Contains("Halina Sikorkaqz", await export.TextAsync(), StringComparison.Ordinal);

        await Journey.Button(Page, "Usuń dane – " + code).ClickAsync();
        var confirm = Page.GetByLabel("Wpisz numer zgłoszenia, aby potwierdzić");
        await confirm.FillAsync("sikorkaqz");
        await Journey.Button(Page, "Usuń dane na zawsze").ClickAsync();
        await Expect(Page.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await confirm.FillAsync(code);
        await Journey.Button(Page, "Usuń dane na zawsze").ClickAsync();
        await Expect(Page.Locator("[data-panel-saved]")).ToContainTextAsync(code);

        var lines = site.Lines.ToArray();
        Assert.True(lines.Length > before, "nothing was logged: the capture is not working");
        var leaks = lines.Where(l => canaries.Any(c => l.Contains(c, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, "Personal data in the logs:\n" + string.Join("\n", leaks.Take(10)));
    }
}
