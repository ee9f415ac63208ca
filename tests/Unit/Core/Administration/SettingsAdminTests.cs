using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Administration;

public class SettingsAdminTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveAsync_ChangedFields_StoresTidyValuesAndAuditsFieldNamesOnly()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = new SettingsAdmin(kit.Database, kit.Audit, kit.Clock);
        var form = await admin.GetAsync(AdminTestKit.Administrator, Ct);
        form.Phone = "+48 (22) 765-43-21";
        form.Email = "  biuro@gmina.example.pl ";
        form.OverdueAfterWorkingDays = "7";
        form.VisitWindowMinutes = "90";
        form.StatementReviewedOn = new DateParts { Day = "20", Month = "11", Year = "2026" };

        var result = await admin.SaveAsync(AdminTestKit.Administrator, form, Ct);

        Assert.True(result.Succeeded);
        await using var db = kit.Database.CreateDbContext();
        var m = await db.Municipalities.SingleAsync(Ct);
        Assert.Equal("22 765 43 21", m.Phone);
        Assert.Equal("biuro@gmina.example.pl", m.Email);
        Assert.Equal(7, m.OverdueAfterWorkingDays);
        Assert.Equal(90, m.VisitWindowMinutes);
        Assert.Equal(new DateOnly(2026, 11, 20), m.StatementReviewedOn);

        var entry = Assert.Single(await kit.AuditEntriesAsync());
        Assert.Equal(AuditActions.SettingsChanged, entry.Action);
        Assert.Contains("Phone", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("StatementReviewedOn", entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("765", entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("biuro", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_NothingChanged_WritesNoAuditEntry()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = new SettingsAdmin(kit.Database, kit.Audit, kit.Clock);

        var result = await admin.SaveAsync(AdminTestKit.Administrator, await admin.GetAsync(AdminTestKit.Administrator, Ct), Ct);

        Assert.True(result.Succeeded);
        Assert.Empty(await kit.AuditEntriesAsync());
    }

    public static TheoryData<string, string, string> BadValues => new()
    {
        { nameof(SettingsForm.Name), "", "Wpisz nazwę gminy, na przykład „Gmina Przykładowo”" },
        { nameof(SettingsForm.Name), new string('G', 10_000), "Nazwa gminy może mieć najwyżej 200 znaków. Teraz ma 10000." },
        { nameof(SettingsForm.OfficeAddress), "<b>ul. Główna</b>", "Adres urzędu nie może zawierać znaków < ani >." },
        { nameof(SettingsForm.Phone), "123", "Wpisz poprawny numer telefonu, na przykład 22 123 45 67" },
        { nameof(SettingsForm.Phone), "<script>", "Wpisz poprawny numer telefonu, na przykład 22 123 45 67" },
        { nameof(SettingsForm.Email), "biuro@", "Wpisz poprawny adres e-mail, na przykład mobilny.urzednik@gmina.pl" },
        { nameof(SettingsForm.DataProtectionOfficerEmail), "iod gmina.pl", "Wpisz poprawny adres e-mail inspektora ochrony danych, na przykład iod@gmina.pl" },
        { nameof(SettingsForm.OverdueAfterWorkingDays), "0", "Wpisz liczbę całkowitą od 1 do 30, na przykład 5" },
        { nameof(SettingsForm.OverdueAfterWorkingDays), "31", "Wpisz liczbę całkowitą od 1 do 30, na przykład 5" },
        { nameof(SettingsForm.OverdueAfterWorkingDays), "pięć", "Wpisz liczbę całkowitą od 1 do 30, na przykład 5" },
        { nameof(SettingsForm.VisitWindowMinutes), "29", "Wpisz liczbę minut od 30 do 240, na przykład 120" },
        { nameof(SettingsForm.VisitWindowMinutes), "241", "Wpisz liczbę minut od 30 do 240, na przykład 120" },
        { nameof(SettingsForm.BuildingAccessibility), new string('b', 4001), "Opis dostępności budynku może mieć najwyżej 4000 znaków. Teraz ma 4001. Skróć go." },
        { nameof(SettingsForm.AccessibilityContactName), "<i>Anna</i>", "Imię i nazwisko nie może zawierać znaków < ani >." },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task SaveAsync_BadValue_GivesTheFieldsMessageAndChangesNothing(string field, string value, string message)
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = new SettingsAdmin(kit.Database, kit.Audit, kit.Clock);
        var before = SettingsForm.From(await FirstAsync(kit));
        var form = await admin.GetAsync(AdminTestKit.Administrator, Ct);
        typeof(SettingsForm).GetProperty(field)!.SetValue(form, value);

        var result = await admin.SaveAsync(AdminTestKit.Administrator, form, Ct);

        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(message, AdminTestKit.Message(error));
        Assert.Equivalent(before, SettingsForm.From(await FirstAsync(kit)));
        Assert.Empty(await kit.AuditEntriesAsync());
    }

    [Fact]
    public async Task SaveAsync_BadDates_AreNamedPerDate()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = new SettingsAdmin(kit.Database, kit.Audit, kit.Clock);
        var form = await admin.GetAsync(AdminTestKit.Administrator, Ct);
        form.StatementPublishedOn = new DateParts();
        form.StatementUpdatedOn = new DateParts { Day = "31", Month = "2", Year = "2026" };
        form.StatementPreparedOn = new DateParts { Day = "1", Month = "1", Year = "2027" };
        form.StatementReviewedOn = new DateParts { Day = "x", Month = "1", Year = "2026" };

        var result = await admin.SaveAsync(AdminTestKit.Administrator, form, Ct);

        Assert.Equal(
            [
                "Wpisz datę publikacji strony, na przykład 2 11 2026",
                "Data aktualizacji musi być prawdziwą datą, na przykład 22 11 2026",
                "Data sporządzenia nie może być w przyszłości",
                "Data przeglądu musi być prawdziwą datą, na przykład 22 11 2026, albo zostaw ją pustą",
            ],
            result.Errors.Select(AdminTestKit.Message));
    }

    [Fact]
    public async Task SaveAsync_UpdatedBeforePublished_IsRefused()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = new SettingsAdmin(kit.Database, kit.Audit, kit.Clock);
        var form = await admin.GetAsync(AdminTestKit.Administrator, Ct);
        form.StatementPublishedOn = new DateParts { Day = "10", Month = "11", Year = "2026" };
        form.StatementUpdatedOn = new DateParts { Day = "9", Month = "11", Year = "2026" };

        var result = await admin.SaveAsync(AdminTestKit.Administrator, form, Ct);

        Assert.Equal("Data aktualizacji nie może być wcześniejsza niż data publikacji", AdminTestKit.Message(Assert.Single(result.Errors)));
    }

    [Fact]
    public async Task SaveAsync_MarkupInEveryTextField_RefusesEachAndChangesNothing()
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = new SettingsAdmin(kit.Database, kit.Audit, kit.Clock);
        var form = await admin.GetAsync(AdminTestKit.Administrator, Ct);
        var textFields = typeof(SettingsForm).GetProperties().Where(p => p.PropertyType == typeof(string)).ToList();
        foreach (var p in textFields)
        {
            p.SetValue(form, "<b>x</b>");
        }

        var result = await admin.SaveAsync(AdminTestKit.Administrator, form, Ct);

        Assert.Equal(textFields.Select(p => p.Name).Order(), result.Errors.Select(e => e.Field).Order());
        Assert.Empty(await kit.AuditEntriesAsync());
    }

    [Theory]
    [InlineData(StaffRoles.Coordinator)]
    [InlineData(StaffRoles.Clerk)]
    public async Task GetAndSave_WithoutManageSettings_AreRefused(string role)
    {
        await using var kit = await AdminTestKit.CreateAsync();
        var admin = new SettingsAdmin(kit.Database, kit.Audit, kit.Clock);
        var actor = new StaffActor("x", "X", [role]);
        var form = await admin.GetAsync(AdminTestKit.Administrator, Ct);
        form.Name = "Gmina Inna";

        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => admin.GetAsync(actor, Ct));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => admin.SaveAsync(actor, form, Ct));
        Assert.Equal("Gmina Przykładowo", (await FirstAsync(kit)).Name);
    }

    private static async Task<Municipalities.MunicipalitySettings> FirstAsync(AdminTestKit kit)
    {
        await using var db = kit.Database.CreateDbContext();
        return await db.Municipalities.AsNoTracking().SingleAsync(Ct);
    }
}
