using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Speech;
using MobilnyUrzednik.Kiosk.Devices;

namespace MobilnyUrzednik.Kiosk.Speech;

/// <summary>
/// <c>POST /api/mowa</c> with <c>{"tekst": "…", "jezyk": "pl"}</c>: the text spoken as audio/wav in the kiosk's language
/// (Polish by default; Ukrainian and English too), made on this server by espeak-ng (the kiosk's browser may have no such voice). A post, not a query string, so a
/// name or an address being read aloud never lands in an access log. Each kiosk may ask for
/// <see cref="SpeechOptions.RequestsPerMinute"/> texts a minute; the engine itself runs a few processes at once
/// (see <see cref="EspeakOptions"/>) and answers "busy" beyond its queue.
/// </summary>
internal static class SpeechEndpoints
{
    public const string Path = "/api/mowa";

    public static IEndpointRouteBuilder MapSpeech(this IEndpointRouteBuilder app)
    {
        var perMinute = app.ServiceProvider.GetRequiredService<IOptions<SpeechOptions>>().Value.RequestsPerMinute;
        var limiter = PartitionedRateLimiter.Create<string, string>(device => RateLimitPartition.GetFixedWindowLimiter(device, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
        app.MapPost(Path, async Task<IResult> (HttpContext context, [FromBody] SpeechRequest? body, ITextToSpeech speech, CancellationToken ct) =>
        {
            using var lease = limiter.AttemptAcquire("kiosk:" + (KioskDeviceMiddleware.Current(context)?.Id ?? "?"));
            if (!lease.IsAcquired)
            {
                context.Response.Headers.RetryAfter = "60";
                return Problem(StatusCodes.Status429TooManyRequests, "Ten kiosk poprosił w ostatniej minucie o przeczytanie zbyt wielu tekstów. Tekst jest na ekranie; czytanie wróci za chwilę.");
            }

            var text = body?.Tekst;
            var language = SpeechText.Language(body?.Jezyk);
            switch (SpeechText.Check(text, language))
            {
                case SpeechTextError.Empty:
                    return Problem(StatusCodes.Status400BadRequest, "Brak tekstu do przeczytania.");
                case SpeechTextError.TooLong:
                    return Problem(StatusCodes.Status400BadRequest, $"Tekst jest za długi do przeczytania: może mieć najwyżej {SpeechText.MaxLength} znaków.");
                case SpeechTextError.UnsupportedCharacters:
                    return Problem(StatusCodes.Status400BadRequest, "Tekst zawiera znaki, których nie umiemy przeczytać po polsku (na przykład emotikony, znaczniki albo inny alfabet).");
            }

            try
            {
                var audio = await speech.SynthesizeAsync(text!, language, ct);
                return TypedResults.File(audio, "audio/wav");
            }
            catch (SpeechBusyException)
            {
                context.Response.Headers.RetryAfter = "5";
                return Problem(StatusCodes.Status503ServiceUnavailable, "Czytanie na głos jest teraz zajęte. Tekst jest na ekranie; spróbuj za chwilę.");
            }
            catch (SpeechUnavailableException)
            {
                return Problem(StatusCodes.Status503ServiceUnavailable, "Czytanie na głos jest teraz niedostępne. Tekst jest na ekranie.");
            }
        });
        return app;
    }

    private static IResult Problem(int status, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: status is 400 or 429 ? "Nie można przeczytać tekstu" : "Czytanie na głos niedostępne");

    /// <summary>The body: the text to read, and the kiosk's language ("pl" when not given; "uk" reads Cyrillic).</summary>
    public sealed record SpeechRequest(string? Tekst, string? Jezyk = null);
}
