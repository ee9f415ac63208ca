using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Catalogue;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Administration;

public class CatalogueAdminTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MatterForm Valid() => new()
    {
        Name = "  Zasiłek   pielęgnacyjny ",
        Description = "Pomożemy wypełnić wniosek o zasiłek.",
        Checklist = "Dowód osobisty\r\n\r\n  Orzeczenie o niepełnosprawności  \n",
    };

    [Fact]
    public async Task AddAsync_ValidForm_AddsTidyMatterWithSlugAndChecklistAndAudits()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = new CatalogueAdmin(kit.Database, kit.Audit);

        var result = await admin.AddAsync(AdminTestKit.Administrator, Valid(), Ct);

        Assert.True(result.Succeeded);
        await using var db = kit.Database.CreateDbContext();
        var matter = await db.Matters.Include(s => s.Checklist).SingleAsync(s => s.Slug == "zasilek-pielegnacyjny", Ct);
        Assert.Equal("Zasiłek pielęgnacyjny", matter.Name);
        Assert.Equal(["Dowód osobisty", "Orzeczenie o niepełnosprawności"], matter.Checklist.OrderBy(c => c.SortOrder).Select(c => c.Text));
        Assert.False(matter.IsRetired);
        Assert.Equal(await db.Matters.MaxAsync(s => s.SortOrder, Ct), matter.SortOrder);

        var entry = Assert.Single(await kit.AuditEntriesAsync());
        Assert.Equal(AuditActions.CatalogueChanged, entry.Action);
        Assert.Equal($"matter:{matter.Id}", entry.Subject);
        Assert.Equal(AdminTestKit.Administrator.UserId, entry.ActorId);
    }

    [Fact]
    public async Task AddAsync_SameSlugTwice_GivesTheSecondANumberedSlug()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = new CatalogueAdmin(kit.Database, kit.Audit);
        Assert.True((await admin.AddAsync(AdminTestKit.Administrator, Valid(), Ct)).Succeeded);

        var second = Valid();
        second.Name = "Zasiłek – pielęgnacyjny!";
        Assert.True((await admin.AddAsync(AdminTestKit.Administrator, second, Ct)).Succeeded);

        await using var db = kit.Database.CreateDbContext();
        Assert.True(await db.Matters.AnyAsync(s => s.Slug == "zasilek-pielegnacyjny-2", Ct));
    }

    [Fact]
    public async Task AddAsync_NameAlreadyUsed_IsRefused()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = new CatalogueAdmin(kit.Database, kit.Audit);
        string existing;
        await using (var db = kit.Database.CreateDbContext())
        {
            existing = (await db.Matters.FirstAsync(Ct)).Name;
        }

        var result = await admin.AddAsync(AdminTestKit.Administrator, new MatterForm { Name = existing.ToUpperInvariant(), Description = "Opis." }, Ct);

        var error = Assert.Single(result.Errors);
        Assert.Equal("Sprawa o tej nazwie już jest na liście. Wpisz inną nazwę.", AdminTestKit.Message(error));
    }

    public static TheoryData<string, string?, string?, string?, string> BadForms => new()
    {
        { nameof(MatterForm.Name), "", "Opis.", null, "Wpisz nazwę sprawy, na przykład „Dowód osobisty”" },
        { nameof(MatterForm.Name), new string('a', 201), "Opis.", null, "Nazwa sprawy może mieć najwyżej 200 znaków. Teraz ma 201. Skróć ją." },
        { nameof(MatterForm.Name), "<b>Dowód</b>", "Opis.", null, "Nazwa sprawy nie może zawierać znaków < ani >. Napisz ją zwykłymi słowami." },
        { nameof(MatterForm.Description), "Dowód", "", null, "Opisz w jednym lub dwóch zdaniach, w czym pomoże urzędnik" },
        { nameof(MatterForm.Description), "Dowód", new string('o', 10_000), null, "Opis może mieć najwyżej 1000 znaków. Teraz ma 10000. Skróć go." },
        { nameof(MatterForm.Description), "Dowód", "<script>alert(1)</script>", null, "Opis nie może zawierać znaków < ani >. Napisz go zwykłymi słowami." },
        { nameof(MatterForm.Checklist), "Dowód", "Opis.", "Zdjęcie\n" + new string('x', 301), "Punkt 2 listy może mieć najwyżej 300 znaków. Teraz ma 301. Skróć go." },
        { nameof(MatterForm.Checklist), "Dowód", "Opis.", "<img src=x onerror=alert(1)>", "Punkt 1 listy nie może zawierać znaków < ani >. Napisz go zwykłymi słowami." },
        { nameof(MatterForm.Checklist), "Dowód", "Opis.", string.Join('\n', Enumerable.Range(1, 21).Select(i => $"Punkt {i}")), "Lista może mieć najwyżej 20 punktów. Teraz ma 21. Połącz albo usuń niektóre." },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task AddAsync_BadInput_GivesTheFieldsMessageAndChangesNothing(string field, string? name, string? description, string? checklist, string message)
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = new CatalogueAdmin(kit.Database, kit.Audit);
        int before;
        await using (var db = kit.Database.CreateDbContext())
        {
            before = await db.Matters.CountAsync(Ct);
        }

        var result = await admin.AddAsync(AdminTestKit.Administrator, new MatterForm { Name = name, Description = description, Checklist = checklist }, Ct);

        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(message, AdminTestKit.Message(error));
        await using (var db = kit.Database.CreateDbContext())
        {
            Assert.Equal(before, await db.Matters.CountAsync(Ct));
        }

        Assert.Empty(await kit.AuditEntriesAsync());
    }

    [Fact]
    public async Task AddAsync_MarkupInEveryField_ReportsEachFieldInPageOrder()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = new CatalogueAdmin(kit.Database, kit.Audit);

        var result = await admin.AddAsync(AdminTestKit.Administrator, new MatterForm { Name = "<i>x</i>", Description = "<i>x</i>", Checklist = "<i>x</i>" }, Ct);

        Assert.Equal([nameof(MatterForm.Name), nameof(MatterForm.Description), nameof(MatterForm.Checklist)], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task EditAsync_ValidForm_ChangesTextAndChecklistButKeepsTheSlug()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = new CatalogueAdmin(kit.Database, kit.Audit);
        Matter original;
        await using (var db = kit.Database.CreateDbContext())
        {
            original = await db.Matters.FirstAsync(s => s.Slug == "dowod-osobisty", Ct);
        }

        var result = await admin.EditAsync(AdminTestKit.Administrator, original.Id, new MatterForm { Name = "Dowód osobisty – nowy", Description = "Nowy opis.", Checklist = "Zdjęcie" }, Ct);

        Assert.True(result.Succeeded);
        await using (var db = kit.Database.CreateDbContext())
        {
            var matter = await db.Matters.Include(s => s.Checklist).SingleAsync(s => s.Id == original.Id, Ct);
            Assert.Equal("dowod-osobisty", matter.Slug);
            Assert.Equal("Dowód osobisty – nowy", matter.Name);
            Assert.Equal("Nowy opis.", matter.Description);
            Assert.Equal("Zdjęcie", Assert.Single(matter.Checklist).Text);
        }

        var entry = Assert.Single(await kit.AuditEntriesAsync());
        Assert.Equal($"matter:{original.Id}", entry.Subject);
        Assert.DoesNotContain("Dowód", entry.Detail ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetireAsync_Matter_LeavesThePublicJourneyButOldRequestsKeepIt()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = new CatalogueAdmin(kit.Database, kit.Audit);
        int id;
        await using (var db = kit.Database.CreateDbContext())
        {
            id = (await db.Matters.FirstAsync(s => s.Slug == "dowod-osobisty", Ct)).Id;
        }

        Assert.True((await admin.RetireAsync(AdminTestKit.Administrator, id, Ct)).Succeeded);

        var offered = await new MatterCatalogue(kit.Database).GetOfferedAsync(Ct);
        Assert.DoesNotContain(offered, s => s.Id == id);
        Assert.Contains(await admin.ListAsync(AdminTestKit.Administrator, Ct), s => s.Id == id && s.IsRetired);

        Assert.True((await admin.RestoreAsync(AdminTestKit.Administrator, id, Ct)).Succeeded);
        Assert.Contains(await new MatterCatalogue(kit.Database).GetOfferedAsync(Ct), s => s.Id == id);
        Assert.Equal(["retired", "restored"], (await kit.AuditEntriesAsync()).Select(a => a.Detail));
    }

    [Fact]
    public async Task RetireAsync_LastOfferedMatter_IsRefused()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = new CatalogueAdmin(kit.Database, kit.Audit);
        await using (var db = kit.Database.CreateDbContext())
        {
            await db.Matters.Where(s => s.Slug != "dowod-osobisty").ExecuteUpdateAsync(u => u.SetProperty(s => s.IsRetired, true), Ct);
        }

        var last = (await new MatterCatalogue(kit.Database).GetOfferedAsync(Ct)).Single();
        var result = await admin.RetireAsync(AdminTestKit.Administrator, last.Id, Ct);

        Assert.Equal("Nie można wycofać ostatniej oferowanej sprawy. Najpierw dodaj albo przywróć inną.", AdminTestKit.Message(Assert.Single(result.Errors)));
        Assert.Single(await new MatterCatalogue(kit.Database).GetOfferedAsync(Ct));
    }

    [Theory]
    [InlineData(StaffRoles.Coordinator)]
    [InlineData(StaffRoles.Clerk)]
    public async Task EveryCommand_WithoutManageCatalogue_IsRefusedAndChangesNothing(string role)
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = new CatalogueAdmin(kit.Database, kit.Audit);
        var actor = new StaffActor("x", "X", [role]);

        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => admin.ListAsync(actor, Ct));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => admin.AddAsync(actor, Valid(), Ct));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => admin.EditAsync(actor, 1, Valid(), Ct));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => admin.RetireAsync(actor, 1, Ct));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => admin.RestoreAsync(actor, 1, Ct));

        await using var db = kit.Database.CreateDbContext();
        Assert.False(await db.Matters.AnyAsync(s => s.IsRetired && s.Id == 1, Ct));
        Assert.False(await db.Matters.AnyAsync(s => s.Slug == "zasilek-pielegnacyjny", Ct));
        Assert.Empty(await kit.AuditEntriesAsync());
    }
}
