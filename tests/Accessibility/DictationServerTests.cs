using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MobilnyUrzednik.Core.Catalogue;
using MobilnyUrzednik.Core.Dictation;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// Dictation through our server (issue 5): Chromium's fake microphone plays a Polish espeak-ng recording, the page records
/// and posts a WAV, our endpoint passes it to the engine over real HTTP, and the words land in the field.
/// </summary>
public sealed class DictationServerTests(DictationFixture apps) : IClassFixture<DictationFixture>
{
    private const string Typed = "Dowód jest zniszczony.";

    [Fact]
    public async Task Microphone_RecordsA16kMonoWavOfTheRightLength_TranscriptLandsAtTheCaret_EditableAndAnnounced_UndoRestores()
    {
        await using var context = await apps.MicrophoneBrowser.NewContextAsync(new() { BaseURL = apps.Site.BaseAddress.ToString(), Locale = "pl-PL" });
        var page = await context.NewPageAsync();
        await Dictation.ReachDescriptionAsync(page);
        apps.Engine.Answer = _ => (200, JsonSerializer.Serialize(new { text = DictationFixture.Transcript }), TimeSpan.Zero);
        var before = apps.Engine.Requests.Count;

        var field = Dictation.Field(page);
        await field.ClickAsync();
        await field.FillAsync(Typed);
        var button = Dictation.Button(page);
        await Expect(button).ToHaveAccessibleNameAsync("Dyktuj: " + Journey.Headings.Description);
        await Expect(button).ToHaveAttributeAsync("aria-pressed", "false");
        await Axe.CheckAsync(page, "dyktowanie: gotowe");

        // By keyboard: Tab from the field reaches the button; Enter starts and stops.
        await page.Keyboard.PressAsync("Tab");
        await Expect(button).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        var recording = Stopwatch.StartNew();
        await Expect(button).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("[data-dictation-recording]")).ToBeVisibleAsync();
        await Expect(Dictation.Status(page)).ToContainTextAsync("Nagrywanie rozpoczęte. Mów teraz.");
        await Axe.CheckAsync(page, "dyktowanie: nagrywanie");
        // At least three seconds of speech (the clock may have passed 0:03 while axe ran on a busy machine).
        await Expect(page.Locator("[data-dictation-clock]")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"0:(0[3-9]|[1-5]\d) z 1:00"), new() { Timeout = 20_000 });
        await page.Keyboard.PressAsync("Enter");
        var heldFor = recording.Elapsed;

        await Expect(Dictation.Status(page)).ToHaveTextAsync($"Wstawiono do pola: „{DictationFixture.Transcript}”. Możesz ten tekst poprawić.");
        await Expect(button).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(field).ToHaveValueAsync(Typed + " " + DictationFixture.Transcript);
        await Expect(page.Locator("[data-dictation-recording]")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Wstawiono do pola" })).ToHaveCountAsync(1);
        await Axe.CheckAsync(page, "dyktowanie: wstawiono");

        // What the engine got: one 16 kHz mono 16-bit WAV, as long as the button was held (within the time it takes
        // to start the microphone and to stop), with sound in it, and asked for in Polish.
        var sent = apps.Engine.Requests.Skip(before).Single();
        Assert.Equal("pl", sent.FormFields["language"]);
        var audio = Dictation.ReceivedRecording(sent);
        Assert.InRange(audio.Duration.TotalSeconds, 2.5, heldFor.TotalSeconds + 0.5);
        Assert.True(heldFor.TotalSeconds - audio.Duration.TotalSeconds < 1.5, $"Held {heldFor.TotalSeconds:0.0} s, recorded {audio.Duration.TotalSeconds:0.0} s.");
        Assert.True(Dictation.Loudness(audio) > 0.02, "The recording is silent.");

        // The words are the resident's to edit, and "Cofnij dyktowanie" puts the field back as it was.
        await field.PressAsync("End");
        await field.PressSequentiallyAsync(" Pilne.");
        await Expect(field).ToHaveValueAsync(Typed + " " + DictationFixture.Transcript + " Pilne.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cofnij dyktowanie" }).ClickAsync();
        await Expect(field).ToHaveValueAsync(Typed);
        await Expect(Dictation.Status(page)).ToHaveTextAsync("Przywrócono tekst sprzed dyktowania.");
        await Expect(field).ToBeFocusedAsync();

        // The form still posts as a form.
        await Journey.Continue(page).ClickAsync();
        await Journey.ExpectPageAsync(page, "/zgloszenie/mieszkaniec", Journey.Headings.ResidentSelf);
        await page.GoBackAsync();
        await Expect(Dictation.Field(page)).ToHaveValueAsync(Typed);
    }

    public static TheoryData<int, int, string> EngineFaults => new()
    {
        { 500, 0, "Rozpoznawanie mowy jest teraz niedostępne. Wpisz tekst w polu – to, co już jest w polu, zostaje." },
        { 401, 0, "Rozpoznawanie mowy jest teraz niedostępne." },
        { 429, 0, "Rozpoznawanie mowy jest teraz zajęte. Spróbuj za chwilę albo wpisz tekst w polu." },
        { 200, 5, "Rozpoznawanie mowy trwało za długo. Spróbuj krótszego nagrania albo wpisz tekst w polu." },
        { 200, -1, "Rozpoznawanie mowy jest teraz niedostępne." },
    };

    [Theory]
    [MemberData(nameof(EngineFaults))]
    public async Task EngineFault_ResidentGetsAPolishMessageToType_TypedTextKept_ButtonReset(int status, int delaySeconds, string message)
    {
        await using var context = await apps.MicrophoneBrowser.NewContextAsync(new() { BaseURL = apps.Site.BaseAddress.ToString(), Locale = "pl-PL" });
        var page = await context.NewPageAsync();
        await Dictation.ReachDescriptionAsync(page);
        apps.Engine.Answer = _ => (status, delaySeconds < 0 ? "<html>nie JSON</html>" : """{"error":{"message":"x"}}""", TimeSpan.FromSeconds(Math.Max(0, delaySeconds)));

        await Dictation.Field(page).FillAsync(Typed);
        var button = Dictation.Button(page);
        await button.ClickAsync();
        await Expect(page.Locator("[data-dictation-clock]")).ToContainTextAsync("0:01");
        await button.ClickAsync();

        await Expect(Dictation.Error(page)).ToContainTextAsync(message, new() { Timeout = 20_000 });
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = message })).ToHaveCountAsync(1);
        await Expect(button).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(button).Not.ToHaveAttributeAsync("aria-disabled", "true");
        await Expect(Dictation.Field(page)).ToHaveValueAsync(Typed);
        await Axe.CheckAsync(page, "dyktowanie: błąd silnika");
    }

    [Fact]
    public async Task Endpoint_RefusesMissingTokenWrongFormatsAndOverlongAudio_WithPolishReasons()
    {
        await using var context = await apps.MicrophoneBrowser.NewContextAsync(new() { BaseURL = apps.Site.BaseAddress.ToString(), Locale = "pl-PL" });
        var page = await context.NewPageAsync();
        await Dictation.ReachDescriptionAsync(page);
        var token = await page.Locator("input[name='__RequestVerificationToken']").First.InputValueAsync();
        var good = WavAudio.Encode(new short[WavAudio.SampleRate]);

        async Task<(int Status, string Detail)> PostAsync(byte[] body, string type, bool withToken = true)
        {
            var headers = new Dictionary<string, string> { ["Content-Type"] = type };
            if (withToken)
            {
                headers["RequestVerificationToken"] = token;
            }

            var response = await context.APIRequest.PostAsync(DictationEndpoints.Path, new() { Headers = headers, DataByte = body });
            var json = await response.JsonAsync();
            return (response.Status, json?.TryGetProperty("detail", out var d) == true ? d.GetString() ?? string.Empty : string.Empty);
        }

        var (status, detail) = await PostAsync(good, "audio/wav", withToken: false);
        Assert.Equal(400, status);
        Assert.Contains("Odśwież stronę", detail, StringComparison.Ordinal);

        (status, detail) = await PostAsync("to nie jest nagranie"u8.ToArray(), "text/plain");
        Assert.Equal(415, status);
        Assert.Contains("Tego nagrania nie umiemy odczytać", detail, StringComparison.Ordinal);

        (status, detail) = await PostAsync("RIFF to też nie"u8.ToArray(), "audio/wav");
        Assert.Equal(415, status);
        Assert.Contains("wpisz tekst w polu", detail, StringComparison.Ordinal);

        var eightKilohertz = WavAudio.Encode(new short[8000]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(eightKilohertz.AsSpan(24), 8000);
        (status, detail) = await PostAsync(eightKilohertz, "audio/wav");
        Assert.Equal(415, status);
        Assert.Contains("16 kHz, mono", detail, StringComparison.Ordinal);

        (status, detail) = await PostAsync(WavAudio.Encode(new short[WavAudio.SampleRate * 61]), "audio/wav");
        Assert.Equal(413, status);
        Assert.Contains("Nagranie jest za długie", detail, StringComparison.Ordinal);

        apps.Engine.Answer = _ => (200, """{"text":"Krótko."}""", TimeSpan.Zero);
        var ok = await context.APIRequest.PostAsync(DictationEndpoints.Path, new()
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = "audio/wav", ["RequestVerificationToken"] = token },
            DataByte = good,
        });
        Assert.Equal(200, ok.Status);
        Assert.Equal("Krótko.", (await ok.JsonAsync())?.GetProperty("tekst").GetString());
    }

    [Fact]
    public async Task WithoutJavaScript_NoDictationButton_AndTheQuestionWorksAsBefore()
    {
        await using var context = await apps.MicrophoneBrowser.NewContextAsync(new() { BaseURL = apps.Site.BaseAddress.ToString(), Locale = "pl-PL", JavaScriptEnabled = false });
        Axe.MarkScriptless(context);
        var page = await context.NewPageAsync();
        await Dictation.ReachDescriptionAsync(page);
        await Expect(Dictation.Button(page)).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-dictation]")).ToBeHiddenAsync();
        await Axe.CheckAsync(page, "dyktowanie: bez JavaScriptu");
        await Dictation.Field(page).FillAsync(Typed);
        await Journey.Continue(page).ClickAsync();
        await Journey.ExpectPageAsync(page, "/zgloszenie/mieszkaniec", Journey.Headings.ResidentSelf);
    }

    [Fact]
    public async Task Kiosk_RefusesRecordingsWithoutAKioskKey_AndReadsTheDictatedWordsBack()
    {
        using (var http = new HttpClient { BaseAddress = apps.Kiosk.BaseAddress })
        {
            using var body = new ByteArrayContent(WavAudio.Encode(new short[WavAudio.SampleRate]));
            body.Headers.ContentType = new("audio/wav");
            using var refused = await http.PostAsync(DictationEndpoints.Path, body, TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("brak ważnego klucza kiosku", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        apps.Engine.Answer = _ => (200, JsonSerializer.Serialize(new { text = DictationFixture.Transcript }), TimeSpan.Zero);
        await using var context = await apps.MicrophoneBrowser.NewContextAsync(Kiosk.TouchContext(apps.Kiosk.BaseAddress));
        var page = await context.NewPageAsync();
        var spoken = Kiosk.RecordSpeech(page);
        await KioskWalk.EnrolAsync(page, DictationFixture.KioskKey);
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Start }).TapAsync();
        await page.GetByLabel("Dla mnie").TapAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).TapAsync();
        await page.GetByLabel("Tak").TapAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).TapAsync();
        await page.GetByLabel("Ze względu na wiek").TapAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).TapAsync();
        await page.GetByLabel("Wniosek o dowód osobisty").TapAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).TapAsync();
        await Expect(Kiosk.H1(page)).ToHaveTextAsync(Journey.Headings.Description + " (opcjonalnie)");

        var button = Dictation.Button(page);
        await Kiosk.AssertTargetsAtLeast48Async(page, "dyktowanie w kiosku");
        await button.TapAsync();
        await Expect(page.Locator("[data-dictation-clock]")).ToContainTextAsync("0:02", new() { Timeout = 20_000 });
        await button.TapAsync();
        await Expect(Dictation.Field(page)).ToHaveValueAsync(DictationFixture.Transcript);
        await Axe.CheckAsync(page, "dyktowanie w kiosku", enhancedContrast: true);

        // Read back, so the resident can confirm or correct it.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!spoken.Any(s => s.Contains("Zapisaliśmy: " + DictationFixture.Transcript, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "Not read back. Spoken: " + string.Join(" | ", spoken));
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        // The circuit has the words too: forward and back again, they are still in the field.
        await page.GetByRole(AriaRole.Button, new() { Name = Kiosk.Next }).TapAsync();
        await Expect(Kiosk.H1(page)).ToHaveTextAsync("Jak się nazywasz?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wstecz" }).TapAsync();
        await Expect(Dictation.Field(page)).ToHaveValueAsync(DictationFixture.Transcript);
    }
}

