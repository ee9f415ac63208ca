using Microsoft.AspNetCore.Localization;

namespace MobilnyUrzednik.PublicSite.Components.Shared;

/// <summary>
/// The visitor's own choices, kept in cookies so static pages (and pages without JavaScript) can
/// read them: language, text size and contrast. Nothing personal is stored.
/// </summary>
internal static class Preferences
{
    public const string AppearanceCookie = "mu_wyglad";

    public static readonly string[] TextSizes = ["normal", "large", "larger"];
    public static readonly string[] Contrasts = ["standard", "high"];

    /// <summary>Reads the appearance cookie ("size|contrast"), falling back to defaults.</summary>
    public static (string Size, string Contrast) ReadAppearance(HttpContext? context)
    {
        var raw = context?.Request.Cookies[AppearanceCookie] ?? string.Empty;
        var parts = raw.Split('|');
        var size = parts.Length > 0 && TextSizes.Contains(parts[0]) ? parts[0] : "normal";
        var contrast = parts.Length > 1 && Contrasts.Contains(parts[1]) ? parts[1] : "standard";
        return (size, contrast);
    }

    /// <summary>The classes for the html element.</summary>
    public static string HtmlClasses(HttpContext? context)
    {
        var (size, contrast) = ReadAppearance(context);
        var classes = new List<string>();
        if (size != "normal")
        {
            classes.Add("text-" + size);
        }

        if (contrast == "high")
        {
            classes.Add("contrast-high");
        }

        return string.Join(' ', classes);
    }

    public static void WriteAppearance(HttpContext context, string size, string contrast) =>
        context.Response.Cookies.Append(AppearanceCookie, $"{size}|{contrast}", new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
        });

    /// <summary>
    /// A local path to return to, never another site; anything odd (another host, a backslash, a control character,
    /// a letter outside ASCII that a Location header cannot carry, an overlong value) returns home.
    /// </summary>
    public static string SafeReturn(string? path) =>
        !string.IsNullOrEmpty(path) && path.Length <= 2000 && path[0] == '/' && (path.Length == 1 || path[1] is not ('/' or '\\'))
        && path.All(c => c is > ' ' and < '\u007f' and not '\\')
            ? path
            : "/";

    /// <summary>GET /jezyk?kultura=en-GB&amp;powrot=/status: the language switch, a plain link that works without JavaScript.</summary>
    public static void MapPreferenceEndpoints(this WebApplication app) =>
        app.MapGet("/jezyk", (HttpContext context, string? kultura, string? powrot) =>
        {
            var culture = PublicSiteExtensions.Cultures.FirstOrDefault(c => c.Name == kultura) ?? PublicSiteExtensions.Cultures[0];
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = context.Request.IsHttps });
            return Results.LocalRedirect(SafeReturn(powrot));
        });
}
