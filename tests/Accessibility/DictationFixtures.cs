extern alias kiosk;

using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using MobilnyUrzednik.Core.Dictation;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// The server dictation path for real: a local engine holding the OpenAI-compatible transcription contract, the public
/// site and a kiosk configured to use it, a Polish recording made with espeak-ng, and a Chromium of its own whose fake
/// microphone plays that recording (the shared browser has no microphone).
/// </summary>
public sealed class DictationFixture : IAsyncLifetime
{
    public const string KioskKey = "klucz-kiosku-dyktowanie-5b2e";
    public const string Transcript = "Proszę o wizytę w sprawie dowodu osobistego.";

    private IPlaywright? _playwright;

    public FakeSpeechEngine Engine { get; private set; } = default!;

    public EngineSite Site { get; private set; } = default!;

    public EngineKiosk Kiosk { get; private set; } = default!;

    /// <summary>Chromium whose microphone plays <see cref="RecordingPath"/> in a loop.</summary>
    public IBrowser MicrophoneBrowser { get; private set; } = default!;

    public string RecordingPath { get; } = Path.Combine(Path.GetTempPath(), $"mu-dyktowanie-{Guid.NewGuid():N}.wav");

    public async ValueTask InitializeAsync()
    {
        Engine = await FakeSpeechEngine.StartAsync();
        Site = new EngineSite(Engine.BaseAddress);
        await Site.InitializeAsync();
        Kiosk = new EngineKiosk(Engine.BaseAddress);
        await Kiosk.InitializeAsync();

        using (var espeak = Process.Start(new ProcessStartInfo("espeak-ng", ["-v", "pl", "-s", "140", "-w", RecordingPath,
            "Proszę o wizytę urzędnika w sprawie dowodu osobistego. Mama nie wychodzi z domu."]) { RedirectStandardError = true })!)
        {
            await espeak.WaitForExitAsync();
            Assert.True(espeak.ExitCode == 0, "espeak-ng could not make the test recording: " + await espeak.StandardError.ReadToEndAsync());
        }

        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } fromEnv ? fromEnv : "/usr/bin/chromium";
        _playwright = await Playwright.CreateAsync();
        MicrophoneBrowser = await _playwright.Chromium.LaunchAsync(new()
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
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                "--use-file-for-fake-audio-capture=" + RecordingPath,
                "--autoplay-policy=no-user-gesture-required",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (MicrophoneBrowser is not null)
        {
            await MicrophoneBrowser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Kiosk is not null)
        {
            await Kiosk.DisposeAsync();
        }

        if (Site is not null)
        {
            await Site.DisposeAsync();
        }

        if (Engine is not null)
        {
            await Engine.DisposeAsync();
        }

        File.Delete(RecordingPath);
    }

    /// <summary>The public site with the municipality's own transcription server.</summary>
    public sealed class EngineSite(Uri engine) : SiteFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Dictation:Engine"] = "OpenAiCompatible",
            ["Dictation:OpenAiCompatible:BaseUrl"] = engine.ToString(),
            ["Dictation:EngineTimeoutSeconds"] = "2",
            ["Dictation:RecordingsPerMinute"] = "60",
        };
    }

    /// <summary>A kiosk with one keyed device (no demonstration device) and the same transcription server.</summary>
    public sealed class EngineKiosk(Uri engine) : KioskTests.KioskFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Kiosk:DevelopmentDevice"] = string.Empty,
            ["Kiosk:Devices:0:Id"] = "czytelnia",
            ["Kiosk:Devices:0:Location"] = "Czytelnia Miejska",
            ["Kiosk:Devices:0:KeySha256"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(KioskKey))),
            ["Dictation:Engine"] = "OpenAiCompatible",
            ["Dictation:OpenAiCompatible:BaseUrl"] = engine.ToString(),
        };
    }
}

/// <summary>The public site with the browser's own recognition (consent asked, as the audio goes to the vendor).</summary>
public sealed class BrowserEngineSiteFixture : SiteFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Dictation:Engine"] = "Browser",
    };
}

/// <summary>The public site with a server engine allowing two recordings a minute.</summary>
public sealed class LimitedDictationSiteFixture : SiteFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Dictation:Engine"] = "OpenAiCompatible",
        // Nothing listens here: recordings that pass the limit get "unavailable", which is enough to count them.
        ["Dictation:OpenAiCompatible:BaseUrl"] = "http://127.0.0.1:9/",
        ["Dictation:RecordingsPerMinute"] = "2",
    };
}

/// <summary>Getting to the description question, where the dictation button is.</summary>
public static class Dictation
{
    public static readonly System.Text.RegularExpressions.Regex ButtonName = new("^Dyktuj: ");

    public static ILocator Button(IPage page) => page.GetByRole(AriaRole.Button, new() { NameRegex = ButtonName });

    public static ILocator Status(IPage page) => page.Locator("[data-dictation-status]");

    public static ILocator Error(IPage page) => page.Locator("[data-dictation-error]");

    public static ILocator Field(IPage page) => page.Locator("#Description");

    public static async Task ReachDescriptionAsync(IPage page)
    {
        await page.GotoAsync("/zgloszenie");
        await Journey.Button(page, "Rozpocznij").ClickAsync();
        await Journey.ExpectPageAsync(page, "/zgloszenie/miejsce-zamieszkania", Journey.Headings.Residence);
        await Journey.ChooseAsync(page, "Tak");
        await Journey.Continue(page).ClickAsync();
        await Journey.ExpectPageAsync(page, "/zgloszenie/powod", Journey.Headings.Reason);
        await Journey.ChooseAsync(page, "Ze względu na wiek");
        await Journey.Continue(page).ClickAsync();
        await Journey.ExpectPageAsync(page, "/zgloszenie/dla-kogo", Journey.Headings.ForWhom);
        await Journey.ChooseAsync(page, "Dla mnie");
        await Journey.Continue(page).ClickAsync();
        await Journey.ExpectPageAsync(page, "/zgloszenie/sprawa", Journey.Headings.Matter);
        await Journey.ChooseAsync(page, "Wniosek o dowód osobisty");
        await Journey.Continue(page).ClickAsync();
        await Journey.ExpectPageAsync(page, "/zgloszenie/opis", Journey.Headings.Description);
    }

    /// <summary>The recording as our endpoint passed it to the engine.</summary>
    public static WavAudio ReceivedRecording(EngineRequest request)
    {
        Assert.NotNull(request.File);
        Assert.Equal(WavProblem.None, WavAudio.TryParse(request.File!, out var audio));
        return audio!;
    }

    /// <summary>Root mean square of the samples (0 = silence, about 0.3 for speech at full level).</summary>
    public static double Loudness(WavAudio audio)
    {
        double sum = 0;
        var samples = audio.DataLength / 2;
        for (var i = 0; i < samples; i++)
        {
            var s = BitConverter.ToInt16(audio.File, audio.DataOffset + (i * 2)) / 32768.0;
            sum += s * s;
        }

        return Math.Sqrt(sum / Math.Max(1, samples));
    }
}
