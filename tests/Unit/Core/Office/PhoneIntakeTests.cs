using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;
using static MobilnyUrzednik.Core.Office.OfficeTestData;

namespace MobilnyUrzednik.Core.Office;

public sealed class PhoneIntakeTests
{
    private static PhoneIntake Create(TestDatabase database, FakeClock clock) =>
        new(new RequestSubmission(database, clock, TestOutbox.For(clock)), new AuditLog(database, clock));

    [Fact]
    public async Task Submit_CompleteCall_StoresAPhoneRequestByTheCoordinator_OnceForTheSameForm()
    {
        await using var database = await TestDatabase.CreateAsync();
        var intake = Create(database, new FakeClock());

        var first = await intake.SubmitAsync(Coordinator, SampleAnswers.ForSelf(), RequestChannel.Phone, "form-1", Ct);
        var again = await intake.SubmitAsync(Coordinator, SampleAnswers.ForSelf(), RequestChannel.Phone, "form-1", Ct);

        Assert.Equal(SubmissionOutcome.Created, first.Outcome);
        Assert.Equal(first.TrackingCode, again.TrackingCode);
        await using var db = database.CreateDbContext();
        var request = await db.VisitRequests.Include(r => r.History).SingleAsync(Ct);
        Assert.Equal(RequestChannel.Phone, request.Channel);
        Assert.Equal("Anna Kowalska", Assert.Single(request.History).Actor);
        Assert.Contains(await db.AuditLog.ToListAsync(Ct), a => a.Action == AuditActions.RequestCreated && a.Subject == $"request:{request.Id}" && a.Detail == "Phone");
    }

    [Fact]
    public async Task Submit_MissingAnswers_GivesTheJourneysMessagesAndStoresNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var answers = SampleAnswers.ForSelf();
        answers.ResidentName = "Jan <b>";
        answers.PostalCode = "00-95";
        answers.LivesInMunicipality = "nie";

        var result = await Create(database, new FakeClock()).SubmitAsync(Coordinator, answers, RequestChannel.Email, "form-2", Ct);

        Assert.Equal(SubmissionOutcome.Incomplete, result.Outcome);
        Assert.Equal(["ResidentName", "PostalCode", "LivesInMunicipality"], result.Errors.Select(e => e.Field));
        Assert.Equal("Ineligible_Residence", result.Errors[^1].Code);
        await using var db = database.CreateDbContext();
        Assert.Equal(0, await db.VisitRequests.CountAsync(Ct));
    }

    [Fact]
    public async Task Submit_ByAClerkOrForTheWebChannel_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var intake = Create(database, new FakeClock());
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => intake.SubmitAsync(Clerk, SampleAnswers.ForSelf(), RequestChannel.Phone, "f", Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => intake.SubmitAsync(Coordinator, SampleAnswers.ForSelf(), RequestChannel.Web, "f", Ct));
    }
}
