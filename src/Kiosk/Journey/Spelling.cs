using Microsoft.Extensions.Localization;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Kiosk.Components;

namespace MobilnyUrzednik.Kiosk.Journey;

/// <summary>
/// A tracking code read aloud so it can be written down without seeing it: group by group ("K 7 P, 4 Q X, 9 M"), then
/// letter by letter with the spelling words of the kiosk's language ("K jak Karol, 7, P jak Paweł…", KioskText.resx).
/// </summary>
public static class Spelling
{
    /// <summary>"K 7 P, 4 Q X, 9 M".</summary>
    public static string Groups(string code) =>
        string.Join(", ", TrackingCode.Groups(code).Select(g => string.Join(' ', g.ToCharArray())));

    /// <summary>"K jak Karol, 7, P jak Paweł, …": digits as they are, each letter with its word.</summary>
    public static string Letters(string code, IStringLocalizer<KioskText> loc)
    {
        var words = Words(loc[nameof(KioskText.VoiceSpellingWords)]);
        return string.Join(", ", code.Select(c => words.TryGetValue(char.ToUpperInvariant(c), out var word)
            ? loc.Format(nameof(KioskText.VoiceSpellLetter), [c, word])
            : c.ToString()));
    }

    /// <summary>Reads "A=Adam;C=Celina;…".</summary>
    public static IReadOnlyDictionary<char, string> Words(string list) =>
        list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0].Length == 1)
            .ToDictionary(pair => pair[0][0], pair => pair[1]);
}
