
namespace MobilnyUrzednik.Core.Common;

public sealed class WorkingDaysTests
{
    [Theory]
    [InlineData("2026-01-01")] // Nowy Rok
    [InlineData("2026-01-06")] // Trzech Króli
    [InlineData("2026-04-05")] // Wielkanoc
    [InlineData("2026-04-06")] // Poniedziałek Wielkanocny
    [InlineData("2026-05-01")]
    [InlineData("2026-05-03")]
    [InlineData("2026-05-24")] // Zielone Świątki
    [InlineData("2026-06-04")] // Boże Ciało
    [InlineData("2026-08-15")]
    [InlineData("2026-11-01")]
    [InlineData("2026-11-11")]
    [InlineData("2026-12-24")] // Wigilia, a holiday from 2025
    [InlineData("2026-12-25")]
    [InlineData("2026-12-26")]
    [InlineData("2027-03-28")] // Wielkanoc 2027
    [InlineData("2027-03-29")]
    [InlineData("2027-05-27")] // Boże Ciało 2027
    public void IsHoliday_StatutoryHoliday_IsTrue(string date) => Assert.True(WorkingDays.IsHoliday(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-04-07")]
    [InlineData("2026-11-10")]
    [InlineData("2024-12-24")] // before the 2025 law, Christmas Eve was a working day
    [InlineData("2026-12-23")]
    public void IsHoliday_OrdinaryDay_IsFalse(string date) => Assert.False(WorkingDays.IsHoliday(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2030, 4, 21)]
    public void EasterSunday_KnownYears_MatchesTheCalendar(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), WorkingDays.EasterSunday(year));

    [Fact]
    public void Add_OverAWeekendAndIndependenceDay_SkipsThem()
    {
        // Friday 6 November 2026 + 3 working days: Mon 9, Tue 10, (Wed 11 is a holiday), Thu 12.
        Assert.Equal(new DateOnly(2026, 11, 12), WorkingDays.Add(new DateOnly(2026, 11, 6), 3));
        Assert.Equal(new DateOnly(2026, 11, 6), WorkingDays.Add(new DateOnly(2026, 11, 12), -3));
    }

    [Fact]
    public void PreviousAndNext_AroundChristmas_SkipTheHolidays()
    {
        Assert.Equal(new DateOnly(2026, 12, 28), WorkingDays.Next(new DateOnly(2026, 12, 23)));
        Assert.Equal(new DateOnly(2026, 12, 23), WorkingDays.Previous(new DateOnly(2026, 12, 28)));
        Assert.False(WorkingDays.IsWorkingDay(new DateOnly(2026, 11, 21)));
        Assert.True(WorkingDays.IsWorkingDay(new DateOnly(2026, 11, 23)));
    }
}
