using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MobilnyUrzednik.Core.Common;

/// <summary>
/// Tidies and checks free text as people type or dictate it. Names and addresses take letters
/// (any script, with Polish diacritics), digits where they belong and ordinary punctuation;
/// descriptions take anything readable but markup.
/// </summary>
public static partial class PlainText
{
    /// <summary>
    /// Trims, joins runs of spaces, normalises to NFC, turns line breaks into "\n" and drops Unicode's bidirectional
    /// controls (U+202A–U+202E, U+2066–U+2069, the marks U+200E, U+200F, U+061C): invisible, never typed by a resident,
    /// and able to show a name, an address or a note reversed to staff (U+202E). Every text a form stores passes here.
    /// </summary>
    public static string Tidy(string? input, bool multiline = false)
    {
        if (string.IsNullOrEmpty(input))
        {
            return string.Empty;
        }

        var text = BidiControls().Replace(input, string.Empty).Normalize(NormalizationForm.FormC).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (!multiline)
        {
            text = text.Replace('\n', ' ');
        }

        text = Spaces().Replace(text, " ");
        text = string.Join('\n', text.Split('\n').Select(l => l.Trim()));
        return (multiline ? BlankLines().Replace(text, "\n\n") : text).Trim();
    }

    /// <summary>Number of characters as a person counts them (an emoji or "ą" counts once).</summary>
    public static int Length(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>True when the text has an HTML/XML tag, a control character or a bidirectional control (for text that
    /// is checked without <see cref="Tidy"/>, such as an e-mail address): never something a resident means.</summary>
    public static bool HasMarkupOrControl(string text) =>
        Tag().IsMatch(text) || text.Any(c => char.IsControl(c) && c != '\n' && c != '\t') || BidiControls().IsMatch(text);

    /// <summary>
    /// The stricter rule for what staff write for residents to read (notes, reasons, settings, catalogue text): no angle
    /// bracket at all, and no control character. A resident's own text is held to <see cref="HasMarkupOrControl"/>.
    /// </summary>
    public static bool HasAngleBracketsOrControl(string text) =>
        HasMarkupOrControl(text) || text.Contains('<', StringComparison.Ordinal) || text.Contains('>', StringComparison.Ordinal);

    /// <summary>True when the text has emoji or other pictographs.</summary>
    public static bool HasEmoji(string text)
    {
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            var element = (string)e.Current;
            var rune = Rune.GetRuneAt(element, 0);
            var category = Rune.GetUnicodeCategory(rune);
            if (category == UnicodeCategory.OtherSymbol || category == UnicodeCategory.Surrogate || rune.Value >= 0x1F000
                || element.Contains('\u200D', StringComparison.Ordinal) || element.Contains('\uFE0F', StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A person's name: letters, spaces, hyphens, apostrophes and dots only ("Anna Nowak-Kowalska", "O'Neill").</summary>
    public static bool IsPersonName(string text) => text.Length > 0 && text.All(c =>
        char.IsLetter(c) || c is ' ' or '-' or '\'' or '’' or '.' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark);

    /// <summary>An address line or a town: letters, digits, spaces and . , - / ' ( ) and "nr".</summary>
    public static bool IsAddressText(string text) => text.Length > 0 && text.All(c =>
        char.IsLetterOrDigit(c) || c is ' ' or '-' or '\'' or '’' or '.' or ',' or '/' or '(' or ')' or '"'
        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark);

    [GeneratedRegex(@"[ \t\u00A0\u2000-\u200B\u202F\u205F\u3000]+")]
    private static partial Regex Spaces();

    [GeneratedRegex("[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]")]
    private static partial Regex BidiControls();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"<\s*[a-zA-Z/!?][^>]*>|<\s*script", RegexOptions.IgnoreCase)]
    private static partial Regex Tag();
}
