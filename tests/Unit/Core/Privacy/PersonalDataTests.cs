using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Privacy;

/// <summary>A resident's data on request: found by code, phone or e-mail, exported whole, erased with a typed confirmation.</summary>
public sealed class PersonalDataTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly StaffActor Admin = new("admin-1", "Ewa Administratorka", [StaffRoles.Administrator]);

    private static PersonalData Service(VisitTestKit kit) => new(kit.Database, new RequestAnonymiser(kit.Database, kit.Audit, kit.Clock), kit.Audit, kit.Clock);

    [Theory]
    [InlineData("600 100 200")]
    [InlineData("+48 600-100-200")]
    [InlineData("SASIAD@example.PL")]
    [InlineData("500400300")]
    public async Task Find_ByPhoneOrEmail_InAnyUsualForm_ListsTheRequestsHoldingIt_AndIsAudited(string query)
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var mine = await RetentionJobTests.OpenAsync(kit, RequestStatus.Submitted, kit.Clock.GetUtcNow());
        await kit.AddRequestAsync(residentName: "Ktoś Inny");
        await using (var db = kit.Database.CreateDbContext())
        {
            await db.VisitRequests.Where(r => r.Id != mine).ExecuteUpdateAsync(s => s.SetProperty(r => r.ResidentPhone, "+48700700700"), Ct);
        }

        var (matches, problem) = await Service(kit).FindAsync(Admin, query, Ct);

        Assert.Null(problem);
        Assert.Equal(mine, Assert.Single(matches).RequestId);
        var audit = Assert.Single(await kit.AuditEntriesAsync(), a => a.Action == AuditActions.PersonalDataSearched);
        Assert.Equal(mine.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.Detail);
        Assert.DoesNotContain(query, audit.Detail ?? string.Empty, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("", "Query_Required")]
    [InlineData("Kowalska", "Query_Unknown")]
    public async Task Find_WithoutSomethingToLookFor_SaysWhatToType(string query, string problem)
    {
        await using var kit = await VisitTestKit.CreateAsync();
        Assert.Equal(problem, (await Service(kit).FindAsync(Admin, query, Ct)).Problem);
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => Service(kit).FindAsync(VisitTestKit.Coordinator, "600100200", Ct));
    }

    [Fact]
    public async Task Export_HoldsEverything_WithPolishLetters_AndIsAudited()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var id = await RetentionJobTests.OpenAsync(kit, RequestStatus.Submitted, kit.Clock.GetUtcNow());
        Assert.True((await kit.BookAsync(id, clerk, VisitTestKit.Tuesday, 8, 10, "Proszę przygotować dowód.")).Succeeded);

        var bytes = await Service(kit).ExportAsync(Admin, id, Ct);

        var text = System.Text.Encoding.UTF8.GetString(bytes!);
        Assert.Contains("\"imieINazwisko\": \"Janina Kowalczyk\"", text, StringComparison.Ordinal);
        Assert.Contains("\"imieINazwisko\": \"Piotr Sąsiad\"", text, StringComparison.Ordinal);
        Assert.Contains("Trzecie piętro, bez windy.", text, StringComparison.Ordinal);
        Assert.Contains("Proszę przygotować dowód.", text, StringComparison.Ordinal);
        Assert.Contains("\"urzednik\": \"Tomasz Wiśniewski\"", text, StringComparison.Ordinal);
        Assert.Contains("sasiad@example.pl", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(bytes!);
        Assert.Equal(3, json.RootElement.GetProperty("historia").GetArrayLength());
        Assert.True(json.RootElement.GetProperty("wiadomosci").GetArrayLength() >= 1);
        var follower = json.RootElement.GetProperty("powiadomienia")[0];
        Assert.True(follower.GetProperty("kontaktZeZgloszenia").GetBoolean());
        Assert.False(follower.GetProperty("czekaNaPotwierdzenie").GetBoolean());
        Assert.Single(await kit.AuditEntriesAsync(), a => a.Action == AuditActions.PersonalDataExported && a.Subject == AuditLog.RequestSubject(id));
        Assert.Null(await Service(kit).ExportAsync(Admin, 999_999, Ct));
    }

    [Fact]
    public async Task Erase_NeedsTheCodeRetyped_ThenCancelsAnOpenRequestAndRemovesItsData()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var id = await RetentionJobTests.OpenAsync(kit, RequestStatus.Submitted, kit.Clock.GetUtcNow());
        Assert.True((await kit.BookAsync(id, clerk, VisitTestKit.Tuesday, 8, 10)).Succeeded);
        var code = (await kit.RequestAsync(id)).TrackingCode;
        var service = Service(kit);

        Assert.Equal("Erase_CodeRequired", await service.EraseAsync(Admin, id, " ", Ct));
        Assert.Equal("Erase_CodeMismatch", await service.EraseAsync(Admin, id, "ABC-DEF-GH", Ct));
        Assert.Null((await kit.RequestAsync(id)).AnonymisedAt);

        Assert.Null(await service.EraseAsync(Admin, id, TrackingCode.Format(code).ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), Ct));

        var request = await kit.RequestAsync(id);
        Assert.Equal(RequestStatus.Cancelled, request.Status);
        Assert.NotNull(request.AnonymisedAt);
        Assert.Equal(RequestAnonymiser.Removed, request.ResidentName);
        Assert.All(request.Visits, v => Assert.Equal((VisitState.Cancelled, (string?)null), (v.State, v.DoorWord)));
        Assert.Equal(RequestStatus.Cancelled, request.History[^1].Status);
        Assert.All(request.History, h => Assert.Null(h.PublicNote)); // the cancellation note went with the rest
        var audit = await kit.AuditEntriesAsync();
        Assert.Single(audit, a => a.Action == AuditActions.PersonalDataErased);
        Assert.Single(audit, a => a.Action == AuditActions.RequestAnonymised && a.Detail == RequestAnonymiser.ReasonErasure);
        Assert.Equal("Erase_Already", await service.EraseAsync(Admin, id, code, Ct));
    }
}
