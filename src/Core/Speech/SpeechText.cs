using System.Globalization;

namespace MobilnyUrzednik.Core.Speech;

/// <summary>
/// What may be read aloud: plain Polish text of a screen (a question, a hint, an error, a tracking code).
/// Refuses what a speech engine should never be given: nothing, too much, markup, or characters outside
/// the Latin script Polish is written in (Cyrillic, emoji, control characters...).
/// </summary>
public static class SpeechText
{
    /// <summary>Longest text read in one go: a screen's question, hint and errors fit easily.</summary>
    public const int MaxLength = 600;

    private const string AllowedPunctuation = ".,;:!?-–—()\"'„”“’/%+&*#@€$=_[]";

    /// <summary>Null when <paramref name="text"/> can be read aloud, else the reason it cannot.</summary>
    public static SpeechTextError? Check(string? text)
    {
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
            if (!IsAllowed(c))
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
}

/// <summary>Why a text cannot be read aloud.</summary>
public enum SpeechTextError
{
    Empty,
    TooLong,
    UnsupportedCharacters,
}
