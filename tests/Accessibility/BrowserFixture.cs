namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// One headless Chromium for the whole run (the system's, never a downloaded one); every test opens
/// its own <see cref="IBrowserContext"/> in it, so no cookies or drafts leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } fromEnv ? fromEnv : "/usr/bin/chromium";
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {path}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH; ./test.sh does this for you.");
        }

        // Two cores run the site, the browser and the tests at once: give auto-waiting assertions room.
        SetDefaultExpectTimeout(15_000);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = path,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
