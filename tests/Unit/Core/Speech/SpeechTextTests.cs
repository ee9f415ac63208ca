
namespace MobilnyUrzednik.Core.Speech;

public sealed class SpeechTextTests
{
    [Theory]
    [InlineData("Dla kogo jest ta wizyta?")]
    [InlineData("Zażółć gęślą jaźń. ZAŻÓŁĆ GĘŚLĄ JAŹŃ!")]
    [InlineData("Numer zgłoszenia: K7P-4QX-9M.")]
    [InlineData("Ulica Główna 5 m. 3, 00-950 Przykładowo")]
    [InlineData("„Cytat” – 100% (raz/dwa); José Müller")]
    public void Check_PlainPolishText_IsReadable(string text) => Assert.Null(SpeechText.Check(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n ")]
    public void Check_Nothing_IsEmpty(string? text) => Assert.Equal(SpeechTextError.Empty, SpeechText.Check(text));

    [Fact]
    public void Check_OverTheLimit_IsTooLong()
    {
        Assert.Null(SpeechText.Check(new string('a', SpeechText.MaxLength)));
        Assert.Equal(SpeechTextError.TooLong, SpeechText.Check(new string('a', SpeechText.MaxLength + 1)));
    }

    [Theory]
    [InlineData("Привет")] // Cyrillic
    [InlineData("Dzień dobry 😀")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("a\u0000b")]
    [InlineData("2 × 2")]
    [InlineData("中文")]
    [InlineData("a\u202Eb")] // right-to-left override
    public void Check_OutsideThePolishScript_IsRefused(string text) => Assert.Equal(SpeechTextError.UnsupportedCharacters, SpeechText.Check(text));

    [Theory]
    [InlineData("Для кого цей візит?")]
    [InlineData("Ім’я та прізвище: Олена Коваленко. Ґанок, їжак, єнот.")]
    [InlineData("Номер заявки: K7P-4QX-9M. Główna 5")]
    public void Check_UkrainianText_IsReadableInTheUkrainianVoiceOnly(string text)
    {
        Assert.Null(SpeechText.Check(text, "uk"));
        Assert.Equal(SpeechTextError.UnsupportedCharacters, SpeechText.Check(text, "pl"));
    }

    [Theory]
    [InlineData("Привіт 😀")]
    [InlineData("中文")]
    [InlineData("a\u202Eb")]
    public void Check_UkrainianVoice_StillRefusesEmojiOtherScriptsAndControls(string text) =>
        Assert.Equal(SpeechTextError.UnsupportedCharacters, SpeechText.Check(text, "uk"));
}
