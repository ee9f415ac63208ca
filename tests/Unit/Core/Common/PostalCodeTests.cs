namespace MobilnyUrzednik.Core.Common;

public class PostalCodeTests
{
    [Theory]
    [InlineData("00-950")]
    [InlineData("00950")]
    [InlineData("00 950")]
    [InlineData(" 00–950 ")]
    [InlineData("00—950")]
    [InlineData("0 0 9 5 0")]
    public void Normalise_FiveDigitsAsTyped_GivesNNDashNNN(string typed)
    {
        Assert.Equal("00-950", PostalCode.Normalise(typed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0095")]
    [InlineData("009500")]
    [InlineData("ab-cde")]
    [InlineData("00-95a")]
    [InlineData("00/950")]
    [InlineData("00-950-1")]
    [InlineData("０００９５０")]
    [InlineData("00-950          ")]
    public void Normalise_NotAPostalCode_GivesNull(string? typed)
    {
        Assert.Null(PostalCode.Normalise(typed));
    }
}
