using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace MobilnyUrzednik.Core.Dictation;

/// <summary>
/// An OpenAI-compatible transcription server: <c>POST {BaseUrl}/v1/audio/transcriptions</c> (the base address may end in
/// <c>/v1</c> or not), multipart/form-data with <c>file</c> (the WAV), <c>model</c>, <c>language</c> (the page's: pl, uk
/// or en) and <c>response_format=json</c>; the answer is
/// <c>{"text": "…"}</c>. whisper.cpp's server (with <c>--inference-path /v1/audio/transcriptions</c>) and
/// faster-whisper servers speak it, so a municipality can keep voices on its own machines.
/// </summary>
public sealed class OpenAiTranscriptionRecognizer(HttpClient http, IOptions<DictationOptions> options) : ISpeechRecognizer
{
    public const string PathSuffix = "v1/audio/transcriptions";

    public Task<RecognitionResult> RecognizeAsync(WavAudio audio, CancellationToken ct) => RecognizeAsync(audio, DictationLanguage.Polish, ct);

    public Task<RecognitionResult> RecognizeAsync(WavAudio audio, string language, CancellationToken ct)
    {
        var o = options.Value;
        var address = Address(o.OpenAiCompatible.BaseUrl ?? throw new InvalidOperationException("Dictation:OpenAiCompatible:BaseUrl is not set."));
        return RecognizerHttp.SendAsync(
            http,
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, address);
                if (!string.IsNullOrEmpty(o.OpenAiCompatible.ApiKey))
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.OpenAiCompatible.ApiKey);
                }

                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                var file = new ByteArrayContent(audio.File);
                file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
                request.Content = new MultipartFormDataContent
                {
                    { file, "file", "nagranie.wav" },
                    { new StringContent(o.OpenAiCompatible.Model), "model" },
                    { new StringContent(DictationLanguage.Code(language)), "language" },
                    { new StringContent("json"), "response_format" },
                };
                return request;
            },
            Read,
            TimeSpan.FromSeconds(o.EngineTimeoutSeconds),
            ct);
    }

    /// <summary>
    /// The transcriptions address: servers document their base address with "/v1" (OpenAI: https://api.openai.com/v1)
    /// or without it (whisper.cpp: http://host:8080), and either must lead to the one address, never ".../v1/v1/...".
    /// </summary>
    internal static Uri Address(Uri baseUrl)
    {
        var root = baseUrl.ToString().TrimEnd('/');
        if (root.EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
        {
            root = root[..^"/v1".Length];
        }

        return new Uri(new Uri(root + "/"), PathSuffix);
    }

    private static RecognitionResult Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                return RecognitionResult.Failed(RecognitionFailure.BadAnswer);
            }

            var heard = text.GetString()!.Trim();
            return heard.Length == 0 ? RecognitionResult.Failed(RecognitionFailure.NoSpeech) : RecognitionResult.Heard(heard);
        }
        catch (JsonException)
        {
            return RecognitionResult.Failed(RecognitionFailure.BadAnswer);
        }
    }
}
