namespace MobilnyUrzednik;

/// <summary>A clock that stands still until a test moves it.</summary>
public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>Sunday 22 November 2026, 10:00 in Warsaw (09:00 UTC).</summary>
    public static readonly DateTimeOffset Default = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private DateTimeOffset _now = now;

    public FakeClock()
        : this(Default)
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan by) => _now += by;
}
