namespace MobilnyUrzednik.Core.Common;

/// <summary>Polish time, used wherever "today" or a visit's day matters.</summary>
public static class WarsawTime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    /// <summary>Converts an instant to the wall-clock time in Warsaw.</summary>
    public static DateTimeOffset ToWarsaw(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The instant a Warsaw day begins (midnight, summer or winter time), in UTC.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone), TimeSpan.Zero);

    /// <summary>Today's date in Warsaw.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToWarsaw(clock.GetUtcNow()).DateTime);
}
