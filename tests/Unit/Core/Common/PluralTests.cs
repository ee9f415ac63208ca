using System.Globalization;

namespace MobilnyUrzednik.Core.Common;

public class PluralTests
{
    private static readonly CultureInfo Polish = CultureInfo.GetCultureInfo("pl-PL");
    private static readonly CultureInfo Ukrainian = CultureInfo.GetCultureInfo("uk-UA");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [Theory]
    [InlineData(1, "1 dzień")]
    [InlineData(2, "2 dni")]
    [InlineData(5, "5 dni")]
    [InlineData(12, "12 dni")]
    [InlineData(22, "22 dni")]
    [InlineData(25, "25 dni")]
    [InlineData(101, "101 dni")]
    public void Format_PolishDays_OneFormForOneOtherwiseDni(long n, string expected)
    {
        Assert.Equal(expected, Plural.Format(n, "dzień|dni|dni", Polish));
    }

    [Theory]
    [InlineData(0, "0 wizyt")]
    [InlineData(1, "1 wizyta")]
    [InlineData(2, "2 wizyty")]
    [InlineData(4, "4 wizyty")]
    [InlineData(5, "5 wizyt")]
    [InlineData(12, "12 wizyt")]
    [InlineData(13, "13 wizyt")]
    [InlineData(14, "14 wizyt")]
    [InlineData(21, "21 wizyt")]
    [InlineData(22, "22 wizyty")]
    [InlineData(25, "25 wizyt")]
    [InlineData(101, "101 wizyt")]
    [InlineData(102, "102 wizyty")]
    [InlineData(112, "112 wizyt")]
    [InlineData(1002, "1 002 wizyty")]
    public void Format_PolishVisits_DigitsGroupedThePolishWay(long n, string expected)
    {
        Assert.Equal(expected, Plural.Format(n, "wizyta|wizyty|wizyt", Plural.Polish).Replace('\u00A0', ' '));
    }

    [Theory]
    [InlineData(1, "1 nowe zgłoszenie")]
    [InlineData(2, "2 nowe zgłoszenia")]
    [InlineData(5, "5 nowych zgłoszeń")]
    [InlineData(12, "12 nowych zgłoszeń")]
    [InlineData(22, "22 nowe zgłoszenia")]
    [InlineData(25, "25 nowych zgłoszeń")]
    [InlineData(101, "101 nowych zgłoszeń")]
    public void Format_PolishSentenceForms_AsThePanelsHomeSaysWhatWaits(long n, string expected)
    {
        Assert.Equal(expected, Plural.Format(n, "{0} nowe zgłoszenie|{0} nowe zgłoszenia|{0} nowych zgłoszeń", Plural.Polish));
    }

    [Theory]
    [InlineData(1, "minęła 1 godzina")]
    [InlineData(2, "minęły 2 godziny")]
    [InlineData(5, "minęło 5 godzin")]
    [InlineData(12, "minęło 12 godzin")]
    [InlineData(22, "minęły 22 godziny")]
    [InlineData(24, "minęły 24 godziny")]
    [InlineData(25, "minęło 25 godzin")]
    [InlineData(101, "minęło 101 godzin")]
    public void Format_PolishPhraseWithTheNumberInside_VerbAndNounAgree(long n, string expected)
    {
        Assert.Equal(expected, Plural.Format(n, "minęła {0} godzina|minęły {0} godziny|minęło {0} godzin", Polish));
    }

    [Theory]
    [InlineData(1, Plural.Form.One)]
    [InlineData(2, Plural.Form.Few)]
    [InlineData(5, Plural.Form.Many)]
    [InlineData(12, Plural.Form.Many)]
    [InlineData(22, Plural.Form.Few)]
    [InlineData(25, Plural.Form.Many)]
    [InlineData(101, Plural.Form.Many)]
    [InlineData(0, Plural.Form.Many)]
    [InlineData(14, Plural.Form.Many)]
    [InlineData(104, Plural.Form.Few)]
    public void Of_Polish_OneFewMany(long n, Plural.Form expected)
    {
        Assert.Equal(expected, Plural.Of(n, Polish));
    }

    [Theory]
    [InlineData(1, "1 година")]
    [InlineData(2, "2 години")]
    [InlineData(5, "5 годин")]
    [InlineData(12, "12 годин")]
    [InlineData(22, "22 години")]
    [InlineData(25, "25 годин")]
    [InlineData(101, "101 година")]
    [InlineData(11, "11 годин")]
    public void Format_Ukrainian_OneAlsoFor21And101ButNot11(long n, string expected)
    {
        Assert.Equal(expected, Plural.Format(n, "година|години|годин", Ukrainian));
    }

    [Theory]
    [InlineData(1, "1 day")]
    [InlineData(2, "2 days")]
    [InlineData(5, "5 days")]
    [InlineData(12, "12 days")]
    [InlineData(22, "22 days")]
    [InlineData(25, "25 days")]
    [InlineData(101, "101 days")]
    public void Format_EnglishTwoForms_TheLastServesTheRest(long n, string expected)
    {
        Assert.Equal(expected, Plural.Format(n, "day|days", English));
    }

    [Fact]
    public void Format_Thousands_WrittenAsTheCultureWritesThem()
    {
        Assert.Equal("1\u00a0000 znaków", Plural.Format(1000, "znak|znaki|znaków", Polish));
        Assert.Equal("1,001 characters", Plural.Format(1001, "character|characters", English));
    }
}
