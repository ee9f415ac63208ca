using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace MobilnyUrzednik.Core.Dictation;

/// <summary>
/// Azure AI Speech, "speech to text REST API for short audio": <c>POST
/// https://REGION.stt.speech.microsoft.com/speech/recognition/conversation/cognitiveservices/v1?language=pl-PL&amp;format=simple</c>
/// with the key in <c>Ocp-Apim-Subscription-Key</c> and the WAV as the body
/// (<c>Content-Type: audio/wav; codecs=audio/pcm; samplerate=16000</c>). The answer is JSON with
/// <c>RecognitionStatus</c> ("Success", "NoMatch", "InitialSilenceTimeout", "BabbleTimeout", "Error") and
/// <c>DisplayText</c>. (The Speech SDK is not installable here; the REST API needs none.)
/// </summary>
public sealed class AzureSpeechRecognizer(HttpClient http, IOptions<DictationOptions> options) : ISpeechRecognizer
{
    public Task<RecognitionResult> RecognizeAsync(WavAudio audio, CancellationToken ct) => RecognizeAsync(audio, DictationLanguage.Polish, ct);

    public Task<RecognitionResult> RecognizeAsync(WavAudio audio, string language, CancellationToken ct)
    {
        var o = options.Value;
        var address = new UriBuilder(o.Azure.ResolvedEndpoint) { Query = $"language={DictationLanguage.Locale(language)}&format=simple" }.Uri;
        return RecognizerHttp.SendAsync(
            http,
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, address);
                request.Headers.Add("Ocp-Apim-Subscription-Key", o.Azure.Key);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                var body = new ByteArrayContent(audio.File);
                body.Headers.TryAddWithoutValidation("Content-Type", "audio/wav; codecs=audio/pcm; samplerate=16000");
                request.Content = body;
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
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("RecognitionStatus", out var status) || status.ValueKind != JsonValueKind.String)
            {
                return RecognitionResult.Failed(RecognitionFailure.BadAnswer);
            }

            switch (status.GetString())
            {
                case "Success":
                    var text = root.TryGetProperty("DisplayText", out var display) && display.ValueKind == JsonValueKind.String ? display.GetString() : null;
                    return string.IsNullOrWhiteSpace(text)
                        ? RecognitionResult.Failed(RecognitionFailure.NoSpeech)
                        : RecognitionResult.Heard(text.Trim());
                case "NoMatch" or "InitialSilenceTimeout" or "BabbleTimeout":
                    return RecognitionResult.Failed(RecognitionFailure.NoSpeech);
                case "Error":
                    return RecognitionResult.Failed(RecognitionFailure.Unavailable);
                default:
                    return RecognitionResult.Failed(RecognitionFailure.BadAnswer);
            }
        }
        catch (JsonException)
        {
            return RecognitionResult.Failed(RecognitionFailure.BadAnswer);
        }
    }
}
