using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace MobilnyUrzednik.Kiosk.Journey;

/// <summary>
/// The language of one visit to the kiosk: Polish unless the person chooses English or Ukrainian on the start screen.
/// The choice is a session cookie the kiosk's wipe deletes (kiosk.js), so the next person always starts in Polish. The
/// live page's language is fixed when it connects, so choosing reloads the page; the screen settings (text size,
/// contrast, headset, non-visual mode) travel along in the address and nothing else is held yet.
/// </summary>
public static class KioskLanguage
{
    public const string Cookie = "mu_kiosk_jezyk";

    public const string Path = "/jezyk";

    /// <summary>Polish first, then English and Ukrainian.</summary>
    public static readonly CultureInfo[] Cultures = [new("pl-PL"), new("en-GB"), new("uk-UA")];

    /// <summary>Each language named in itself, as a person looks for their own.</summary>
    public static IReadOnlyList<(CultureInfo Culture, string Name)> Choices { get; } =
        [(Cultures[0], "Polski"), (Cultures[1], "English"), (Cultures[2], "Українська")];

    /// <summary>The language chosen for this visit, or null (Polish).</summary>
    public static ProviderCultureResult? Chosen(HttpContext context) =>
        context.Request.Cookies[Cookie] is { } name && Cultures.Any(c => c.Name == name) ? new ProviderCultureResult(name) : null;

    /// <summary>Where choosing <paramref name="culture"/> leads, carrying the screen settings.</summary>
    public static string Address(CultureInfo culture, KioskSession session) =>
        $"{Path}?kultura={culture.Name}&ustawienia={session.TextSize}.{Bit(session.HighContrast)}.{Bit(session.Headset)}.{Bit(session.NonVisual)}";

    /// <summary>Puts the screen settings carried by the address back into the session.</summary>
    public static void Restore(string? settings, KioskSession session)
    {
        var parts = settings?.Split('.');
        if (parts is not { Length: 4 } || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return;
        }

        session.TextSize = Math.Clamp(size, 0, KioskSession.TextSizes.Count - 1);
        session.HighContrast = parts[1] == "1";
        session.Headset = parts[2] == "1";
        session.NonVisual = parts[3] == "1";
        session.NotifyChanged();
    }

    /// <summary>GET /jezyk?kultura=uk-UA&amp;ustawienia=…: keeps the choice for this visit and opens the start screen in it.</summary>
    public static IEndpointRouteBuilder MapKioskLanguage(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext context, string? kultura, string? ustawienia) =>
        {
            var culture = Cultures.FirstOrDefault(c => c.Name == kultura) ?? Cultures[0];
            if (culture == Cultures[0])
            {
                context.Response.Cookies.Delete(Cookie);
            }
            else
            {
                // Not HttpOnly: the page's own wipe deletes it. It holds a language, nothing about the person.
                context.Response.Cookies.Append(Cookie, culture.Name, new CookieOptions
                {
                    HttpOnly = false,
                    IsEssential = true,
                    SameSite = SameSiteMode.Strict,
                    Secure = context.Request.IsHttps,
                    Path = "/",
                });
            }

            var settings = ustawienia is { Length: <= 16 } s && s.All(c => char.IsAsciiDigit(c) || c == '.') ? "?ustawienia=" + s : string.Empty;
            return Results.LocalRedirect("/" + settings);
        });
        return app;
    }

    private static char Bit(bool on) => on ? '1' : '0';
}
