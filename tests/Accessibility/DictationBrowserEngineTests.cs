namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// Dictation with the browser's own recognition (issue 5, V01–V04): headless Chromium's real one cannot reach its cloud,
/// so a fake of the Web Speech API is injected and driven from the test — interim and final results, every error code.
/// </summary>
public sealed class DictationBrowserEngineTests(BrowserFixture browser, BrowserEngineSiteFixture site) : IClassFixture<BrowserEngineSiteFixture>
{
    /// <summary>A stand-in for webkitSpeechRecognition: records what the page asks of it; the test emits the events.</summary>
    private const string FakeSpeechApi = """
        (() => {
            class FakeRecognition {
                constructor() { window.__speech = this; window.__speechLang = null; }
                start() { window.__speechLang = this.lang; window.__speechRunning = true; }
                stop() { window.__speechRunning = false; setTimeout(() => this.onend && this.onend(), 0); }
                abort() { this.stop(); }
            }
            window.webkitSpeechRecognition = FakeRecognition;
            window.SpeechRecognition = FakeRecognition;
            window.__emit = {
                result(text, isFinal) {
                    const alternative = [{ transcript: text, confidence: 0.9 }];
                    alternative.isFinal = isFinal;
                    window.__speech.onresult({ resultIndex: 0, results: [alternative] });
                },
                error(code) {
                    window.__speechRunning = false;
                    window.__speech.onerror({ error: code });
                    window.__speech.onend();
                },
            };
        })();
        """;

    private async Task<IPage> OpenAsync()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = site.BaseAddress.ToString(), Locale = "pl-PL" });
        await context.AddInitScriptAsync(FakeSpeechApi);
        var page = await context.NewPageAsync();
        await Dictation.ReachDescriptionAsync(page);
        return page;
    }

    [Fact]
    public async Task ConsentFirst_ThenInterimAndFinal_InsertedAtTheCaret_ButtonStates_Undo()
    {
        var page = await OpenAsync();
        var field = Dictation.Field(page);
        await field.FillAsync("Początek. Koniec.");
        await field.EvaluateAsync("f => f.setSelectionRange(9, 9)");
        var button = Dictation.Button(page);
        await Expect(button).ToHaveAttributeAsync("aria-pressed", "false");

        // Before the first recording: where the voice goes, and a choice. "No" leaves the person typing.
        await button.ClickAsync();
        var consent = page.GetByRole(AriaRole.Group, new() { Name = "Zanim zaczniesz dyktować" });
        await Expect(consent).ToBeVisibleAsync();
        await Expect(consent).ToBeFocusedAsync();
        await Expect(consent).ToContainTextAsync("do firmy, która dostarcza przeglądarkę");
        await Expect(page.Locator("[data-dictation-consent] a")).ToHaveAttributeAsync("href", "/prywatnosc");
        Assert.False(await page.EvaluateAsync<bool>("() => !!window.__speechRunning"));
        await Axe.CheckAsync(page, "dyktowanie: zgoda");
        await page.GetByRole(AriaRole.Button, new() { Name = "Nie, wpiszę tekst" }).ClickAsync();
        await Expect(consent).ToBeHiddenAsync();
        await Expect(Dictation.Status(page)).ToHaveTextAsync("Dobrze. Wpisz tekst w polu.");
        await Expect(field).ToBeFocusedAsync();
        await field.EvaluateAsync("f => f.setSelectionRange(9, 9)");

        await button.ClickAsync();
        await Expect(consent).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Zgadzam się, dyktuj" }).ClickAsync();
        await Expect(button).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(button).ToBeFocusedAsync();
        Assert.Equal("pl-PL", await page.EvaluateAsync<string>("() => window.__speechLang"));
        await Expect(page.Locator("[data-dictation-recording]")).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "dyktowanie: nagrywanie");

        // Interim words are shown and politely announced; the final ones go in at the caret.
        await page.EvaluateAsync("() => window.__emit.result('w środ', false)");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Słyszę: w środ" })).ToHaveCountAsync(1);
        await Expect(field).ToHaveValueAsync("Początek. Koniec.");
        await page.EvaluateAsync("() => window.__emit.result('w środku', true)");
        await Expect(field).ToHaveValueAsync("Początek. w środku Koniec.");
        await Expect(Dictation.Status(page)).ToHaveTextAsync("Wstawiono do pola: „w środku”. Możesz ten tekst poprawić.");

        await button.ClickAsync();
        await Expect(button).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(page.Locator("[data-dictation-recording]")).ToBeHiddenAsync();
        await Axe.CheckAsync(page, "dyktowanie: po wstawieniu");

        // Consent is remembered for the session: the next recording starts at once.
        await button.ClickAsync();
        await Expect(button).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(consent).ToBeHiddenAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(button).ToHaveAttributeAsync("aria-pressed", "false");

        var undo = page.GetByRole(AriaRole.Button, new() { Name = "Cofnij dyktowanie" });
        await undo.ClickAsync();
        await Expect(field).ToHaveValueAsync("Początek. Koniec.");
        await Expect(undo).ToBeHiddenAsync();
        await Expect(Dictation.Status(page)).ToHaveTextAsync("Przywrócono tekst sprzed dyktowania.");
        await page.Context.CloseAsync();
    }

    public static TheoryData<string, string> ErrorCodes => new()
    {
        { "no-speech", "Nie usłyszeliśmy żadnych słów." },
        { "audio-capture", "Nie znaleźliśmy mikrofonu." },
        { "not-allowed", "Przeglądarka nie pozwala użyć mikrofonu." },
        { "service-not-allowed", "Przeglądarka nie pozwala użyć mikrofonu." },
        { "network", "Nie udało się połączyć z rozpoznawaniem mowy." },
        { "aborted", "Dyktowanie zostało przerwane." },
        { "language-not-supported", "Ta przeglądarka nie rozpoznaje mowy po polsku." },
        { "bad-grammar", "Rozpoznawanie mowy jest teraz niedostępne." },
    };

    [Theory]
    [MemberData(nameof(ErrorCodes))]
    public async Task EachErrorCode_GivesAPolishMessageSuggestingTyping_KeepsTheText_ResetsTheButton(string code, string message)
    {
        var page = await OpenAsync();
        await page.EvaluateAsync("() => sessionStorage.setItem('mu-dyktowanie-zgoda', 'tak')");
        var field = Dictation.Field(page);
        await field.FillAsync("Mój tekst.");
        var button = Dictation.Button(page);
        await button.ClickAsync();
        await Expect(button).ToHaveAttributeAsync("aria-pressed", "true");

        await page.EvaluateAsync("code => window.__emit.error(code)", code);

        var alert = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = message });
        await Expect(alert).ToHaveCountAsync(1);
        await Expect(alert).ToContainTextAsync("tekst");
        await Expect(button).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(page.Locator("[data-dictation-recording]")).ToBeHiddenAsync();
        await Expect(field).ToHaveValueAsync("Mój tekst.");
        if (code == "no-speech")
        {
            await Axe.CheckAsync(page, "dyktowanie: błąd");
        }

        // The button works again straight away, and the message goes when it does.
        await button.ClickAsync();
        await Expect(button).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(Dictation.Error(page)).ToBeEmptyAsync();
        await page.Context.CloseAsync();
    }
}
