using System.Net;
using Microsoft.AspNetCore.Mvc;

namespace MobilnyUrzednik.Kiosk.Devices;

/// <summary>
/// <c>/urzadzenie</c>: where the library's IT enters the kiosk's key once (a plain form, no Blazor: it sets the
/// device cookie). The key travels in a post body, never in an address that could be logged.
/// </summary>
internal static class KioskSetupPage
{
    /// <summary>Why the key cannot be entered here: the address is not HTTPS (outside Development).</summary>
    public const string HttpsNeeded = "Klucz kiosku wpisuje się tylko przez połączenie szyfrowane. Otwórz tę stronę pod adresem zaczynającym się od https://.";

    public static IEndpointRouteBuilder MapKioskSetup(this IEndpointRouteBuilder app)
    {
        app.MapGet(KioskDeviceMiddleware.SetupPath, (HttpContext context, KioskDeviceMiddleware devices) => devices.IsSecureEnough(context)
            ? Results.Content(Form(error: null), "text/html; charset=utf-8")
            : HttpsRefusal());
        app.MapPost(KioskDeviceMiddleware.SetupPath, (HttpContext context, [FromForm(Name = "klucz")] string? key, KioskDeviceMiddleware devices) =>
        {
            // The key is refused unread over plain HTTP: it would have crossed the network in the clear.
            if (!devices.IsSecureEnough(context))
            {
                return HttpsRefusal();
            }

            if (devices.TryEnrol(context, key))
            {
                return Results.Redirect("/");
            }

            var message = string.IsNullOrWhiteSpace(key) ? "Wpisz klucz kiosku" : "Ten klucz nie pasuje do żadnego kiosku. Sprawdź klucz w ustawieniach gminy";
            return Results.Content(Form(message), "text/html; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        }).DisableAntiforgery();
        return app;
    }

    private static IResult HttpsRefusal() =>
        Results.Content(Html("Potrzebne połączenie szyfrowane", $"<p>{HttpsNeeded}</p>", heading: "Konfiguracja kiosku"), "text/html; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);

    private static string Form(string? error)
    {
        var summary = error is null ? string.Empty
            : $"<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus><h2 class=\"error-summary__title\">Wystąpił problem</h2><ul class=\"error-summary__list\"><li><a href=\"{KioskDeviceMiddleware.SetupPath}#klucz\">{WebUtility.HtmlEncode(error)}</a></li></ul></div>";
        var fieldError = error is null ? string.Empty : $"<p id=\"klucz-error\" class=\"error-message\"><span class=\"visually-hidden\">Błąd:</span> {WebUtility.HtmlEncode(error)}</p>";
        return Html(
            error is null ? "Konfiguracja kiosku" : "Błąd: Konfiguracja kiosku",
            summary
            + "<p>Wpisz klucz tego kiosku z ustawień gminy. Robi się to raz, przy ustawianiu urządzenia.</p>"
            + $"<form method=\"post\" action=\"{KioskDeviceMiddleware.SetupPath}\" novalidate><div class=\"form-group{(error is null ? string.Empty : " form-group--error")}\">"
            + "<label class=\"label\" for=\"klucz\">Klucz kiosku</label>" + fieldError
            + $"<input class=\"input input--width-20\" id=\"klucz\" name=\"klucz\" type=\"password\" autocomplete=\"off\"{(error is null ? string.Empty : " aria-invalid=\"true\" aria-describedby=\"klucz-error\"")} />"
            + "</div><button type=\"submit\" class=\"button\">Zapisz klucz</button></form>",
            heading: "Konfiguracja kiosku");
    }

    /// <summary>A minimal accessible Polish page in the site's styles.</summary>
    public static string Html(string title, string body, string? heading = null) =>
        "<!DOCTYPE html><html lang=\"pl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<title>{WebUtility.HtmlEncode(title)} – Mobilny Urzędnik</title>"
        + "<link rel=\"stylesheet\" href=\"/_content/MobilnyUrzednik.Components/mu.css\"></head><body><div class=\"container\"><main id=\"main\">"
        + $"<h1>{WebUtility.HtmlEncode(heading ?? title)}</h1>{body}</main></div></body></html>";
}
