namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// What every browser test starts with: a fresh browser context (no cookies, no draft) and a page
/// whose relative addresses go to this class's own site. A failed test leaves a screenshot in
/// tests/Accessibility/screenshots.
/// </summary>
public abstract class SiteTest(BrowserFixture browser, SiteFixture site) : IAsyncLifetime
{
    protected SiteFixture Site { get; } = site;

    protected IBrowserContext Context { get; private set; } = default!;

    protected IPage Page { get; private set; } = default!;

    /// <summary>Overridden to false by tests of the site without JavaScript.</summary>
    protected virtual bool JavaScriptEnabled => true;

    public virtual async ValueTask InitializeAsync()
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = Site.BaseAddress.ToString(),
            Locale = "pl-PL",
            JavaScriptEnabled = JavaScriptEnabled,
            ViewportSize = new() { Width = 1280, Height = 900 },
        };
        ConfigureContext(options);
        Context = await browser.Browser.NewContextAsync(options);
        Context.SetDefaultTimeout(20_000);
        if (!JavaScriptEnabled)
        {
            Axe.MarkScriptless(Context);
        }

        Page = await Context.NewPageAsync();
    }

    /// <summary>Changes the browser context's options before it opens (e.g. a phone's screen and touch).</summary>
    protected virtual void ConfigureContext(BrowserNewContextOptions options)
    {
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed && Page is not null)
        {
            var folder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "screenshots"));
            Directory.CreateDirectory(folder);
            var name = string.Concat((TestContext.Current.Test?.TestDisplayName ?? "test").Select(c => char.IsLetterOrDigit(c) ? c : '_'));
            await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name[..Math.Min(name.Length, 120)] + ".png"), FullPage = true });
        }

        if (Context is not null)
        {
            await Context.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
