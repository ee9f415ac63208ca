namespace MobilnyUrzednik.Core.Common;

public class WarsawTimeTests
{
    [Theory]
    [InlineData("2026-11-22T22:59:00Z", "2026-11-22")]
    [InlineData("2026-11-22T23:00:00Z", "2026-11-23")]
    [InlineData("2026-07-01T21:59:00Z", "2026-07-01")]
    [InlineData("2026-07-01T22:00:00Z", "2026-07-02")]
    public void Today_AroundMidnight_IsTheDateInPoland(string utc, string expected)
    {
        var clock = new FakeClock(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), WarsawTime.Today(clock));
    }

    [Fact]
    public void ToWarsaw_WinterAndSummer_ShiftsByOneAndTwoHours()
    {
        Assert.Equal(TimeSpan.FromHours(1), WarsawTime.ToWarsaw(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero)).Offset);
        Assert.Equal(TimeSpan.FromHours(2), WarsawTime.ToWarsaw(new DateTimeOffset(2026, 7, 15, 12, 0, 0, TimeSpan.Zero)).Offset);
        Assert.Equal(13, WarsawTime.ToWarsaw(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero)).Hour);
    }
}
