namespace MobilnyUrzednik.Core.Common;

/// <summary>Polish working days: Monday to Friday except statutory public holidays (ustawa o dniach wolnych od pracy).</summary>
public static class WorkingDays
{
    /// <summary>Whether <paramref name="date"/> is a public holiday in Poland.</summary>
    public static bool IsHoliday(DateOnly date)
    {
        switch ((date.Month, date.Day))
        {
            case (1, 1): // Nowy Rok
            case (1, 6): // Trzech Króli
            case (5, 1): // Święto Pracy
            case (5, 3): // Święto Konstytucji 3 Maja
            case (8, 15): // Wniebowzięcie NMP
            case (11, 1): // Wszystkich Świętych
            case (11, 11): // Święto Niepodległości
            case (12, 25):
            case (12, 26):
                return true;
            case (12, 24): // Wigilia: a public holiday from 2025
                return date.Year >= 2025;
        }

        var easter = EasterSunday(date.Year);
        return date == easter || date == easter.AddDays(1) // Wielkanoc, Poniedziałek Wielkanocny
            || date == easter.AddDays(49) // Zielone Świątki
            || date == easter.AddDays(60); // Boże Ciało
    }

    /// <summary>Monday to Friday and not a holiday.</summary>
    public static bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(date);

    /// <summary>The working day <paramref name="count"/> working days after (positive) or before (negative) <paramref name="date"/>.</summary>
    public static DateOnly Add(DateOnly date, int count)
    {
        var step = count >= 0 ? 1 : -1;
        var left = Math.Abs(count);
        var day = date;
        while (left > 0)
        {
            day = day.AddDays(step);
            if (IsWorkingDay(day))
            {
                left--;
            }
        }

        return day;
    }

    /// <summary>The last working day before <paramref name="date"/>.</summary>
    public static DateOnly Previous(DateOnly date) => Add(date, -1);

    /// <summary>The next working day after <paramref name="date"/>.</summary>
    public static DateOnly Next(DateOnly date) => Add(date, 1);

    /// <summary>Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
