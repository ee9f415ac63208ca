using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MobilnyUrzednik.Core.Administration;
using MobilnyUrzednik.Core.Data;

namespace MobilnyUrzednik.Core.Catalogue;

/// <summary>
/// The settings and the catalogue come from memory after the first page view, and a change by staff is on the next
/// page view. The contexts carry the app's interceptors (<see cref="ReferenceDataChanges.Interceptors"/>) and one that
/// counts the commands sent.
/// </summary>
public class MatterCatalogueCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PageViews_AfterTheFirst_SendNoQueries()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var node = new Node(kit.Database, new ReferenceDataChanges(TimeSpan.FromSeconds(30)), kit.Clock);

        await PageViewAsync(node.Catalogue);
        Assert.True(node.Commands > 0);
        var afterFirst = node.Commands;
        for (var i = 0; i < 5; i++)
        {
            await PageViewAsync(node.Catalogue);
        }

        Assert.Equal(afterFirst, node.Commands);
    }

    [Fact]
    public async Task SettingsSavedByStaff_NextPageViewShowsThem()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var node = new Node(kit.Database, new ReferenceDataChanges(TimeSpan.FromSeconds(30)), kit.Clock);
        var admin = new SettingsAdmin(node, kit.Audit, kit.Clock);
        Assert.NotEqual("22 765 43 21", (await node.Catalogue.GetMunicipalityAsync(Ct)).Phone);

        var form = await admin.GetAsync(AdminTestKit.Administrator, Ct);
        form.Phone = "+48 22 765 43 21";
        Assert.True((await admin.SaveAsync(AdminTestKit.Administrator, form, Ct)).Succeeded);

        Assert.Equal("22 765 43 21", (await node.Catalogue.GetMunicipalityAsync(Ct)).Phone);
    }

    [Fact]
    public async Task CatalogueChangedByStaff_NextPageViewShowsIt()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var node = new Node(kit.Database, new ReferenceDataChanges(TimeSpan.FromSeconds(30)), kit.Clock);
        var admin = new CatalogueAdmin(node, kit.Audit);
        var offered = await node.Catalogue.GetOfferedAsync(Ct);
        Assert.DoesNotContain(offered, m => m.Name == "Zasiłek pielęgnacyjny");

        // Added in a transaction of its own (the audit entry names the new id).
        var form = new MatterForm { Name = "Zasiłek pielęgnacyjny", Description = "Pomożemy wypełnić wniosek.", Checklist = "Orzeczenie" };
        Assert.True((await admin.AddAsync(AdminTestKit.Administrator, form, Ct)).Succeeded);
        var added = Assert.Single(await node.Catalogue.GetOfferedAsync(Ct), m => m.Name == "Zasiłek pielęgnacyjny");
        Assert.Equal(["Orzeczenie"], added.Checklist.Select(c => c.Text));

        // Retired under the catalogue's lock.
        Assert.True((await admin.RetireAsync(AdminTestKit.Administrator, added.Id, Ct)).Succeeded);
        Assert.DoesNotContain(await node.Catalogue.GetOfferedAsync(Ct), m => m.Id == added.Id);
        Assert.Contains(await node.Catalogue.GetAllAsync(Ct), m => m.Id == added.Id && m.IsRetired);
    }

    [Fact]
    public async Task SavedByAnotherProcess_SeenHereAfterTheMaxAge()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var maxAge = TimeSpan.FromSeconds(30);
        var here = new Node(kit.Database, new ReferenceDataChanges(maxAge), kit.Clock);
        var there = new Node(kit.Database, new ReferenceDataChanges(maxAge), kit.Clock);
        var before = (await here.Catalogue.GetMunicipalityAsync(Ct)).Phone;
        var admin = new SettingsAdmin(there, kit.Audit, kit.Clock);
        var form = await admin.GetAsync(AdminTestKit.Administrator, Ct);
        form.Phone = "+48 22 765 43 21";
        Assert.True((await admin.SaveAsync(AdminTestKit.Administrator, form, Ct)).Succeeded);

        kit.Clock.Advance(maxAge - TimeSpan.FromSeconds(1));
        Assert.Equal(before, (await here.Catalogue.GetMunicipalityAsync(Ct)).Phone);
        kit.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("22 765 43 21", (await here.Catalogue.GetMunicipalityAsync(Ct)).Phone);
    }

    // What a public page reads: the municipality and the matters on offer (the inbox's filter reads them all).
    private static async Task PageViewAsync(MatterCatalogue catalogue)
    {
        Assert.NotNull(await catalogue.GetMunicipalityAsync(Ct));
        Assert.NotEmpty(await catalogue.GetOfferedAsync(Ct));
        Assert.NotEmpty(await catalogue.GetAllAsync(Ct));
    }

    /// <summary>One process's contexts and catalogue on the test database, counting the commands they send.</summary>
    private sealed class Node : IDbContextFactory<AppDbContext>
    {
        private readonly DbContextOptions<AppDbContext> _options;
        private readonly CommandCounter _counter = new();

        public Node(TestDatabase database, ReferenceDataChanges changes, TimeProvider clock)
        {
            _options = database.OptionsWith([.. changes.Interceptors, _counter]);
            Catalogue = new MatterCatalogue(this, changes, clock);
        }

        public MatterCatalogue Catalogue { get; }

        public int Commands => _counter.Count;

        public AppDbContext CreateDbContext() => new(_options);
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }
    }
}
