namespace MobilnyUrzednik.Core.Common;

public class SpokenNumbersTests
{
    [Theory]
    [InlineData("sześćset jeden, dwieście dwa, trzysta trzy", "601 202 303")]
    [InlineData("sześćset jeden dwieście dwa trzysta trzy", "601 202 303")]
    [InlineData("Sześćset jeden. Dwieście dwa. Trzysta trzy.", "601 202 303")]
    [InlineData("pięćset sześćdziesiąt siedem, osiemdziesiąt dziewięć, dwanaście", "567 89 12")]
    [InlineData("dwadzieścia dwa, sto dwadzieścia trzy, czterdzieści pięć, sześćdziesiąt siedem", "22 123 45 67")]
    [InlineData("sześć zero jeden dwa zero dwa trzy zero trzy", "601202303")]
    [InlineData("plus czterdzieści osiem sześćset jeden dwieście dwa trzysta trzy", "+48 601 202 303")]
    [InlineData("zero zero czterdzieści osiem, sześćset jeden", "00 48 601")]
    [InlineData("mój numer to sześćset jeden, dwieście dwa, trzysta trzy", "601 202 303")]
    [InlineData("sześćset 1, 202 trzysta trzy", "601 202 303")]
    [InlineData("dziewięćset jedenaście", "911")]
    [InlineData("siedemdziesiąt, siedemdziesiąt siedem", "70 77")]
    [InlineData("dwie dwa", "22")]
    [InlineData("jeden jeden dwa", "112")]
    [InlineData("sto", "100")]
    [InlineData("szesnaście sześć", "16 6")]
    public void ToDigits_PhoneNumbersAsPeopleSayThem_DigitsInTheGroupsSaid(string spoken, string digits)
    {
        Assert.Equal(digits, SpokenNumbers.ToDigits(spoken));
    }

    [Theory]
    [InlineData("zero zero myślnik dziewięćset pięćdziesiąt", "00-950")]
    [InlineData("zero zero, dziewięćset pięćdziesiąt", "00 950")]
    [InlineData("sześćdziesiąt dwa kreska osiemset", "62-800")]
    [InlineData("trzydzieści jeden – sto dwadzieścia", "31-120")]
    public void ToDigits_PostalCodes_DashKept(string spoken, string digits)
    {
        Assert.Equal(digits, SpokenNumbers.ToDigits(spoken));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("nie mam telefonu")]
    [InlineData("Główna")]
    public void ToDigits_NoNumber_Null(string? spoken)
    {
        Assert.Null(SpokenNumbers.ToDigits(spoken));
    }

    [Theory]
    [InlineData("sześćset jeden, dwieście dwa, trzysta trzy", "+48601202303")]
    [InlineData("plus czterdzieści osiem, sześćset jeden dwieście dwa trzysta trzy", "+48601202303")]
    [InlineData("dwadzieścia dwa sto dwadzieścia trzy czterdzieści pięć sześćdziesiąt siedem", "+48221234567")]
    public void PolishPhone_SpokenNumber_BecomesTheNumber(string spoken, string e164)
    {
        Assert.Equal(e164, PolishPhone.Normalise(spoken));
    }

    [Theory]
    [InlineData("zero zero myślnik dziewięćset pięćdziesiąt")]
    [InlineData("zero zero dziewięćset pięćdziesiąt")]
    public void PostalCode_SpokenCode_BecomesTheCode(string spoken)
    {
        Assert.Equal("00-950", PostalCode.Normalise(spoken));
    }
}
