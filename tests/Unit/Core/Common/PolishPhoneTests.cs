namespace MobilnyUrzednik.Core.Common;

public class PolishPhoneTests
{
    [Theory]
    [InlineData("+48 600-100-200", "+48600100200")]
    [InlineData("600100200", "+48600100200")]
    [InlineData("600 100 200", "+48600100200")]
    [InlineData("0048 600 100 200", "+48600100200")]
    [InlineData("+48600100200", "+48600100200")]
    [InlineData("  +48 (600) 100 200  ", "+48600100200")]
    [InlineData("(22) 123 45 67", "+48221234567")]
    [InlineData("22 123 45 67", "+48221234567")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    public void Normalise_NumberAsPeopleWriteIt_GivesE164(string typed, string expected)
    {
        Assert.Equal(expected, PolishPhone.Normalise(typed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("123")]
    [InlineData("abc")]
    [InlineData("600 100 20")]
    [InlineData("600 100 2000")]
    [InlineData("<script>")]
    [InlineData("📞")]
    [InlineData("😀😀😀😀😀😀😀😀😀")]
    [InlineData("60010020060010020060010020060010020060010020060010")]
    [InlineData("600100200                                         ")]
    public void Normalise_NotAPhoneNumber_GivesNull(string? typed)
    {
        Assert.Null(PolishPhone.Normalise(typed));
    }

    [Theory]
    [InlineData("+48600100200", "600 100 200")]
    [InlineData("+48221234567", "22 123 45 67")]
    [InlineData("+442079460958", "+44 20 7946 0958")]
    [InlineData("nie numer", "nie numer")]
    public void Display_E164_ReadsAsPeopleSayIt(string e164, string expected)
    {
        Assert.Equal(expected, PolishPhone.Display(e164));
    }

    [Theory]
    [InlineData("+48600100200", "0200")]
    [InlineData("+48221234567", "4567")]
    [InlineData("123", "123")]
    public void LastFour_Number_GivesLastFourDigits(string e164, string expected)
    {
        Assert.Equal(expected, PolishPhone.LastFour(e164));
    }

    [Theory]
    [InlineData("+48600100200", true)]
    [InlineData("+48512345678", true)]
    [InlineData("+48221234567", false)]
    [InlineData("+48800123456", false)]
    [InlineData("nie numer", false)]
    public void CanReceiveSms_Number_FalseForLandlinesAndServiceNumbers(string e164, bool expected)
    {
        Assert.Equal(expected, PolishPhone.CanReceiveSms(e164));
    }

    [Fact]
    public void CanReceiveSms_PolishLandlineAsTyped_IsFalse()
    {
        var landline = PolishPhone.Normalise("22 123 45 67");

        Assert.NotNull(landline);
        Assert.False(PolishPhone.CanReceiveSms(landline));
    }
}
