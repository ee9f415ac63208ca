using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MobilnyUrzednik.Durability;

/// <summary>The real public site (its Program and pipeline) in this process on real Kestrel at a free port, on a test database.</summary>
internal sealed class InProcessSite(IReadOnlyDictionary<string, string> database, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>The site on a SQLite file.</summary>
    public static InProcessSite OnSqliteFile(string path, IReadOnlyDictionary<string, string>? settings = null) =>
        new(new Dictionary<string, string> { ["ConnectionStrings:Default"] = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path }.ToString() }, settings);

    /// <summary>Starts the site; its address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Start()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new Uri(addresses.Single());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in database)
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("PublicSiteUrl", "https://mobilny.przykladowo.example.pl");

        // One test client, faster than any person: the abuse guards (tested in the browser suite) stay out of the way.
        builder.UseSetting("Abuse:PostsPerMinute", "1000000");
        builder.UseSetting("Abuse:MinimumFillSeconds", "0");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }
}
