extern alias kiosk;

using System.Globalization;
using MobilnyUrzednik.Core.Requests;
using KioskText = kiosk::MobilnyUrzednik.Kiosk.Components.KioskText;
using Spelling = kiosk::MobilnyUrzednik.Kiosk.Journey.Spelling;

namespace MobilnyUrzednik.Kiosk;

/// <summary>The receipt spells the tracking code letter by letter (issue 15): every letter a code can hold has a word in each kiosk language.</summary>
public sealed class SpellingTests
{
    [Theory]
    [InlineData("pl-PL", "K", "Karol")]
    [InlineData("en-GB", "K", "Kilo")]
    [InlineData("uk-UA", "K", "Київ")]
    public void EveryLetterOfTheCodeAlphabet_HasASpellingWord(string culture, string letter, string word)
    {
        var words = Spelling.Words(KioskText.ResourceManager.GetString(nameof(KioskText.VoiceSpellingWords), CultureInfo.GetCultureInfo(culture))!);
        foreach (var c in TrackingCode.Alphabet.Where(char.IsLetter))
        {
            Assert.True(words.TryGetValue(c, out var w) && w.Length > 1, $"{culture}: no word for {c}");
        }

        Assert.Equal(word, words[letter[0]]);
    }

    [Fact]
    public void Groups_AreSpacedCharactersSeparatedByCommas() =>
        Assert.Equal("K 7 P, 4 Q X, 9 M", Spelling.Groups("K7P4QX9M"));
}
