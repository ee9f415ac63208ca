using Microsoft.Extensions.Options;

namespace MobilnyUrzednik.Core.Dictation;

/// <summary>
/// Our side of both engines' contracts, over real HTTP against a local listener: the exact request (address, headers,
/// body format, language) and what each fault becomes.
/// </summary>
public sealed class SpeechEngineContractTests : IAsyncLifetime
{
    private static readonly byte[] Recording = WavAudio.Encode(Tone(TimeSpan.FromSeconds(1.5)));
    private FakeSpeechEngine _engine = default!;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public async ValueTask InitializeAsync() => _engine = await FakeSpeechEngine.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task Azure_SendsTheWavWithKeyAndPolish_ReadsDisplayText()
    {
        _engine.Answer = _ => (200, """{"RecognitionStatus":"Success","DisplayText":"Proszę o wizytę.","Offset":100000,"Duration":15000000}""", TimeSpan.Zero);

        var result = await Azure().RecognizeAsync(Audio(), TestContext.Current.CancellationToken);

        Assert.Equal("Proszę o wizytę.", result.Text);
        var sent = Assert.Single(_engine.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/speech/recognition/conversation/cognitiveservices/v1", sent.Path);
        Assert.Equal("?language=pl-PL&format=simple", sent.Query);
        Assert.Equal("klucz-testowy", sent.Headers["Ocp-Apim-Subscription-Key"]);
        Assert.Equal("audio/wav; codecs=audio/pcm; samplerate=16000", sent.ContentType);
        Assert.Equal("application/json", sent.Headers["Accept"]);
        Assert.Equal(Recording, sent.Body);
    }

    [Fact]
    public void Azure_AddressIsMadeFromTheRegion()
    {
        var options = new AzureSpeechOptions { Key = "k", Region = "polandcentral" };
        Assert.Equal("https://polandcentral.stt.speech.microsoft.com/speech/recognition/conversation/cognitiveservices/v1", options.ResolvedEndpoint.ToString());
    }

    [Fact]
    public async Task OpenAiCompatible_PostsMultipartWithFileModelAndPolish_ReadsText()
    {
        var result = await OpenAi().RecognizeAsync(Audio(), TestContext.Current.CancellationToken);

        Assert.Equal("Proszę o wizytę w sprawie dowodu osobistego.", result.Text);
        var sent = Assert.Single(_engine.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v1/audio/transcriptions", sent.Path);
        Assert.StartsWith("multipart/form-data; boundary=", sent.ContentType, StringComparison.Ordinal);
        Assert.Equal("Bearer sekret", sent.Headers["Authorization"]);
        Assert.Equal("pl", sent.FormFields["language"]);
        Assert.Equal("whisper-1", sent.FormFields["model"]);
        Assert.Equal("json", sent.FormFields["response_format"]);
        Assert.Equal("audio/wav", sent.FileType);
        Assert.EndsWith(".wav", sent.FileName, StringComparison.Ordinal);
        Assert.Equal(Recording, sent.File);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v1/")]
    [InlineData("/")]
    [InlineData("")]
    public async Task OpenAiCompatible_BaseAddressWithOrWithoutV1_PostsToTheOneTranscriptionsAddress(string tail)
    {
        // Servers document their address both ways (whisper.cpp "http://host:8080", OpenAI "https://api.openai.com/v1").
        var at = new Uri(_engine.BaseAddress.ToString().TrimEnd('/') + "/" + tail);
        await OpenAi(at: at).RecognizeAsync(Audio(), TestContext.Current.CancellationToken);
        Assert.Equal("/v1/audio/transcriptions", Assert.Single(_engine.Requests).Path);
    }

    [Theory]
    [InlineData("pl", "pl")]
    [InlineData("uk", "uk")]
    [InlineData("en", "en")]
    public async Task OpenAiCompatible_AsksForThePagesLanguage(string language, string sent)
    {
        await OpenAi().RecognizeAsync(Audio(), language, TestContext.Current.CancellationToken);
        Assert.Equal(sent, Assert.Single(_engine.Requests).FormFields["language"]);
    }

    [Theory]
    [InlineData("pl", "pl-PL")]
    [InlineData("uk", "uk-UA")]
    [InlineData("en", "en-GB")]
    public async Task Azure_AsksForThePagesLanguage(string language, string sent)
    {
        await Azure().RecognizeAsync(Audio(), language, TestContext.Current.CancellationToken);
        Assert.Contains("language=" + sent, Assert.Single(_engine.Requests).Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAiCompatible_WithoutKey_SendsNoAuthorization()
    {
        await OpenAi(apiKey: null).RecognizeAsync(Audio(), TestContext.Current.CancellationToken);
        Assert.False(Assert.Single(_engine.Requests).Headers.ContainsKey("Authorization"));
    }

    public static TheoryData<string, int, string, RecognitionFailure> Faults => new()
    {
        { "azure", 401, """{"error":"unauthorized"}""", RecognitionFailure.NotAuthorised },
        { "azure", 403, "", RecognitionFailure.NotAuthorised },
        { "azure", 429, "", RecognitionFailure.Busy },
        { "azure", 500, "", RecognitionFailure.Unavailable },
        { "azure", 200, "to nie jest JSON", RecognitionFailure.BadAnswer },
        { "azure", 200, """{"DisplayText":"bez statusu"}""", RecognitionFailure.BadAnswer },
        { "azure", 200, """{"RecognitionStatus":"NoMatch"}""", RecognitionFailure.NoSpeech },
        { "azure", 200, """{"RecognitionStatus":"InitialSilenceTimeout"}""", RecognitionFailure.NoSpeech },
        { "azure", 200, """{"RecognitionStatus":"Error"}""", RecognitionFailure.Unavailable },
        { "openai", 401, """{"error":{"message":"Incorrect API key"}}""", RecognitionFailure.NotAuthorised },
        { "openai", 429, """{"error":{"message":"Rate limit"}}""", RecognitionFailure.Busy },
        { "openai", 500, "", RecognitionFailure.Unavailable },
        { "openai", 200, "<html>proxy</html>", RecognitionFailure.BadAnswer },
        { "openai", 200, """{"transcript":"inne pole"}""", RecognitionFailure.BadAnswer },
        { "openai", 200, """{"text":"   "}""", RecognitionFailure.NoSpeech },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Fault_BecomesAFailureTheResidentIsToldAbout_NotRetried(string engine, int status, string body, RecognitionFailure expected)
    {
        _engine.Answer = _ => (status, body, TimeSpan.Zero);

        var result = await Engine(engine).RecognizeAsync(Audio(), TestContext.Current.CancellationToken);

        Assert.Null(result.Text);
        Assert.Equal(expected, result.Failure);
        Assert.Single(_engine.Requests);
    }

    [Theory]
    [InlineData("azure")]
    [InlineData("openai")]
    public async Task ServiceUnavailable_IsRetriedOnce_ThenTheSecondAnswerCounts(string engine)
    {
        var calls = 0;
        _engine.Answer = _ => Interlocked.Increment(ref calls) == 1
            ? (503, "", TimeSpan.Zero)
            : (200, engine == "azure" ? """{"RecognitionStatus":"Success","DisplayText":"Druga próba."}""" : """{"text":"Druga próba."}""", TimeSpan.Zero);

        var result = await Engine(engine).RecognizeAsync(Audio(), TestContext.Current.CancellationToken);

        Assert.Equal("Druga próba.", result.Text);
        Assert.Equal(2, _engine.Requests.Count);
    }

    [Theory]
    [InlineData("azure")]
    [InlineData("openai")]
    public async Task ServiceUnavailableTwice_IsUnavailable(string engine)
    {
        _engine.Answer = _ => (503, "", TimeSpan.Zero);
        var result = await Engine(engine).RecognizeAsync(Audio(), TestContext.Current.CancellationToken);
        Assert.Equal(RecognitionFailure.Unavailable, result.Failure);
        Assert.Equal(2, _engine.Requests.Count);
    }

    [Theory]
    [InlineData("azure")]
    [InlineData("openai")]
    public async Task NoAnswerInTime_IsTimedOut(string engine)
    {
        _engine.Answer = _ => (200, "{}", TimeSpan.FromSeconds(30));
        var result = await Engine(engine, timeoutSeconds: 1).RecognizeAsync(Audio(), TestContext.Current.CancellationToken);
        Assert.Equal(RecognitionFailure.TimedOut, result.Failure);
    }

    [Theory]
    [InlineData("azure")]
    [InlineData("openai")]
    public async Task NothingListening_IsUnavailable(string engine)
    {
        var gone = _engine.BaseAddress;
        await _engine.DisposeAsync();
        _engine = await FakeSpeechEngine.StartAsync();

        var result = await Engine(engine, gone).RecognizeAsync(Audio(), TestContext.Current.CancellationToken);

        Assert.Equal(RecognitionFailure.Unavailable, result.Failure);
    }

    // Only the time-out test waits for the time-out; the others get time enough for a busy CI machine's first call.
    private ISpeechRecognizer Engine(string name, Uri? at = null, int timeoutSeconds = 15) =>
        name == "azure" ? Azure(at, timeoutSeconds) : OpenAi(at: at, timeoutSeconds: timeoutSeconds);

    private AzureSpeechRecognizer Azure(Uri? at = null, int timeoutSeconds = 15) => new(_http, Options.Create(new DictationOptions
    {
        Engine = DictationEngine.Azure,
        EngineTimeoutSeconds = timeoutSeconds,
        Azure = new() { Key = "klucz-testowy", Endpoint = new Uri(at ?? _engine.BaseAddress, "speech/recognition/conversation/cognitiveservices/v1") },
    }));

    private OpenAiTranscriptionRecognizer OpenAi(string? apiKey = "sekret", Uri? at = null, int timeoutSeconds = 15) => new(_http, Options.Create(new DictationOptions
    {
        Engine = DictationEngine.OpenAiCompatible,
        EngineTimeoutSeconds = timeoutSeconds,
        OpenAiCompatible = new() { BaseUrl = at ?? _engine.BaseAddress, ApiKey = apiKey },
    }));

    private static WavAudio Audio()
    {
        Assert.Equal(WavProblem.None, WavAudio.TryParse(Recording, out var audio));
        return audio!;
    }

    internal static short[] Tone(TimeSpan length)
    {
        var samples = new short[(int)(length.TotalSeconds * WavAudio.SampleRate)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / WavAudio.SampleRate));
        }

        return samples;
    }
}
