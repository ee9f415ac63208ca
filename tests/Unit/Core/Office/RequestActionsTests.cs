using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;
using static MobilnyUrzednik.Core.Office.OfficeTestData;

namespace MobilnyUrzednik.Core.Office;

public sealed class RequestActionsTests
{
    private static async Task<(TestDatabase Database, RequestActions Actions, int Id)> ArrangeAsync()
    {
        var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var id = await AddRequestAsync(database, clock.GetUtcNow());
        return (database, new RequestActions(database, new AuditLog(database, clock), clock, TestOutbox.For(clock)), id);
    }

    [Fact]
    public async Task Review_AskForInformation_Resume_Reject_EachWritesHistoryAndAudit()
    {
        var (database, actions, id) = await ArrangeAsync();
        await using var _ = database;

        Assert.Empty(await actions.TakeIntoReviewAsync(Coordinator, id, "Zajmuje się tym Anna.", Ct));
        Assert.Empty(await actions.AskForInformationAsync(Administrator, id, "Prosimy o numer dowodu.", Ct));
        Assert.Empty(await actions.ResumeReviewAsync(Coordinator, id, null, Ct));
        Assert.Empty(await actions.RejectAsync(Coordinator, id, "Sprawę trzeba załatwić w ZUS.", Ct));

        await using var db = database.CreateDbContext();
        var history = await db.RequestHistory.Where(h => h.VisitRequestId == id).OrderBy(h => h.Id).ToListAsync(Ct);
        Assert.Equal(
            [RequestStatus.Submitted, RequestStatus.InReview, RequestStatus.NeedsInformation, RequestStatus.InReview, RequestStatus.Rejected],
            history.Select(h => h.Status));
        Assert.Equal(["mieszkaniec", "Anna Kowalska", "Ewa Administratorka", "Anna Kowalska", "Anna Kowalska"], history.Select(h => h.Actor));
        Assert.Equal("Prosimy o numer dowodu.", history[2].PublicNote);
        Assert.Null(history[3].PublicNote);
        var audit = await db.AuditLog.OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal(["Submitted → InReview", "InReview → NeedsInformation", "NeedsInformation → InReview", "InReview → Rejected"], audit.Select(a => a.Detail));
        Assert.All(audit, a => Assert.Equal(AuditActions.RequestChanged, a.Action));
    }

    [Theory]
    [InlineData("", "InfoMessage_Required")]
    [InlineData("   ", "InfoMessage_Required")]
    [InlineData("Proszę <b>pilnie</b>", "Note_Markup")]
    public async Task AskForInformation_BadMessage_IsRefusedAndNothingChanges(string message, string code)
    {
        var (database, actions, id) = await ArrangeAsync();
        await using var _ = database;
        Assert.Empty(await actions.TakeIntoReviewAsync(Coordinator, id, null, Ct));

        var errors = await actions.AskForInformationAsync(Coordinator, id, message, Ct);

        Assert.Equal(new AnswerError("InfoMessage", code), Assert.Single(errors), new AnswerErrorComparer());
        await using var db = database.CreateDbContext();
        Assert.Equal(RequestStatus.InReview, (await db.VisitRequests.SingleAsync(Ct)).Status);
        Assert.Equal(2, await db.RequestHistory.CountAsync(Ct));
    }

    [Fact]
    public async Task Reject_TenThousandCharacters_IsRefusedWithTheLimitAndTheLength()
    {
        var (database, actions, id) = await ArrangeAsync();
        await using var _ = database;

        var error = Assert.Single(await actions.RejectAsync(Coordinator, id, new string('a', 10_000), Ct));

        Assert.Equal("Note_TooLong", error.Code);
        Assert.Equal([2000, 10_000], error.Args);
        await using var db = database.CreateDbContext();
        Assert.Equal(RequestStatus.Submitted, (await db.VisitRequests.SingleAsync(Ct)).Status);
    }

    [Fact]
    public async Task Complete_BeforeTheVisitIsConfirmed_IsRefusedByTheLifecycle()
    {
        var (database, actions, id) = await ArrangeAsync();
        await using var _ = database;

        var error = Assert.Single(await actions.CompleteAsync(Coordinator, id, new CompletionForm { Channel = "PaperAtOffice" }, Ct));

        Assert.Equal("Status_NotAllowed", error.Code);
    }

    [Fact]
    public async Task Complete_ThroughEpuapWithoutTheReceiptNumber_AsksForIt()
    {
        var (database, actions, id) = await ArrangeAsync();
        await using var _ = database;

        var errors = await actions.CompleteAsync(Coordinator, id, new CompletionForm { Channel = "Epuap" }, Ct);
        Assert.Equal(["OutcomeReference_Required"], errors.Select(e => e.Code));

        errors = await actions.CompleteAsync(Coordinator, id, new CompletionForm(), Ct);
        Assert.Equal(["OutcomeChannel_Required"], errors.Select(e => e.Code));
    }

    [Fact]
    public async Task AnyAction_ByAClerk_IsRefused()
    {
        var (database, actions, id) = await ArrangeAsync();
        await using var _ = database;

        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => actions.TakeIntoReviewAsync(Clerk, id, null, Ct));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => actions.CancelAsync(Clerk, id, "x", Ct));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => actions.CompleteAsync(Clerk, id, new CompletionForm(), Ct));
        await using var db = database.CreateDbContext();
        Assert.Equal(RequestStatus.Submitted, (await db.VisitRequests.SingleAsync(Ct)).Status);
    }

    [Fact]
    public async Task Cancel_ClosedRequest_IsRefused()
    {
        var (database, actions, id) = await ArrangeAsync();
        await using var _ = database;
        Assert.Empty(await actions.CancelAsync(Coordinator, id, "Mieszkanka zrezygnowała.", Ct));

        Assert.Equal("Status_NotAllowed", Assert.Single(await actions.CancelAsync(Coordinator, id, "Jeszcze raz.", Ct)).Code);
    }

    private sealed class AnswerErrorComparer : IEqualityComparer<AnswerError>
    {
        public bool Equals(AnswerError? x, AnswerError? y) => x?.Field == y?.Field && x?.Code == y?.Code;

        public int GetHashCode(AnswerError obj) => HashCode.Combine(obj.Field, obj.Code);
    }
}
