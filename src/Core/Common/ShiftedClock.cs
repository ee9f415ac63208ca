using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MobilnyUrzednik.Core.Data;

namespace MobilnyUrzednik.Core.Common;

/// <summary>
/// The app's clock: the system's, or — for a test that runs the built app as a process of its own and needs a given day
/// (the day-before confirmations go out only on the working day before a visit) — the system's moved by
/// <c>Testing:ClockOffset</c> (a TimeSpan, e.g. <c>-273.14:00:00</c>). The offset is honoured only when
/// <c>ASPNETCORE_ENVIRONMENT=Testing</c>; anywhere else it stops start-up, so a production node never runs on a moved clock.
/// Several processes given the same offset share one clock (it moves at the real pace).
/// </summary>
public static class ShiftedClock
{
    /// <summary>The setting's key.</summary>
    public const string OffsetKey = "Testing:ClockOffset";

    /// <summary>The environment in which the offset is honoured.</summary>
    public const string TestingEnvironment = "Testing";

    public static IHostApplicationBuilder AddClock(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var setting = builder.Configuration[OffsetKey];
        if (string.IsNullOrWhiteSpace(setting))
        {
            builder.Services.AddSingleton(TimeProvider.System);
            return builder;
        }

        if (!builder.Environment.IsEnvironment(TestingEnvironment))
        {
            throw new StartupFailureException(
                $"{OffsetKey} przesuwa zegar aplikacji i służy tylko testom: usuń to ustawienie (działa wyłącznie przy ASPNETCORE_ENVIRONMENT={TestingEnvironment}). / {OffsetKey} moves the app's clock and is for tests only: remove it (it is honoured only with ASPNETCORE_ENVIRONMENT={TestingEnvironment}).");
        }

        if (!TimeSpan.TryParse(setting, CultureInfo.InvariantCulture, out var offset))
        {
            throw new StartupFailureException($"{OffsetKey}: „{setting}” nie jest odcinkiem czasu (np. -273.14:00:00). / {OffsetKey}: \"{setting}\" is not a TimeSpan (e.g. -273.14:00:00).");
        }

        builder.Services.AddSingleton<TimeProvider>(new Moved(offset));
        return builder;
    }

    /// <summary>The system's clock moved by a fixed offset; timers and timestamps are the system's.</summary>
    private sealed class Moved(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;

        public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;
    }
}
