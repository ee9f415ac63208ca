using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;

namespace MobilnyUrzednik.Components.Layout;

/// <summary>
/// What the office typed in Polish (matter names, phone hours, the office's name and address) shown on a page in another
/// language: marked <c>lang="pl"</c> so a screen reader reads it with Polish pronunciation (WCAG 3.1.2).
/// </summary>
public static class PolishData
{
    /// <summary>The <c>lang</c> attribute for Polish data on the current page: none on a Polish page.</summary>
    public static string? Lang => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "pl" ? null : "pl";

    /// <summary>Marks one argument of <see cref="Format"/> as Polish data.</summary>
    public static object In(string? text) => new Polish(text ?? string.Empty);

    /// <summary>
    /// <see cref="string.Format(IFormatProvider, string, object[])"/> as markup: every argument is HTML-encoded, and those
    /// wrapped with <see cref="In"/> become <c>&lt;span lang="pl"&gt;</c> on a page that is not Polish.
    /// </summary>
    public static MarkupString Format(string format, params object?[] args)
    {
        var lang = Lang;
        var encoded = args.Select(a => (object)(a switch
        {
            Polish p when lang is not null => $"<span lang=\"{lang}\">{WebUtility.HtmlEncode(p.Text)}</span>",
            Polish p => WebUtility.HtmlEncode(p.Text),
            _ => WebUtility.HtmlEncode(Convert.ToString(a, CultureInfo.CurrentCulture) ?? string.Empty),
        })).ToArray();
        return new MarkupString(string.Format(CultureInfo.CurrentCulture, WebUtility.HtmlEncode(format), encoded));
    }

    private sealed record Polish(string Text);
}