/// <summary>
/// Speaking any answer (issue 14): every free-text question of the journey (name, phone, street, postal code, town,
/// description, access needs) has its "Dyktuj" button on the site and on the kiosk, and a phone number said in Polish words
/// lands in the field as digits, shown for the person to check.
/// </summary>
public sealed class DictationEveryFieldTests(DictationFixture apps) : IClassFixture<DictationFixture>
{
    private const string SpokenPhone = "sześćset jeden, dwieście dwa, trzysta trzy";

    [Fact]
    public async Task Site_EveryFreeTextQuestionHasItsButton_ANameAndASpokenPhoneLandInTheirFields()
    {
        await using var context = await apps.MicrophoneBrowser.NewContextAsync(new() { BaseURL = apps.Site.BaseAddress.ToString(), Locale = "pl-PL" });
        var page = await context.NewPageAsync();
        var answers = new RequestAnswers { Relation = nameof(SubmitterRelation.Neighbour) };
        var expected = await ButtonsAsync(JourneyOrder.Web, answers);
        var seen = new List<string[]>();
        await Journey.WalkToCheckAsync(page, JourneyAnswers.ForNeighbour, axe: false, atEachQuestion: async slug =>
        {
            seen.Add(await VisibleButtonsAsync(page, expected[seen.Count].Length));
            if (slug == "mieszkaniec")
            {
                await DictateAsync(page, "Imię i nazwisko", "Zofia Łęcka", "Zofia Łęcka");
                await DictateAsync(page, "Numer telefonu tej osoby", SpokenPhone, "601 202 303");
                await Axe.CheckAsync(page, "dyktowanie: numer telefonu cyframi");
            }
        });

        Assert.Equal(expected, seen);
        Assert.Contains(apps.Engine.Requests, r => r.FormFields.TryGetValue("language", out var language) && language == "pl");
    }

