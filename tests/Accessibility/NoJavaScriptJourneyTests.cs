namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// With JavaScript switched off every form is a plain HTML post answered by a redirect or a page:
/// a resident's request and the status look-up must still work end to end.
/// </summary>
public sealed class NoJavaScriptJourneyTests(BrowserFixture browser, SiteFixture site) : SiteTest(browser, site), IClassFixture<SiteFixture>
{
    protected override bool JavaScriptEnabled => false;

    [Fact]
    public async Task RequestForCaregiver_WithJavaScriptOff_IsSentAndFoundWithPlainFormPosts()
    {
        var answers = new JourneyAnswers
        {
            ForWhom = "Dla osoby, którą się opiekuję",
            Contact = "E-mailem",
            Email = "marek.nowak@example.pl",
            AccessNeed = null,
            AccessNotes = null,
        };

        // Every "Dalej" below is a full page load: record each document request the browser makes.
        var posts = new List<string>();
        Page.Request += (_, request) =>
        {
            if (request.IsNavigationRequest && request.Method == "POST")
            {
                posts.Add(request.Url);
            }
        };

        await Journey.WalkToCheckAsync(Page, answers);
        var code = await Journey.SendAsync(Page);

        // Start + 11 questions (with the submitter's) + send: each one a real form post.
        Assert.Equal(13, posts.Count);

        // The print button needs JavaScript, so without it the button stays hidden rather than doing nothing.
        await Expect(Journey.Button(Page, "Drukuj potwierdzenie")).ToBeHiddenAsync();

        await Journey.FindOnStatusPageAsync(Page, code, "4567");
    }

    [Fact]
    public async Task FailedPost_WithJavaScriptOff_ErrorSummaryStillTakesFocus()
    {
        await Page.GotoAsync("/zgloszenie");
        await Journey.Button(Page, "Rozpocznij").ClickAsync();
        await Journey.ExpectPageAsync(Page, "/zgloszenie/miejsce-zamieszkania", Journey.Headings.Residence);

        await Journey.Continue(Page).ClickAsync();

        await Expect(Page).ToHaveTitleAsync("Błąd: " + Journey.Headings.Residence + Journey.TitleSuffix);
        await Expect(Page.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await Axe.CheckAsync(Page, "błąd bez JavaScriptu");

        // Without JavaScript the summary's link is a plain fragment link: it stays on the page, at the question.
        await Page.Locator("[data-error-summary]").GetByRole(AriaRole.Link, new() { Name = "Wybierz, czy ta osoba mieszka w gminie", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/zgloszenie/miejsce-zamieszkania#LivesInMunicipality$"));
        await Expect(Page.Locator("main h1")).ToHaveTextAsync(Journey.Headings.Residence);
        await Expect(Page.Locator("[data-error-summary]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SkipLink_WithJavaScriptOff_StaysOnThePage()
    {
        await Page.GotoAsync("/status");

        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Przejdź do treści", Exact = true })).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/status#main$"));
        await Expect(Page.Locator("main h1")).ToHaveTextAsync(Journey.Headings.Status);
    }
}
