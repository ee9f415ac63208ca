namespace MobilnyUrzednik.Core.Common;

public sealed class PolishPluralTests
{
    [Theory]
    [InlineData(1, "1 dzień")]
    [InlineData(2, "2 dni")]
    [InlineData(5, "5 dni")]
    [InlineData(12, "12 dni")]
    [InlineData(22, "22 dni")]
    [InlineData(25, "25 dni")]
    [InlineData(101, "101 dni")]
    public void Format_Days(int count, string expected) => Assert.Equal(expected, PolishPlural.Format(count, "dzień", "dni", "dni"));

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
    public void Format_Visits(int count, string expected) =>
        Assert.Equal(expected, PolishPlural.Format(count, "wizyta", "wizyty", "wizyt").Replace('\u00A0', ' '));

    [Theory]
    [InlineData(1, "1 nowe zgłoszenie")]
    [InlineData(2, "2 nowe zgłoszenia")]
    [InlineData(5, "5 nowych zgłoszeń")]
    [InlineData(12, "12 nowych zgłoszeń")]
    [InlineData(22, "22 nowe zgłoszenia")]
    [InlineData(25, "25 nowych zgłoszeń")]
    [InlineData(101, "101 nowych zgłoszeń")]
    public void Format_SentenceForms(int count, string expected) =>
        Assert.Equal(expected, PolishPlural.Format(count, "{0} nowe zgłoszenie|{0} nowe zgłoszenia|{0} nowych zgłoszeń"));

    [Fact]
    public void Format_NotThreeForms_Throws() => Assert.Throws<ArgumentException>(() => PolishPlural.Format(1, "{0} dzień|{0} dni"));

    [Theory]
    [InlineData(1, PluralForm.One)]
    [InlineData(2, PluralForm.Few)]
    [InlineData(5, PluralForm.Many)]
    [InlineData(12, PluralForm.Many)]
    [InlineData(22, PluralForm.Few)]
    [InlineData(25, PluralForm.Many)]
    [InlineData(101, PluralForm.Many)]
    public void FormOf_ThePolishRule(int count, PluralForm expected) => Assert.Equal(expected, PolishPlural.FormOf(count));
}
