using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MobilnyUrzednik.Core.Administration;
using MobilnyUrzednik.Core.Office;
using MobilnyUrzednik.Core.Privacy;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Data;

/// <summary>
/// The rules that must hold when two people act at the same moment, on either engine (./test.sh runs these on SQLite and
/// on PostgreSQL, whose writers really run side by side): each pair of commands starts together, and whichever way
/// the race goes, exactly one wins and the other is told why.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Rounds = 4;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoAdministratorsDisableEachOtherAtOnce_OneStaysEnabled()
    {
        for (var round = 0; round < Rounds; round++)
        {
            await using var kit = await AdminTestKit.CreateAsync();
            var ewa = await kit.AddStaffAsync("ewa@gmina.example.pl", "Ewa Admin", StaffRoles.Administrator);
            var olga = await kit.AddStaffAsync("olga@gmina.example.pl", "Olga Admin", StaffRoles.Administrator);
            var admin = kit.StaffAdmin();

            var results = await Together(() => admin.DisableAsync(ewa, olga.UserId, Ct), () => admin.DisableAsync(olga, ewa.UserId, Ct));

            Assert.Single(results, r => r.Succeeded);
            Assert.Equal("Staff_LastAdministrator", Assert.Single(Assert.Single(results, r => !r.Succeeded).Errors).Code);
            Assert.Single(new[] { await kit.FindUserAsync(ewa.UserId), await kit.FindUserAsync(olga.UserId) }, u => !u.IsDisabled);
        }
    }

    [Fact]
    public async Task TwoAdministratorsDemoteEachOtherAtOnce_OneStaysAdministrator()
    {
        for (var round = 0; round < Rounds; round++)
        {
            await using var kit = await AdminTestKit.CreateAsync();
            var ewa = await kit.AddStaffAsync("ewa@gmina.example.pl", "Ewa Admin", StaffRoles.Administrator);
            var olga = await kit.AddStaffAsync("olga@gmina.example.pl", "Olga Admin", StaffRoles.Administrator);
            var admin = kit.StaffAdmin();

            var results = await Together(
                () => admin.ChangeRoleAsync(ewa, olga.UserId, StaffRoles.Coordinator, Ct),
                () => admin.ChangeRoleAsync(olga, ewa.UserId, StaffRoles.Coordinator, Ct));

            Assert.Single(results, r => r.Succeeded);
            await using var db = kit.Database.CreateDbContext();
            var administrators = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == StaffRoles.Administrator select ur.UserId).CountAsync(Ct);
            Assert.Equal(1, administrators);
        }
    }

    [Fact]
    public async Task TwoAdministratorsAddTheSameMatterAtOnce_OneMatterAndAPlainMessage()
    {
        for (var round = 0; round < Rounds; round++)
        {
            await using var kit = await AdminTestKit.CreateAsync();
            var catalogue = new CatalogueAdmin(kit.Database, kit.Audit);
            MatterForm Form(string name) => new() { Name = name, Description = "Pomoc w złożeniu wniosku o zasiłek.", Checklist = "Dowód osobisty" };

            var results = await Together(
                () => catalogue.AddAsync(AdminTestKit.Administrator, Form("Zasiłek pielęgnacyjny"), Ct),
                () => catalogue.AddAsync(AdminTestKit.Administrator, Form("zasiłek  PIELĘGNACYJNY"), Ct));

            Assert.Single(results, r => r.Succeeded);
            Assert.Equal("MatterName_Duplicate", Assert.Single(Assert.Single(results, r => !r.Succeeded).Errors).Code);
            await using var db = kit.Database.CreateDbContext();
            Assert.Equal(1, await db.Matters.CountAsync(m => m.NameKey == "zasiłek pielęgnacyjny", Ct));
        }
    }

    [Fact]
    public async Task TwoAdministratorsRetireTheLastTwoMattersAtOnce_OneStaysOffered()
    {
        for (var round = 0; round < Rounds; round++)
        {
            await using var kit = await AdminTestKit.CreateAsync();
            var catalogue = new CatalogueAdmin(kit.Database, kit.Audit);
            int[] lastTwo;
            await using (var db = kit.Database.CreateDbContext())
            {
                lastTwo = await db.Matters.OrderBy(m => m.SortOrder).Select(m => m.Id).Take(2).ToArrayAsync(Ct);
                await db.Matters.Where(m => !lastTwo.Contains(m.Id)).ExecuteUpdateAsync(u => u.SetProperty(m => m.IsRetired, true), Ct);
            }

            var results = await Together(
                () => catalogue.RetireAsync(AdminTestKit.Administrator, lastTwo[0], Ct),
                () => catalogue.RetireAsync(AdminTestKit.Administrator, lastTwo[1], Ct));

            Assert.Single(results, r => r.Succeeded);
            await using var check = kit.Database.CreateDbContext();
            Assert.Equal(1, await check.Matters.CountAsync(m => !m.IsRetired, Ct));
        }
    }

    [Fact]
    public async Task TwoErasuresOfOneRequestAtOnce_OneErasesAndTheOtherSaysItIsDone()
    {
        for (var round = 0; round < Rounds; round++)
        {
            await using var kit = await VisitTestKit.CreateAsync();
            var id = await kit.AddRequestAsync();
            var code = (await kit.RequestAsync(id)).TrackingCode;
            var personalData = new PersonalData(kit.Database, new RequestAnonymiser(kit.Database, kit.Audit, kit.Clock), kit.Audit, kit.Clock);
            var admin = new StaffActor("admin-1", "Ewa Administratorka", [StaffRoles.Administrator]);

            var problems = await Together(() => personalData.EraseAsync(admin, id, code, Ct), () => personalData.EraseAsync(admin, id, code, Ct));

            Assert.Single(problems, p => p is null);
            Assert.Single(problems, p => p == "Erase_Already");
            await using var db = kit.Database.CreateDbContext();
            Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == Audit.AuditActions.PersonalDataErased, Ct));
            Assert.Equal(1, await db.RequestHistory.CountAsync(h => h.VisitRequestId == id && h.Status == RequestStatus.Cancelled, Ct));
        }
    }

    [Fact]
    public async Task TwoCoordinatorsChangeOneRequestAtOnce_OneChangesAndTheOtherIsToldItChanged()
    {
        for (var round = 0; round < Rounds; round++)
        {
            await using var kit = await VisitTestKit.CreateAsync();
            var id = await kit.AddRequestAsync();
            var seen = new RequestRef(id, (await kit.RequestAsync(id)).Version);
            var actions = new RequestActions(kit.Database, kit.Audit, kit.Clock, TestOutbox.For(kit.Clock));

            var results = await Together(
                () => actions.TakeIntoReviewAsync(VisitTestKit.Coordinator, seen, "Biorę to.", Ct),
                () => actions.RejectAsync(VisitTestKit.Coordinator, seen, "Tę sprawę załatwia starostwo.", Ct));

            Assert.Single(results, r => r.Count == 0);
            Assert.Equal("Request_Changed", Assert.Single(Assert.Single(results, r => r.Count > 0)).Code);
            var request = await kit.RequestAsync(id);
            Assert.Equal(2, request.History.Count);
            Assert.Equal(seen.SeenVersion + 1, request.Version);
        }
    }

    [Fact]
    public async Task ChangeFromAPageShowingAnOlderVersion_IsRefusedAndChangesNothing()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var id = await kit.AddRequestAsync();
        var seen = new RequestRef(id, (await kit.RequestAsync(id)).Version);
        var actions = new RequestActions(kit.Database, kit.Audit, kit.Clock, TestOutbox.For(kit.Clock));
        Assert.Empty(await actions.TakeIntoReviewAsync(VisitTestKit.Coordinator, seen, null, Ct));

        var refused = await actions.CancelAsync(VisitTestKit.Coordinator, seen, "Rezygnacja", Ct);

        Assert.Equal("Request_Changed", Assert.Single(refused).Code);
        var request = await kit.RequestAsync(id);
        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.Empty(await actions.CancelAsync(VisitTestKit.Coordinator, new RequestRef(id, request.Version), "Rezygnacja", Ct));
    }

    [Fact]
    public async Task ClerkLists_AreInPolishAlphabeticalOrder()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        foreach (var name in new[] { "Żaneta Zając", "Zenon Zieliński", "Łucja Łęcka", "Adam Nowak", "Świętosław Sowa", "Sebastian Sowa", "Łukasz Lis" })
        {
            await kit.AddClerkAsync(name);
        }

        var admin = new StaffActor("admin-1", "Ewa Administratorka", [StaffRoles.Administrator]);
        var names = (await kit.Schedule.ListAsync(admin, VisitTestKit.Monday, Ct)).Select(c => c.DisplayName).ToList();

        Assert.Equal(["Adam Nowak", "Łucja Łęcka", "Łukasz Lis", "Sebastian Sowa", "Świętosław Sowa", "Zenon Zieliński", "Żaneta Zając"], names);
    }

    [Fact]
    public async Task TwoAppsStartOnAnEmptyDatabaseAtOnce_SeedTheMunicipalityAndCatalogueOnce()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var (settings, drop) = await EmptyDatabaseAsync();
            try
            {
                using var first = Start(settings);
                using var second = Start(settings);

                await Together(() => DatabaseStartup.MigrateAsync(first.Services, Ct), () => DatabaseStartup.MigrateAsync(second.Services, Ct));

                await using var db = new AppDbContext(settings.Options());
                Assert.Equal(1, await db.Municipalities.CountAsync(Ct));
                Assert.Equal(6, await db.Matters.CountAsync(Ct));
                Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
            }
            finally
            {
                await drop();
            }
        }
    }

    // Both commands start at once, each on a pool thread of its own, and both are awaited.
    private static async Task<T[]> Together<T>(Func<Task<T>> first, Func<Task<T>> second)
    {
        using var start = new Barrier(2);
        return await Task.WhenAll(
            Task.Run(async () => { start.SignalAndWait(Ct); return await first(); }, Ct),
            Task.Run(async () => { start.SignalAndWait(Ct); return await second(); }, Ct));
    }

    private static async Task Together(Func<Task> first, Func<Task> second) =>
        await Together(async () => { await first(); return 0; }, async () => { await second(); return 0; });

    private static async Task<(DatabaseSettings Settings, Func<Task> Drop)> EmptyDatabaseAsync()
    {
        if (TestDatabase.RunEngine == DatabaseProvider.Postgres)
        {
            var connectionString = await TestPostgres.CreateEmptyDatabaseAsync(Ct);
            return (DatabaseSettings.For(DatabaseProvider.Postgres, connectionString), () => TestPostgres.DropDatabaseAsync(connectionString));
        }

        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"mu-seed-{Guid.NewGuid():N}")).FullName;
        var settings = DatabaseSettings.For(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "mobilny-urzednik.db"), Pooling = false }.ToString());
        return (settings, () =>
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            return Task.CompletedTask;
        });
    }

    // An app's database part, as its Program builds it (no web host).
    private static IHost Start(DatabaseSettings settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", ContentRootPath = Path.GetTempPath() });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = settings.Provider.ToString(),
            ["ConnectionStrings:Default"] = settings.ConnectionString,
            ["PublicSiteUrl"] = "https://mobilny.przykladowo.example.pl",
        });
        builder.AddCore();
        return builder.Build();
    }
}
