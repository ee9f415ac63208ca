using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MobilnyUrzednik.Core.Catalogue;

namespace MobilnyUrzednik.Core.Data;

/// <summary>
/// The apps' contexts come from a pool (AddCore): a context used before still has what a new one has — SQLite's
/// connection set-up (foreign keys on, the Polish collation), the outbox and reference-data interceptors — and the
/// scoped context Identity's stores use still resolves.
/// </summary>
public sealed class PooledContextTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppContexts_ArePooledAndAReusedOneKeepsItsSetUp()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var host = Start(database.Settings);
        var factory = host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        Assert.IsType<PooledDbContextFactory<AppDbContext>>(factory);

        AppDbContext first;
        await using (var db = await factory.CreateDbContextAsync(Ct))
        {
            first = db;
            Assert.NotNull(await db.Matters.FirstAsync(Ct));
            Assert.NotEmpty(db.ChangeTracker.Entries());
        }

        await using (var db = await factory.CreateDbContextAsync(Ct))
        {
            Assert.Same(first, db);
            Assert.Empty(db.ChangeTracker.Entries());
            var names = await db.Matters.OrderBy(m => EF.Functions.Collate(m.Name, PolishCollation.For(db))).Select(m => m.Name).ToListAsync(Ct);
            Assert.NotEmpty(names);
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                Assert.Equal(1L, await db.Database.SqlQueryRaw<long>("SELECT foreign_keys AS \"Value\" FROM pragma_foreign_keys").SingleAsync(Ct));
            }
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Matters.AnyAsync(Ct));
        }
    }

    [Fact]
    public async Task CatalogueChangedThroughTheAppsContexts_NextPageViewShowsIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var host = Start(database.Settings);
        var catalogue = host.Services.GetRequiredService<MatterCatalogue>();
        var factory = host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var before = (await catalogue.GetMunicipalityAsync(Ct)).Name;

        await using (var db = await factory.CreateDbContextAsync(Ct))
        {
            (await db.Municipalities.OrderBy(m => m.Id).FirstAsync(Ct)).Name = before + " Nowa";
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(before + " Nowa", (await catalogue.GetMunicipalityAsync(Ct)).Name);
    }

    // An app's database part, as its Program builds it (no web host).
    private static IHost Start(DatabaseSettings settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", ContentRootPath = Path.GetTempPath() });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = settings.Provider.ToString(),
            ["ConnectionStrings:Default"] = settings.ConnectionString,
            ["PublicSiteUrl"] = "https://mobilny.przykladowo.pl",
        });
        builder.AddCore();
        return builder.Build();
    }
}
