using System.Diagnostics;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Common;

namespace MobilnyUrzednik.Core.Dictation;

/// <summary>How an app proves that a recording comes from its own page.</summary>
public enum DictationCaller
{
    /// <summary>The public site: the page's anti-forgery token in the <c>RequestVerificationToken</c> header.</summary>
    AntiforgeryToken,

    /// <summary>The kiosk: its device middleware has already refused any request without a valid kiosk key cookie (SameSite=Strict).</summary>
    KioskDevice,
}

/// <summary>
/// <c>POST /api/dyktowanie?jezyk=pl&amp;cyfry=true</c>: a WAV recording (16 kHz, mono, 16-bit PCM, at most
/// Dictation:MaxSeconds) in, the text heard in the page's language out as <c>{"tekst": "…"}</c> (for a phone number or
/// a postal code, the numbers said as digits). Every refusal is a problem+json with a Polish <c>detail</c> for
/// the resident and a stable <c>kod</c>. The audio lives only in memory for the length of the call: it is passed to the
/// engine and dropped; neither audio nor text is ever logged.
/// </summary>
public static class DictationEndpoints
{
    public const string Path = "/api/dyktowanie";

    /// <summary>Maps the endpoint when a server-side engine is configured. <paramref name="partition"/> names the caller
    /// for the rate limit (the address, or the kiosk).</summary>
    public static IEndpointRouteBuilder MapDictation(this IEndpointRouteBuilder app, DictationCaller caller, Func<HttpContext, string> partition)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<DictationOptions>>().Value;
        if (!DictationSetup.IsServerSide(options.Engine))
        {
            return app;
        }

        var limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.RecordingsPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

        app.MapPost(Path, async (HttpContext context, ISpeechRecognizer recognizer, IStringLocalizer<DictationMessages> loc,
            ILoggerFactory loggers, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            var logger = loggers.CreateLogger(typeof(DictationEndpoints));
            IResult Refuse(int status, string code) => TypedResults.Problem(
                detail: loc[code], statusCode: status, title: loc["Title"], extensions: new Dictionary<string, object?> { ["kod"] = code });

            if (caller == DictationCaller.AntiforgeryToken && !await antiforgery.IsRequestValidAsync(context))
            {
                return Refuse(StatusCodes.Status400BadRequest, "Antiforgery");
            }

            using var lease = limiter.AttemptAcquire(partition(context));
            if (!lease.IsAcquired)
            {
                context.Response.Headers.RetryAfter = "60";
                return Refuse(StatusCodes.Status429TooManyRequests, "TooMany");
            }

            var type = context.Request.ContentType ?? string.Empty;
            if (!type.StartsWith("audio/wav", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("audio/x-wav", StringComparison.OrdinalIgnoreCase)
                && !type.StartsWith("audio/wave", StringComparison.OrdinalIgnoreCase))
            {
                return Refuse(StatusCodes.Status415UnsupportedMediaType, "NotWav");
            }

            if (context.Request.ContentLength > options.MaxBytes)
            {
                return Refuse(StatusCodes.Status413PayloadTooLarge, "TooLong");
            }

            var body = await ReadAtMostAsync(context.Request.Body, options.MaxBytes, ct);
            if (body is null)
            {
                return Refuse(StatusCodes.Status413PayloadTooLarge, "TooLong");
            }

            switch (WavAudio.TryParse(body, out var audio))
            {
                case WavProblem.NotWav:
                    return Refuse(StatusCodes.Status415UnsupportedMediaType, "NotWav");
                case WavProblem.WrongFormat:
                    return Refuse(StatusCodes.Status415UnsupportedMediaType, "WrongFormat");
                case WavProblem.Empty:
                    return Refuse(StatusCodes.Status422UnprocessableEntity, "NoSpeech");
                case WavProblem.Damaged:
                    return Refuse(StatusCodes.Status400BadRequest, "Damaged");
            }

            if (audio!.Duration > TimeSpan.FromSeconds(options.MaxSeconds) + TimeSpan.FromMilliseconds(500))
            {
                return Refuse(StatusCodes.Status413PayloadTooLarge, "TooLong");
            }

            var watch = Stopwatch.StartNew();
            // The page says which language it speaks (?jezyk=uk) and whether the field wants digits (?cyfry=true:
            // a phone number or a postal code, where "sześćset jeden…" must land as "601…").
            var language = DictationLanguage.Code(context.Request.Query["jezyk"].ToString());
            var digits = string.Equals(context.Request.Query["cyfry"].ToString(), "true", StringComparison.Ordinal);
            var result = await recognizer.RecognizeAsync(audio, language, ct);
            logger.LogInformation(
                "Dictation: {Seconds:0.0} s of audio, engine {Engine}, outcome {Outcome} in {Milliseconds} ms",
                audio.Duration.TotalSeconds, options.Engine, result.Failure?.ToString() ?? "Heard", watch.ElapsedMilliseconds);
            return result.Failure switch
            {
                null => TypedResults.Ok(new DictationAnswer(digits ? SpokenNumbers.ToDigits(Clean(result.Text!)) ?? Clean(result.Text!) : Clean(result.Text!))),
                RecognitionFailure.NoSpeech => Refuse(StatusCodes.Status422UnprocessableEntity, "NoSpeech"),
                RecognitionFailure.Busy => Refuse(StatusCodes.Status503ServiceUnavailable, "EngineBusy"),
                RecognitionFailure.TimedOut => Refuse(StatusCodes.Status504GatewayTimeout, "EngineTimeout"),
                _ => Refuse(StatusCodes.Status502BadGateway, "EngineDown"),
            };
        }).DisableAntiforgery(); // checked above from the header; the form-reading middleware check does not apply to a WAV body

        return app;
    }

    /// <summary>The answer: the words heard.</summary>
    public sealed record DictationAnswer(string Tekst);

    /// <summary>Engines may answer with angle brackets or stray control characters; a field refuses those, so they go.</summary>
    internal static string Clean(string text)
    {
        var untagged = System.Text.RegularExpressions.Regex.Replace(text, "<[^<>]*>", " ", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        var kept = new string(untagged.Where(c => c is not ('<' or '>') && (!char.IsControl(c) || c == '\n')).ToArray());
        return PlainText.Tidy(kept, multiline: true);
    }

    private static async Task<byte[]?> ReadAtMostAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's body limit (Abuse, set to the same size) was reached first.
            return null;
        }

        return buffer.ToArray();
    }
}

/// <summary>Marker for the dictation endpoint's messages (DictationMessages.resx).</summary>
public sealed class DictationMessages;
