using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.PublicSite.Components.Pages.Requests;

// ACCESSIBILITY.md: F10 (h1 panel, reference chunked for reading aloud, next steps, contact, status link).
public class ConfirmationTests : PublicSiteTestContext
{
    [Fact]
    public async Task Confirmation_SentRequest_PanelIsTheOnlyH1()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (cut, _) = await RenderSentAsync(database);

        Assert.Single(cut.FindAll("h1"));
        Assert.Equal("Zgłoszenie wysłane", Words(cut.Find(".panel > h1").TextContent));
    }

    [Fact]
    public async Task Confirmation_SentRequest_ReferenceInChunksAndSpelledOut()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (cut, code) = await RenderSentAsync(database);

        var reference = cut.Find(".panel .reference");
        Assert.Equal(TrackingCode.Groups(code), reference.QuerySelectorAll("[aria-hidden=true] .reference__group").Select(g => g.TextContent));
        var spelled = string.Join(", ", TrackingCode.Groups(code).Select(g => string.Join(' ', g.ToCharArray())));
        Assert.Equal(spelled, reference.QuerySelector(".visually-hidden")?.TextContent);
    }

    [Fact]
    public async Task Confirmation_SentRequest_NextStepsContactAndStatusLink()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (cut, code) = await RenderSentAsync(database);

        Assert.Equal(4, cut.FindAll("h2 + ol > li").Count);
        Assert.Contains("22 123 45 67", cut.Find("h2 + ol > li:last-child").TextContent, StringComparison.Ordinal);
        var status = cut.Find("a[href^='/status']");
        Assert.Equal($"/status?numer={TrackingCode.Format(code)}", status.GetAttribute("href"));
        Assert.Equal("sprawdź status zgłoszenia", Words(status.TextContent));
    }

    [Fact]
    public async Task Confirmation_NoSentRequest_BackToTheStart()
    {
        await using var database = await TestDatabase.CreateAsync();
        UseDatabase(database, new FakeClock());

        var cut = Render<Confirmation>(p => p.AddCascadingValue<HttpContext>(new DefaultHttpContext()));

        var nav = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.Equal(nav.ToAbsoluteUri(JourneyRoutes.Start).ToString(), nav.Uri));
        Assert.Empty(cut.FindAll(".panel"));
    }

    private async Task<(IRenderedComponent<Confirmation> Cut, string Code)> RenderSentAsync(TestDatabase database)
    {
        var clock = new FakeClock();
        UseDatabase(database, clock);
        var (key, code) = await SubmitAsync(database, clock, SampleAnswers.ForSelf());
        var http = new DefaultHttpContext();
        http.Request.Headers.Cookie = $"{JourneyRoutes.DraftCookie}={key}";

        var cut = Render<Confirmation>(p => p.AddCascadingValue<HttpContext>(http));
        cut.WaitForElement(".panel");
        return (cut, code);
    }
}