    [Fact]
    public async Task Kiosk_EveryFreeTextScreenHasItsButton_ASpokenPhoneLandsAsDigitsAndIsReadBack()
    {
        await using var context = await apps.MicrophoneBrowser.NewContextAsync(Kiosk.KeyboardContext(apps.Kiosk.BaseAddress));
        var page = await context.NewPageAsync();
        var spoken = Kiosk.RecordSpeech(page);
        await KioskWalk.EnrolAsync(page, DictationFixture.KioskKey);
        var expected = await ButtonsAsync(JourneyOrder.Kiosk, new RequestAnswers { Relation = nameof(SubmitterRelation.Self) });
        var seen = new List<string[]>();
        await KioskWalk.FileForSelfAsync(page, async heading =>
        {
            if (heading is "start" or "receipt" or Kiosk.Check)
            {
                return;
            }

            seen.Add(await VisibleButtonsAsync(page, expected[seen.Count].Length));
            if (heading == "Jaki masz numer telefonu?")
            {
                await DictateAsync(page, heading, SpokenPhone, "601 202 303");
                var deadline = DateTime.UtcNow.AddSeconds(15);
                while (!spoken.Any(s => s.Contains("Zapisaliśmy: 601 202 303", StringComparison.Ordinal)))
                {
                    Assert.True(DateTime.UtcNow < deadline, "Not read back. Spoken: " + string.Join(" | ", spoken));
                    await Task.Delay(50, TestContext.Current.CancellationToken);
                }
            }
        });

        Assert.Equal(expected, seen);
    }

