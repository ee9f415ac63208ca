using MobilnyUrzednik.Core.Data;

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
        _kiosk = new SharedKiosk(_site.ConnectionString, _site.BaseAddress);
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

    private sealed class SharedKiosk(string connectionString, Uri site) : KioskTests.KioskFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["ConnectionStrings:Default"] = connectionString,
            ["Kiosk:PublicSiteUrl"] = site.ToString().TrimEnd('/'),
        };
    }
}

/// <summary>A kiosk whose idle guard runs on seconds, not minutes (Development allows a warning under 20 s).</summary>
public sealed class QuickIdleKioskFixture : KioskTests.KioskFixture
{
    public const int IdleSeconds = 2;
    public const int WarningSeconds = 12;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Kiosk:IdleSeconds"] = IdleSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Kiosk:WarningSeconds"] = WarningSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
