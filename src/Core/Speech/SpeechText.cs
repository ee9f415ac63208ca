using System.Globalization;

namespace MobilnyUrzednik.Core.Speech;

/// <summary>
/// What may be read aloud: plain text of a screen (a question, a hint, an error, a tracking code) in the kiosk's
/// language. Refuses what a speech engine should never be given: nothing, too much, markup, or characters outside the
/// script the voice reads — the Latin script for Polish and English, Cyrillic as well for Ukrainian (names and codes in
/// Latin letters stay readable) — so emoji, control characters or another alphabet are refused.
/// </summary>
public static class SpeechText
{
    /// <summary>Longest text read in one go: a screen's question, hint and errors fit easily.</summary>
    public const int MaxLength = 600;

    private const string AllowedPunctuation = ".,;:!?-–—()\"'„”“’/%+&*#@€$=_[]";

    /// <summary>The languages with a voice: Polish (the default), English, Ukrainian (espeak-ng's "pl", "en", "uk").</summary>
    public static string Language(string? language) => language is "uk" or "en" ? language : "pl";

    /// <summary>Null when <paramref name="text"/> can be read aloud in Polish, else the reason it cannot.</summary>
    public static SpeechTextError? Check(string? text) => Check(text, "pl");

    /// <summary>Null when <paramref name="text"/> can be read aloud in <paramref name="language"/>, else the reason it cannot.</summary>
    public static SpeechTextError? Check(string? text, string? language)
    {
        var cyrillic = Language(language) == "uk";
        if (string.IsNullOrWhiteSpace(text))
        {
            return SpeechTextError.Empty;
        }

        if (text.Length > MaxLength)
        {
            return SpeechTextError.TooLong;
        }

        foreach (var c in text)
        {
            if (!IsAllowed(c) && !(cyrillic && IsCyrillic(c)))
            {
                return SpeechTextError.UnsupportedCharacters;
            }
        }

        return null;
    }

    /// <summary>Letters of the Latin script (Polish diacritics and other Latin letters in names), digits, spaces and ordinary punctuation.</summary>
    private static bool IsAllowed(char c)
    {
        if (c is ' ' or '\n' or '\r' or '\t' || char.IsAsciiLetterOrDigit(c) || AllowedPunctuation.Contains(c, StringComparison.Ordinal))
        {
            return true;
        }

        // Latin-1 Supplement letters (ó, é, ü…) and Latin Extended-A (ą, ć, ę, ł, ń, ś, ź, ż…), letters only.
        return c is >= '\u00C0' and <= '\u017F' && c != '\u00D7' && c != '\u00F7' && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter;
    }

    /// <summary>Cyrillic letters (Ukrainian: і, ї, є, ґ among them) and the Ukrainian apostrophe.</summary>
    private static bool IsCyrillic(char c) =>
        c == '\u02BC' || (c is >= '\u0400' and <= '\u04FF' && char.IsLetter(c));
}

/// <summary>Why a text cannot be read aloud.</summary>
public enum SpeechTextError
{
    Empty,
    TooLong,
    UnsupportedCharacters,
}