    /// <summary>The "Dyktuj: …" buttons each page of <paramref name="order"/> should show: one per free-text question.</summary>
    private async Task<List<string[]>> ButtonsAsync(JourneyOrder order, RequestAnswers answers)
    {
        var catalogue = apps.Site.Services.GetRequiredService<MatterCatalogue>();
        var words = apps.Site.Services.GetRequiredService<IStringLocalizer<JourneyText>>();
        var c = new QuestionContext(answers, await catalogue.GetOfferedAsync(TestContext.Current.CancellationToken), MobilnyUrzednik.Core.Common.WarsawTime.Today(apps.Site.Services.GetRequiredService<TimeProvider>()), await catalogue.GetMunicipalityAsync(TestContext.Current.CancellationToken));
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("pl-PL");
        try
        {
            return [.. order.Pages.Where(p => JourneyOrder.Applies(p, answers)).Select(p => p.Questions
                .Where(q => q is LongTextQuestion or TextQuestion { Dictation: true })
                .Select(q => "Dyktuj: " + words.Say(q.LabelFor(c, p.AsksAlone))).ToArray())];
        }
        finally
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = culture;
        }
    }

    private static async Task<string[]> VisibleButtonsAsync(IPage page, int count)
    {
        var buttons = Dictation.Button(page);
        await Expect(buttons).ToHaveCountAsync(count);
        for (var i = 0; i < count; i++)
        {
            await Expect(buttons.Nth(i)).ToBeVisibleAsync();
        }

        return [.. await buttons.EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('aria-label'))")];
    }

    /// <summary>Records into the field labelled <paramref name="label"/> while the engine hears <paramref name="heard"/>.</summary>
    private async Task DictateAsync(IPage page, string label, string heard, string landed)
    {
        apps.Engine.Answer = _ => (200, JsonSerializer.Serialize(new { text = heard }), TimeSpan.Zero);
        var field = page.GetByRole(AriaRole.Textbox, new() { Name = label });
        await field.FillAsync(string.Empty);
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Dyktuj: " + label, Exact = true });
        await button.ClickAsync();
        var box = page.Locator("[data-dictation]").Filter(new() { Has = button });
        await Expect(box.Locator("[data-dictation-clock]")).ToContainTextAsync("0:01", new() { Timeout = 20_000 });
        await button.ClickAsync();
        await Expect(field).ToHaveValueAsync(landed);
    }
}

