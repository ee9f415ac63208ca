using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Data;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// The real public site (its own Program, pipeline and database) on real Kestrel at a free port on 127.0.0.1.
/// Each test class gets its own instance and its own database (a SQLite file, or a PostgreSQL database on the
/// test cluster for <see cref="PostgresSiteFixture"/>), so a test that counts rows sees only what it did.
/// </summary>
public class SiteFixture : IAsyncLifetime
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"mu-a11y-{Guid.NewGuid():N}.db");
    private SiteFactory? _factory;
    private string? _postgres;

    /// <summary>Where the site listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>The database engine of this site.</summary>
    public virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string ConnectionString => Provider == DatabaseProvider.Sqlite
        ? new SqliteConnectionStringBuilder { DataSource = _databasePath }.ToString()
        : _postgres ?? throw new InvalidOperationException("The database has not been created.");

    /// <summary>The settings that point another app (the kiosk, a restarted site) at this site's database.</summary>
    public IReadOnlyDictionary<string, string> DatabaseSettings => new Dictionary<string, string>
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Default"] = ConnectionString,
    };

    /// <summary>The hosting environment; Development seeds the demo staff accounts and does not require two-factor.</summary>
    protected virtual string Environment => "Development";

    /// <summary>Extra configuration for this fixture's site.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    /// <summary>The site's own services (e.g. UserManager), for arranging what a test needs.</summary>
    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The site has not started.");

    public virtual async ValueTask InitializeAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            _postgres = await TestPostgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        }

        Start();
        if (Provider == DatabaseProvider.Sqlite && !File.Exists(_databasePath))
        {
            throw new InvalidOperationException($"The site did not use the test database {_databasePath}.");
        }
    }

    /// <summary>
    /// Stops the site and starts it again on the same database, as a restart or a redeploy does: what the site keeps
    /// in memory is gone, what is in the database stays. The address changes (a new free port).
    /// </summary>
    public async Task RestartAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Start();
    }

    private void Start()
    {
        _factory = new SiteFactory(DatabaseSettings, Environment, Settings, ConfigureServices);
        _factory.UseKestrel(0);
        _factory.StartServer();

        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        BaseAddress = new Uri(addresses.Single());
    }

    /// <summary>Replaces the site's services after its own registrations (e.g. a clock the test moves).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>A context of our own on the site's database file, to check what was really stored.</summary>
    public AppDbContext OpenDatabase() =>
        new(Core.Data.DatabaseSettings.For(Provider, ConnectionString).Options());

    public virtual async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        GC.SuppressFinalize(this);
        if (_postgres is not null)
        {
            await TestPostgres.DropDatabaseAsync(_postgres);
            return;
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            try
            {
                File.Delete(_databasePath + suffix);
            }
            catch (IOException)
            {
                // A temp file left behind is harmless.
            }
        }
    }

    private sealed class SiteFactory(IReadOnlyDictionary<string, string> database, string environment, IReadOnlyDictionary<string, string> settings, Action<IServiceCollection> services) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);

            // Outside Development the framework's script and the shared styles are served from a published
            // wwwroot; a test run has none, so the build's static web assets are used as in Development.
            builder.UseStaticWebAssets();
            foreach (var (key, value) in database)
            {
                builder.UseSetting(key, value);
            }

            // No development copies of the messages: they would land in the repository's data/ folder, and every test
            // site numbers its messages from 1, so they would overwrite each other. Tests read messages from the database.
            builder.UseSetting("Notifications:DevelopmentFolder", string.Empty);

            // Every test of a class posts from 127.0.0.1 into one site, far more often than one resident would: the
            // per-address limit is lifted here, and tested on its own (AbuseTests sets it back).
            builder.UseSetting("Abuse:PostsPerMinute", "100000");

            // Test journeys are faster than any person: the minimum fill time is tested on its own (FormGuardTests).
            builder.UseSetting("Abuse:MinimumFillSeconds", "0");

            // Development offers the browser's dictation by default (so a new user can try speaking at once); tests
            // choose their engine themselves, and the rest see the form as it is without one.
            builder.UseSetting("Dictation:Engine", "None");

            // Like the fill time, the live connections one address may hold (every test browser is 127.0.0.1): StrangerInputTests caps them.
            builder.UseSetting("Abuse:LiveConnectionsPerAddress", "100000");

            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services);
        }
    }
}

/// <summary>The same site on PostgreSQL (a database of its own on the test cluster that ./test.sh starts).</summary>
public class PostgresSiteFixture : SiteFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
