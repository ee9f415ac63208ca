extern alias kiosk;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Data;
using KioskOptions = kiosk::MobilnyUrzednik.Kiosk.Devices.KioskOptions;

namespace MobilnyUrzednik.Accessibility;

/// <summary>The public site and a kiosk sharing one database, as in a real municipality: a request filed on the kiosk is looked up on the site.</summary>
public sealed class KioskAndSiteFixture : IAsyncLifetime
{
    private readonly SiteFixture _site = new();
    private SharedKiosk? _kiosk;

    public SiteFixture Site => _site;

    public KioskTests.KioskFixture Kiosk => _kiosk ?? throw new InvalidOperationException("Not started.");

    public AppDbContext OpenDatabase() => _site.OpenDatabase();

    public async ValueTask InitializeAsync()
    {
        // The site migrates and seeds the shared file first; the kiosk then finds it ready.
        await _site.InitializeAsync();
        _kiosk = new SharedKiosk(_site.DatabaseSettings, _site.BaseAddress);
        await _kiosk.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_kiosk is not null)
        {
            await _kiosk.DisposeAsync();
        }

        await _site.DisposeAsync();
    }

    private sealed class SharedKiosk(IReadOnlyDictionary<string, string> database, Uri site) : KioskTests.KioskFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>(database)
        {
            ["PublicSiteUrl"] = site.ToString().TrimEnd('/'),
        };
    }
}

/// <summary>
/// A kiosk with the production idle and warning times (120 s and 30 s) whose server clock stands still until the
/// test moves it: the idle guard is tested without waiting, and without touching the browser's own timers
/// (Blazor's keep-alive and reconnection run on the real clock, as they would on a real kiosk).
/// </summary>
public sealed class ManualClockKioskFixture : KioskTests.KioskFixture
{
    public ManualClock Clock { get; } = new();

    public static TimeSpan Idle { get; } = TimeSpan.FromSeconds(new KioskOptions().IdleSeconds);

    public static TimeSpan Warning { get; } = TimeSpan.FromSeconds(new KioskOptions().WarningSeconds);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
