namespace MobilnyUrzednik.Core.Dictation;

/// <summary>What went wrong, in terms the resident's message is chosen by (never the engine's own text).</summary>
public enum RecognitionFailure
{
    /// <summary>The engine heard no words.</summary>
    NoSpeech,

    /// <summary>The engine refused our credentials (401/403): a configuration fault the office must fix.</summary>
    NotAuthorised,

    /// <summary>The engine is busy or limits us (429).</summary>
    Busy,

    /// <summary>The engine did not answer in time.</summary>
    TimedOut,

    /// <summary>The engine is down, unreachable or failed (5xx, connection refused).</summary>
    Unavailable,

    /// <summary>The engine answered something we cannot read.</summary>
    BadAnswer,
}

/// <summary>The text heard, or why there is none.</summary>
public sealed record RecognitionResult(string? Text, RecognitionFailure? Failure)
{
    public static RecognitionResult Heard(string text) => new(text, null);

    public static RecognitionResult Failed(RecognitionFailure failure) => new(null, failure);
}

/// <summary>A server-side speech-to-text engine. Audio is passed through and never kept.</summary>
public interface ISpeechRecognizer
{
    /// <summary>Polish text for a checked recording. Never throws for engine faults: they come back as failures.</summary>
    Task<RecognitionResult> RecognizeAsync(WavAudio audio, CancellationToken ct);

    /// <summary>Text in <paramref name="language"/> (the page's: <see cref="DictationLanguage"/>) for a checked recording.</summary>
    Task<RecognitionResult> RecognizeAsync(WavAudio audio, string language, CancellationToken ct);
}

/// <summary>The languages a resident may dictate in: the site's and the kiosk's (Polish, English, Ukrainian).</summary>
public static class DictationLanguage
{
    public const string Polish = "pl";

    /// <summary>The two-letter code for an engine ("pl", "uk", "en"); anything else is Polish.</summary>
    public static string Code(string? language) => language is "uk" or "en" ? language : Polish;

    /// <summary>The locale Azure asks for ("pl-PL", "uk-UA", "en-GB").</summary>
    public static string Locale(string? language) => Code(language) switch
    {
        "uk" => "uk-UA",
        "en" => "en-GB",
        _ => "pl-PL",
    };
}

/// <summary>Shared handling of the HTTP call: the time limit, one retry where it is safe, and the status codes.</summary>
internal static class RecognizerHttp
{
    /// <summary>
    /// Sends the request made by <paramref name="build"/> (called again for a retry: a request cannot be sent twice)
    /// and reads the answer with <paramref name="read"/>. Recognition changes nothing on the engine's side, so one
    /// retry after a connection failure or a 502/503/504 is safe; 401/403/429 are never retried.
    /// </summary>
    public static async Task<RecognitionResult> SendAsync(
        HttpClient http,
        Func<HttpRequestMessage> build,
        Func<string, RecognitionResult> read,
        TimeSpan timeout,
        CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = build();
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, limit.Token);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    return read(await response.Content.ReadAsStringAsync(limit.Token));
                }

                if (status is 401 or 403)
                {
                    return RecognitionResult.Failed(RecognitionFailure.NotAuthorised);
                }

                if (status == 429)
                {
                    return RecognitionResult.Failed(RecognitionFailure.Busy);
                }

                if (status is 502 or 503 or 504 && attempt == 1)
                {
                    continue;
                }

                return RecognitionResult.Failed(status >= 500 ? RecognitionFailure.Unavailable : RecognitionFailure.BadAnswer);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return RecognitionResult.Failed(RecognitionFailure.TimedOut);
            }
            catch (HttpRequestException) when (attempt == 1)
            {
                // Connection refused or reset: one more try within the same time limit.
            }
            catch (HttpRequestException)
            {
                return RecognitionResult.Failed(RecognitionFailure.Unavailable);
            }
        }
    }
}
