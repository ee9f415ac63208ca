using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// "Wyślij zgłoszenie" pressed again and again (double click, refresh, back and resend) must make one
/// request, and every press must end on the same confirmation. Checked in the site's own database.
/// </summary>
public abstract class DoubleSubmitChecks(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site)
{
    [Fact]
    public async Task CheckAnswersForm_SentFiveTimesAtOnceThenAgain_CreatesOneRequestAndAllEndOnTheSameCode()
    {
        await Journey.WalkToCheckAsync(Page, new JourneyAnswers { ResidentName = "Zdzisław Dwukrotny" });

        // The very form the browser would send: its anti-forgery token and Blazor's form name.
        var form = Page.Locator("form").Filter(new() { Has = Journey.Button(Page, "Wyślij zgłoszenie") });
        var fields = await form.Locator("input[type=hidden]").EvaluateAllAsync<Dictionary<string, string>>(
            "inputs => Object.fromEntries(inputs.map(i => [i.name, i.value]))");
        Assert.Contains("__RequestVerificationToken", fields.Keys);
        Assert.Contains("_handler", fields.Keys);
        var data = Context.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            data.Set(name, value);
        }

        // Five posts at once with the browser's cookies, as an impatient double (or quintuple) click sends them.
        var checkUrl = Page.Url;
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Page.APIRequest.PostAsync(checkUrl, new() { Form = data })));

        var codes = new List<string>();
        foreach (var response in responses)
        {
            Assert.Equal(200, response.Status);
            Assert.Equal("/zgloszenie/potwierdzenie", new Uri(response.Url).AbsolutePath);
            codes.Add(CodeIn(await response.TextAsync()));
        }

        // Once more after the request is stored, as a refresh or back-and-resend does without JavaScript.
        var resent = await Page.APIRequest.PostAsync(checkUrl, new() { Form = data });
        Assert.Equal(200, resent.Status);
        Assert.Equal("/zgloszenie/potwierdzenie", new Uri(resent.Url).AbsolutePath);
        codes.Add(CodeIn(await resent.TextAsync()));

        var code = Assert.Single(codes.Distinct());
        Assert.Matches(Journey.CodePattern, code);

        // The check page still open in the browser (JavaScript on): pressing its button again shows the same confirmation.
        await Journey.Button(Page, "Wyślij zgłoszenie").ClickAsync();
        await Journey.ArriveAsync(Page, "/zgloszenie/potwierdzenie", Journey.Headings.Confirmation);
        Assert.Equal(code, await Journey.ReadCodeAsync(Page));

        // Back to the check page and resend: still the same request.
        await Page.GotoAsync("/zgloszenie/sprawdz");
        await Journey.ExpectPageAsync(Page, "/zgloszenie/potwierdzenie", Journey.Headings.Confirmation);
        Assert.Equal(code, await Journey.ReadCodeAsync(Page));

        await using var db = Site.OpenDatabase();
        var request = Assert.Single(await db.VisitRequests.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(code.Replace("-", string.Empty, StringComparison.Ordinal), request.TrackingCode);
        Assert.Equal("Zdzisław Dwukrotny", request.ResidentName);
        Assert.Equal(1, await db.RequestHistory.CountAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The code as the confirmation page shows it, in groups: "K7P-4QX-9M".</summary>
    private static string CodeIn(string html)
    {
        var groups = Regex.Matches(html, @"class=""reference__group"">\s*([^<\s]+)\s*<").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(groups);
        return string.Join('-', groups);
    }
}

public sealed class DoubleSubmitTests(BrowserFixture browser, SiteFixture site) : DoubleSubmitChecks(browser, site), IClassFixture<SiteFixture>;

/// <summary>The same on PostgreSQL, where the five posts really run side by side (no single writer to queue them).</summary>
public sealed class DoubleSubmitOnPostgresTests(BrowserFixture browser, PostgresSiteFixture site) : DoubleSubmitChecks(browser, site), IClassFixture<PostgresSiteFixture>;
