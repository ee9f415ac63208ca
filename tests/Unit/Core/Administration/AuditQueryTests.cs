using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Administration;

public class AuditQueryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task SeedAsync(AdminTestKit kit)
    {
        await using var db = kit.Database.CreateDbContext();
        void Add(DateTimeOffset at, string actor, string action, string subject) =>
            db.AuditLog.Add(new AuditEntry { At = at, ActorId = actor, ActorName = actor, Action = action, Subject = subject });

        // 22:30 UTC on 20 November is 23:30 in Warsaw (still the 20th); 23:30 UTC is already the 21st.
        Add(new(2026, 11, 20, 22, 30, 0, TimeSpan.Zero), "anna", AuditActions.RequestRead, "request:1");
        Add(new(2026, 11, 20, 23, 30, 0, TimeSpan.Zero), "anna", AuditActions.RequestRead, "request:12");
        Add(new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero), "ewa", AuditActions.CatalogueChanged, "service:3");
        Add(new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero), "ewa", AuditActions.RequestChanged, "request:1");
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task FindAsync_Filters_NarrowByActorActionSubjectAndWarsawDays()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        await SeedAsync(kit);
        var query = new AuditQuery(kit.Database);
        var admin = AdminTestKit.Administrator;

        Assert.Equal(4, (await query.FindAsync(admin, new AuditFilter(), Ct)).Total);
        Assert.Equal(2, (await query.FindAsync(admin, new AuditFilter(ActorId: "ewa"), Ct)).Total);
        Assert.Equal(2, (await query.FindAsync(admin, new AuditFilter(Action: AuditActions.RequestRead), Ct)).Total);
        Assert.Equal(2, (await query.FindAsync(admin, new AuditFilter(Subject: "request:1"), Ct)).Total);
        Assert.Equal(3, (await query.FindAsync(admin, new AuditFilter(Subject: "request"), Ct)).Total);
        Assert.Equal(1, (await query.FindAsync(admin, new AuditFilter(From: new(2026, 11, 20), To: new(2026, 11, 20)), Ct)).Total);
        Assert.Equal(2, (await query.FindAsync(admin, new AuditFilter(From: new(2026, 11, 21), To: new(2026, 11, 21)), Ct)).Total);

        var newestFirst = await query.FindAsync(admin, new AuditFilter(ActorId: "ewa"), Ct);
        Assert.Equal([AuditActions.RequestChanged, AuditActions.CatalogueChanged], newestFirst.Entries.Select(e => e.Action));
    }

    [Fact]
    public async Task FindAsync_ManyEntries_PagesFiftyAtATime()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        await using (var db = kit.Database.CreateDbContext())
        {
            for (var i = 1; i <= 120; i++)
            {
                db.AuditLog.Add(new AuditEntry { At = kit.Clock.GetUtcNow().AddMinutes(i), ActorId = "a", ActorName = "A", Action = AuditActions.RequestRead, Subject = $"request:{i}" });
            }

            await db.SaveChangesAsync(Ct);
        }

        var query = new AuditQuery(kit.Database);
        var third = await query.FindAsync(AdminTestKit.Administrator, new AuditFilter(Page: 3), Ct);
        var beyond = await query.FindAsync(AdminTestKit.Administrator, new AuditFilter(Page: 99), Ct);

        Assert.Equal((120, 3, 3), (third.Total, third.PageCount, third.Page));
        Assert.Equal(20, third.Entries.Count);
        Assert.Equal("request:20", third.Entries[0].Subject);
        Assert.Equal(3, beyond.Page);
    }

    [Theory]
    [InlineData(StaffRoles.Coordinator)]
    [InlineData(StaffRoles.Clerk)]
    public async Task FindAsync_WithoutReadAuditLog_IsRefused(string role)
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var actor = new StaffActor("x", "X", [role]);

        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => new AuditQuery(kit.Database).FindAsync(actor, new AuditFilter(), Ct));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => new AuditQuery(kit.Database).ActorsAsync(actor, Ct));
    }
}
