using System.Collections.Concurrent;
using System.Net;

namespace MobilnyUrzednik.Accessibility;

/// <summary>A site whose public posts are limited to 40 a minute per address (the residents' journeys here come from
/// 127.0.0.1; the flood says it comes from another address, through the loopback proxy the site trusts).</summary>
public sealed class FloodSiteFixture : SiteFixture
{
    public const int PostsPerMinute = 40;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Abuse:PostsPerMinute"] = PostsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>Abuse without puzzles (issue 6): a flood from one address is cut to the limit while people still file.</summary>
public sealed class AbuseTests(BrowserFixture browser, FloodSiteFixture site) : IClassFixture<FloodSiteFixture>
{
    [Fact]
    public async Task FloodOf1000PostsFromOneAddress_IsCutToTheLimit_WhileAKeyboardAndAScreenReaderStyleResidentFileNormally()
    {
        var flood = FloodAsync();

        // Meanwhile, two residents: one by the keyboard alone, one by roles and accessible names (as a screen reader
        // user moves: headings, labelled fields, named buttons).
        var keyboard = KeyboardResidentAsync();
        var screenReader = ScreenReaderResidentAsync();
        var (accepted, refused, reasons) = await flood;
        var codes = await Task.WhenAll(keyboard, screenReader);

        Assert.Equal(FloodSiteFixture.PostsPerMinute, accepted);
        Assert.Equal(1000 - FloodSiteFixture.PostsPerMinute, refused);
        Assert.All(reasons, r => Assert.Contains("Za dużo prób w krótkim czasie", r, StringComparison.Ordinal));
        Assert.All(codes, code => Assert.Matches(Journey.CodePattern, code));
    }

    /// <summary>1,000 form posts as fast as 20 connections allow (well over 1,000 a minute), from 203.0.113.7.</summary>
    private async Task<(int Accepted, int Refused, IReadOnlyCollection<string> Reasons)> FloodAsync()
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 20 }) { BaseAddress = site.BaseAddress };
        var accepted = 0;
        var refused = 0;
        var reasons = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 20 }, async (i, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/zgloszenie")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "start", ["pole"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            };
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            using var response = await http.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Interlocked.Increment(ref refused);
                if (reasons.Count < 5)
                {
                    reasons.Add(await response.Content.ReadAsStringAsync(ct));
                }
            }
            else
            {
                Interlocked.Increment(ref accepted);
            }
        });
        return (accepted, refused, reasons);
    }

    private async Task<string> ScreenReaderResidentAsync()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), Locale = "pl-PL" });
        var page = await context.NewPageAsync();
        await Journey.WalkToCheckAsync(page, new JourneyAnswers(), axe: false);
        return await Journey.SendAsync(page);
    }

    private async Task<string> KeyboardResidentAsync()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), Locale = "pl-PL" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/zgloszenie");
        await KeyboardOnly.TabToAsync(page, Journey.Button(page, "Rozpocznij"));
        await KeyboardOnly.SubmitAsync(page, "/zgloszenie/miejsce-zamieszkania", Journey.Headings.Residence, axe: false);
        await KeyboardOnly.ChooseAsync(page, "Tak");
        await Next("/zgloszenie/powod", Journey.Headings.Reason);
        await KeyboardOnly.ChooseAsync(page, "Ze względu na wiek");
        await Next("/zgloszenie/dla-kogo", Journey.Headings.ForWhom);
        await KeyboardOnly.ChooseAsync(page, "Dla mnie");
        await Next("/zgloszenie/sprawa", Journey.Headings.Matter);
        await KeyboardOnly.ChooseAsync(page, "Wniosek o dowód osobisty");
        await Next("/zgloszenie/opis", Journey.Headings.Description);
        await Next("/zgloszenie/mieszkaniec", Journey.Headings.ResidentSelf);
        await KeyboardOnly.TypeAsync(page, Journey.Field(page, "Imię i nazwisko"), "Teresa Kwiatkowska");
        await KeyboardOnly.TypeAsync(page, Journey.Field(page, "Numer telefonu"), "603 111 222");
        await Next("/zgloszenie/adres", Journey.Headings.AddressSelf);
        await KeyboardOnly.TypeAsync(page, Journey.Field(page, "Ulica, numer domu i mieszkania"), "Polna 3");
        await KeyboardOnly.TypeAsync(page, Journey.Field(page, "Kod pocztowy"), "00-950");
        await KeyboardOnly.TypeAsync(page, Journey.Field(page, "Miejscowość"), "Przykładowo");
        await Next("/zgloszenie/kontakt", Journey.Headings.Contact);
        await KeyboardOnly.ChooseAsync(page, "Telefonicznie");
        await Next("/zgloszenie/potrzeby", Journey.Headings.AccessNeeds);
        await Next("/zgloszenie/termin", Journey.Headings.Times);
        await KeyboardOnly.ChooseAsync(page, "Jak najszybciej");
        await KeyboardOnly.ChooseAsync(page, "Każda pora");
        await Next("/zgloszenie/sprawdz", Journey.Headings.Check);
        await KeyboardOnly.TabToAsync(page, Journey.Button(page, "Wyślij zgłoszenie"), maxPresses: 60);
        await KeyboardOnly.SubmitAsync(page, "/zgloszenie/potwierdzenie", Journey.Headings.Confirmation, axe: false);
        return await Journey.ReadCodeAsync(page);

        async Task Next(string path, string heading)
        {
            await KeyboardOnly.TabToAsync(page, Journey.Continue(page));
            await KeyboardOnly.SubmitAsync(page, path, heading, axe: false);
        }
    }
}
