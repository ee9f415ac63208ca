using System.Globalization;
using System.Resources;
using System.Text;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// The messages' wording (NotificationMessages.resx, Polish, with English and Ukrainian beside it) with named
/// placeholders such as <c>{numer}</c>. A message is written in the language the request was filed in.
/// </summary>
public static class NotificationText
{
    private static readonly CultureInfo Polish = CultureInfo.GetCultureInfo("pl-PL");
    private static readonly ResourceManager Resources = new("MobilnyUrzednik.Core.Notifications.NotificationMessages", typeof(NotificationText).Assembly);

    /// <summary>The culture of a request's language ("en", "uk"; anything else, or none, is Polish).</summary>
    public static CultureInfo Culture(string? language) => language switch
    {
        "en" => CultureInfo.GetCultureInfo("en-GB"),
        "uk" => CultureInfo.GetCultureInfo("uk-UA"),
        _ => Polish,
    };

    /// <summary>The Polish template <paramref name="key"/> with every <c>{name}</c> replaced by its value (missing values: nothing).</summary>
    public static string Render(string key, IReadOnlyDictionary<string, string?> values) => Render(key, values, Polish);

    /// <summary>The template <paramref name="key"/> in <paramref name="culture"/> with every <c>{name}</c> replaced by its value.</summary>
    public static string Render(string key, IReadOnlyDictionary<string, string?> values, CultureInfo culture)
    {
        var template = Resources.GetString(key, culture) ?? throw new InvalidOperationException($"No notification text {key}.");
        var text = new StringBuilder(template.Length + 64);
        for (var i = 0; i < template.Length; i++)
        {
            var close = template[i] == '{' ? template.IndexOf('}', i + 1) : -1;
            if (close > i)
            {
                text.Append(values.TryGetValue(template[(i + 1)..close], out var value) ? value : null);
                i = close;
            }
            else
            {
                text.Append(template[i]);
            }
        }

        // An empty note leaves two spaces or a space before the end; tidy them.
        return string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A staff note as a sentence: trimmed and ending with a full stop, question or exclamation mark.</summary>
    public static string? Sentence(string? note)
    {
        var text = note?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text[^1] is '.' or '!' or '?' or '…' ? text : text + ".";
    }

    /// <summary>Shortens <paramref name="text"/> to at most <paramref name="max"/> characters at a word boundary, ending with "…".</summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', Math.Max(0, max - 1));
        return (cut > max / 2 ? text[..cut] : text[..(max - 1)]).TrimEnd(',', ';', ':', ' ') + "…";
    }
}
