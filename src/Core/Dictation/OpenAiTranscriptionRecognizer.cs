using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace MobilnyUrzednik.Core.Dictation;

/// <summary>
/// An OpenAI-compatible transcription server: <c>POST {BaseUrl}/v1/audio/transcriptions</c>, multipart/form-data with
/// <c>file</c> (the WAV), <c>model</c>, <c>language=pl</c> and <c>response_format=json</c>; the answer is
/// <c>{"text": "…"}</c>. whisper.cpp's server (with <c>--inference-path /v1/audio/transcriptions</c>) and
/// faster-whisper servers speak it, so a municipality can keep voices on its own machines.
/// </summary>
public sealed class OpenAiTranscriptionRecognizer(HttpClient http, IOptions<DictationOptions> options) : ISpeechRecognizer
{
    public const string Language = "pl";
    public const string PathSuffix = "v1/audio/transcriptions";

    public Task<RecognitionResult> RecognizeAsync(WavAudio audio, CancellationToken ct)
    {
        var o = options.Value;
        var baseUrl = o.OpenAiCompatible.BaseUrl ?? throw new InvalidOperationException("Dictation:OpenAiCompatible:BaseUrl is not set.");
        var address = new Uri(new Uri(baseUrl.ToString().TrimEnd('/') + "/"), PathSuffix);
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
                    { new StringContent(Language), "language" },
                    { new StringContent("json"), "response_format" },
                };
                return request;
            },
            Read,
            TimeSpan.FromSeconds(o.EngineTimeoutSeconds),
            ct);
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