/// <summary>The endpoint's own rate limit (per address on the site), with its Polish reason.</summary>
public sealed class DictationLimitTests(BrowserFixture browser, LimitedDictationSiteFixture site) : IClassFixture<LimitedDictationSiteFixture>
{
    [Fact]
    public async Task ThirdRecordingInAMinute_IsRefusedWithAReasonAndRetryAfter()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), Locale = "pl-PL" });
        var page = await context.NewPageAsync();
        await Dictation.ReachDescriptionAsync(page);
        var token = await page.Locator("input[name='__RequestVerificationToken']").First.InputValueAsync();
        var options = new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = "audio/wav", ["RequestVerificationToken"] = token },
            DataByte = WavAudio.Encode(new short[WavAudio.SampleRate]),
        };

        for (var i = 0; i < 2; i++)
        {
            var passed = await context.APIRequest.PostAsync(DictationEndpoints.Path, options);
            Assert.Equal(502, passed.Status); // through to the (absent) engine: counted, not limited
        }

        var limited = await context.APIRequest.PostAsync(DictationEndpoints.Path, options);
        Assert.Equal(429, limited.Status);
        Assert.Equal("60", limited.Headers["retry-after"]);
        Assert.Contains("Odczekaj minutę albo wpisz tekst w polu", (await limited.JsonAsync())?.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
