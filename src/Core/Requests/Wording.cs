using System.Globalization;
using Microsoft.Extensions.Localization;
using MobilnyUrzednik.Core.Common;

namespace MobilnyUrzednik.Core.Requests;

/// <summary>A count and the noun it counts, written with the right plural form ("1 000 znaków", "90 dni").</summary>
/// <param name="Number">The count.</param>
/// <param name="FormsKey">The key of the noun's forms in the same resources ("znak|znaki|znaków").</param>
public sealed record Quantity(long Number, string FormsKey);

/// <summary>
/// Text a front end shows or reads aloud: a resource key with its arguments (the UI finds the words in its language),
/// or text as it is (what a person typed, a matter's name from the catalogue). Core holds keys, never sentences.
/// </summary>
public sealed record Wording
{
    private Wording()
    {
    }

    /// <summary>The resource key, or null for <see cref="Literal"/> text.</summary>
    public string? Key { get; private init; }

    /// <summary>Text shown as it is.</summary>
    public string? Literal { get; private init; }

    /// <summary>Values for the text's placeholders: strings, numbers (written "1 000"), dates (written out), <see cref="Quantity"/>.</summary>
    public IReadOnlyList<object> Args { get; private init; } = [];

    /// <summary>The language of literal text when it may differ from the page's (the catalogue is Polish).</summary>
    public string? Lang { get; private init; }

    /// <summary>The text under <paramref name="key"/>, formatted with <paramref name="args"/>.</summary>
    public static Wording Of(string key, params object[] args) => new() { Key = key, Args = args };

    /// <summary>Text shown as it is, in <paramref name="lang"/> when that is known to differ from the page's.</summary>
    public static Wording Text(string text, string? lang = null) => new() { Literal = text, Lang = lang };
}

/// <summary>Turns keys into words in the current UI language.</summary>
public static class WordingExtensions
{
    /// <summary>The words of <paramref name="wording"/> in the current culture.</summary>
    public static string Say(this IStringLocalizer loc, Wording wording) =>
        wording.Key is null ? wording.Literal ?? string.Empty : loc.Format(wording.Key, wording.Args);

    /// <summary>The words of a problem with an answer.</summary>
    public static string Say(this IStringLocalizer loc, AnswerError error) => loc.Format(error.Code, error.Args);

    /// <summary>
    /// The text under <paramref name="key"/> with its placeholders filled: numbers as the culture writes them ("1 000"),
    /// dates written out ("wtorek, 15 grudnia 2026"), quantities with the right plural form (<see cref="Plural"/>), anything else as it is.
    /// </summary>
    public static string Format(this IStringLocalizer loc, string key, IReadOnlyList<object> args)
    {
        var template = loc[key].Value;
        if (args.Count == 0)
        {
            return template;
        }

        var culture = CultureInfo.CurrentCulture;
        var values = args.Select(a => a switch
        {
            Quantity q => Plural.Format(q.Number, loc[q.FormsKey].Value, culture),
            int i => i.ToString("N0", culture),
            DateOnly d => d.ToString("dddd, d MMMM yyyy", culture),
            long l => l.ToString("N0", culture),
            _ => a,
        }).ToArray();
        return string.Format(culture, template, values);
    }
}
