using Microsoft.EntityFrameworkCore;

namespace MobilnyUrzednik.Core.Requests;

public class RequestSubmissionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubmitAsync_CompleteDraft_CreatesTheRequestWithTidyNormalisedAnswers()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var key = await SaveDraftAsync(database, clock, SampleAnswers.ForSelf());

        var result = await new RequestSubmission(database, clock, TestOutbox.For(clock)).SubmitAsync(key, RequestChannel.Web, "mieszkaniec", Ct);

        Assert.Equal(SubmissionOutcome.Created, result.Outcome);
        Assert.Empty(result.Errors);
        Assert.NotNull(result.TrackingCode);
        Assert.Equal(result.TrackingCode, TrackingCode.Parse(result.TrackingCode).Code);

        await using var db = database.CreateDbContext();
        var request = await db.VisitRequests.Include(r => r.History).Include(r => r.Matter).SingleAsync(Ct);
        Assert.Equal(result.RequestId, request.Id);
        Assert.Equal(result.TrackingCode, request.TrackingCode);
        Assert.Equal(key, request.SubmissionKey);
        Assert.Equal(RequestChannel.Web, request.Channel);
        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.Equal(clock.GetUtcNow(), request.CreatedAt);
        Assert.Equal("dowod-osobisty", request.Matter!.Slug);
        Assert.True(request.LivesInMunicipality);
        Assert.Equal(EligibilityReason.Age, request.EligibilityReason);
        Assert.Equal("Potrzebuję nowego dowodu,\nstary jest nieważny.", request.Description);
        Assert.Equal("Anna Nowak-Kowalska", request.ResidentName);
        Assert.Equal("+48600100200", request.ResidentPhone);
        Assert.Equal("ul. Długa 5/3", request.Street);
        Assert.Equal("00-950", request.PostalCode);
        Assert.Equal("Warszawa", request.Town);
        Assert.Equal(SubmitterRelation.Self, request.SubmitterRelation);
        Assert.Null(request.SubmitterName);
        Assert.Null(request.SubmitterPhone);
        Assert.False(request.ResidentConsent);
        Assert.Equal(ContactChannel.PhoneCall, request.ContactChannel);
        Assert.Null(request.ContactEmail);
        Assert.True(request.NeedsCallBeforeVisit);
        Assert.False(request.NeedsSignLanguage);
        Assert.Equal("Domofon nie działa, proszę zadzwonić.", request.AccessNotes);
        Assert.Null(request.EarliestDate);
        Assert.Equal(PartOfDay.Morning, request.PartOfDay);
        Assert.Equal("+48600100200", request.ContactPhone);

        var entry = Assert.Single(request.History);
        Assert.Equal(RequestStatus.Submitted, entry.Status);
        Assert.Equal("mieszkaniec", entry.Actor);
        Assert.Equal(clock.GetUtcNow(), entry.At);
        Assert.Null(entry.PublicNote);
    }

    [Fact]
    public async Task SubmitAsync_SomeoneElseFilesWithADate_KeepsSubmitterConsentAndDate()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var answers = SampleAnswers.ForNeighbour();
        answers.ContactChannel = nameof(ContactChannel.Email);
        answers.ContactEmail = " jan.sasiad@example.pl ";
        answers.Timing = "date";
        (answers.EarliestDay, answers.EarliestMonth, answers.EarliestYear) = ("7", "12", "2026");
        answers.AccessNotes = "   ";
        var key = await SaveDraftAsync(database, clock, answers);

        var result = await new RequestSubmission(database, clock, TestOutbox.For(clock)).SubmitAsync(key, RequestChannel.Kiosk, "Kiosk w holu urzędu", Ct);

        Assert.Equal(SubmissionOutcome.Created, result.Outcome);
        await using var db = database.CreateDbContext();
        var request = await db.VisitRequests.Include(r => r.History).SingleAsync(Ct);
        Assert.Equal(SubmitterRelation.Neighbour, request.SubmitterRelation);
        Assert.Equal("Jan Sąsiad", request.SubmitterName);
        Assert.Equal("+48601234567", request.SubmitterPhone);
        Assert.Null(request.ResidentPhone);
        Assert.True(request.ResidentConsent);
        Assert.Equal("+48601234567", request.ContactPhone);
        Assert.Equal(ContactChannel.Email, request.ContactChannel);
        Assert.Equal("jan.sasiad@example.pl", request.ContactEmail);
        Assert.Equal(new DateOnly(2026, 12, 7), request.EarliestDate);
        Assert.Null(request.AccessNotes);
        Assert.Equal(RequestChannel.Kiosk, request.Channel);
        Assert.Equal("Kiosk w holu urzędu", Assert.Single(request.History).Actor);
    }

    [Fact]
    public async Task SubmitAsync_SameDraftFiveTimesInARow_OneRequestAndTheSameCode()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var key = await SaveDraftAsync(database, clock, SampleAnswers.ForSelf());
        var submission = new RequestSubmission(database, clock, TestOutbox.For(clock));

        var results = new List<SubmissionResult>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await submission.SubmitAsync(key, RequestChannel.Web, "mieszkaniec", Ct));
            clock.Advance(TimeSpan.FromSeconds(3));
        }

        await AssertOneRequestAsync(database, results);
    }

    [Fact]
    public async Task SubmitAsync_SameDraftFiveTimesAtOnce_OneRequestAndTheSameCode()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var key = await SaveDraftAsync(database, clock, SampleAnswers.ForSelf());
        var submission = new RequestSubmission(database, clock, TestOutbox.For(clock));

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            Task.Run(() => submission.SubmitAsync(key, RequestChannel.Web, "mieszkaniec", Ct), Ct)));

        await AssertOneRequestAsync(database, results);
    }

    [Fact]
    public async Task SubmitAsync_IncompleteDraft_CreatesNothingAndSaysWhatIsMissing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var answers = SampleAnswers.ForSelf();
        answers.ResidentPhone = null;
        answers.PostalCode = "0095";
        var key = await SaveDraftAsync(database, clock, answers);

        var result = await new RequestSubmission(database, clock, TestOutbox.For(clock)).SubmitAsync(key, RequestChannel.Web, "mieszkaniec", Ct);

        Assert.Equal(SubmissionOutcome.Incomplete, result.Outcome);
        Assert.Null(result.RequestId);
        Assert.Null(result.TrackingCode);
        Assert.Equal(["ResidentPhone:ResidentPhone_Required", "PostalCode:PostalCode_Invalid"], SampleAnswers.Codes(result.Errors));
        await using var db = database.CreateDbContext();
        Assert.Equal(0, await db.VisitRequests.CountAsync(Ct));
        Assert.Equal(0, await db.RequestHistory.CountAsync(Ct));

        // The person can still correct the answers and send again.
        var draft = await new DraftStore(database, clock).LoadAsync(key, Ct);
        Assert.NotNull(draft);
        Assert.Null(draft.SubmittedRequestId);
        Assert.Equal("0095", draft.Answers.PostalCode);
        Assert.True(await new DraftStore(database, clock).SaveAsync(key, SampleAnswers.ForSelf(), Ct));
    }

    [Theory]
    [InlineData("nie", nameof(EligibilityReason.Age))]
    [InlineData("tak", nameof(EligibilityReason.CanComeToOffice))]
    public async Task SubmitAsync_IneligiblePerson_CreatesNothing(string lives, string reason)
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var answers = SampleAnswers.ForSelf();
        answers.LivesInMunicipality = lives;
        answers.Reason = reason;
        var key = await SaveDraftAsync(database, clock, answers);

        var result = await new RequestSubmission(database, clock, TestOutbox.For(clock)).SubmitAsync(key, RequestChannel.Web, "mieszkaniec", Ct);

        Assert.Equal(SubmissionOutcome.Incomplete, result.Outcome);
        Assert.Null(result.TrackingCode);
        await using var db = database.CreateDbContext();
        Assert.Equal(0, await db.VisitRequests.CountAsync(Ct));
    }

    [Fact]
    public async Task SubmitAsync_PreferredDateNowInThePast_CreatesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var answers = SampleAnswers.ForSelf();
        answers.Timing = "date";
        (answers.EarliestDay, answers.EarliestMonth, answers.EarliestYear) = ("23", "11", "2026");
        var key = await SaveDraftAsync(database, clock, answers);

        // Filled in on Sunday asking for Monday; sent on Monday morning, when Monday is no longer ahead.
        clock.Advance(TimeSpan.FromHours(23));
        var result = await new RequestSubmission(database, clock, TestOutbox.For(clock)).SubmitAsync(key, RequestChannel.Web, "mieszkaniec", Ct);

        Assert.Equal(SubmissionOutcome.Incomplete, result.Outcome);
        Assert.Equal(["EarliestDay:EarliestDate_Past"], SampleAnswers.Codes(result.Errors));
    }

    [Fact]
    public async Task SubmitAsync_UnknownDraft_NoDraft()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await new RequestSubmission(database, new FakeClock(), TestOutbox.For(TimeProvider.System)).SubmitAsync("nie-ma-takiego", RequestChannel.Web, "mieszkaniec", Ct);

        Assert.Equal(SubmissionOutcome.NoDraft, result.Outcome);
    }

    [Fact]
    public async Task SubmitAsync_Sent_DraftNoLongerHoldsPersonalData()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var key = await SaveDraftAsync(database, clock, SampleAnswers.ForNeighbour());

        var result = await new RequestSubmission(database, clock, TestOutbox.For(clock)).SubmitAsync(key, RequestChannel.Web, "mieszkaniec", Ct);

        await using var db = database.CreateDbContext();
        var row = await db.RequestDrafts.AsNoTracking().SingleAsync(d => d.Key == key, Ct);
        Assert.Equal(result.RequestId, row.SubmittedRequestId);
        foreach (var personal in new[] { "Anna", "Nowak", "Jan", "Sąsiad", "600", "601", "Długa", "00 950", "Warszawa", "Domofon", "dowodu" })
        {
            Assert.DoesNotContain(personal, row.AnswersJson, StringComparison.OrdinalIgnoreCase);
        }

        var draft = await new DraftStore(database, clock).LoadAsync(key, Ct);
        Assert.NotNull(draft);
        Assert.Equal(result.RequestId, draft.SubmittedRequestId);
        Assert.Null(draft.Answers.ResidentName);
        Assert.Null(draft.Answers.SubmitterPhone);
    }

    [Fact]
    public async Task SaveAsync_SentDraft_IsRefusedAndStaysEmpty()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var key = await SaveDraftAsync(database, clock, SampleAnswers.ForSelf());
        await new RequestSubmission(database, clock, TestOutbox.For(clock)).SubmitAsync(key, RequestChannel.Web, "mieszkaniec", Ct);

        var saved = await new DraftStore(database, clock).SaveAsync(key, SampleAnswers.ForNeighbour(), Ct);

        Assert.False(saved);
        var draft = await new DraftStore(database, clock).LoadAsync(key, Ct);
        Assert.NotNull(draft);
        Assert.Null(draft.Answers.SubmitterName);
    }

    [Fact]
    public async Task SubmitAsync_TwoDrafts_TwoRequestsWithDifferentCodes()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var submission = new RequestSubmission(database, clock, TestOutbox.For(clock));

        var first = await submission.SubmitAsync(await SaveDraftAsync(database, clock, SampleAnswers.ForSelf()), RequestChannel.Web, "mieszkaniec", Ct);
        var second = await submission.SubmitAsync(await SaveDraftAsync(database, clock, SampleAnswers.ForNeighbour()), RequestChannel.Web, "mieszkaniec", Ct);

        Assert.Equal(SubmissionOutcome.Created, first.Outcome);
        Assert.Equal(SubmissionOutcome.Created, second.Outcome);
        Assert.NotEqual(first.RequestId, second.RequestId);
        Assert.NotEqual(first.TrackingCode, second.TrackingCode);
    }

    internal static async Task<string> SaveDraftAsync(TestDatabase database, TimeProvider clock, RequestAnswers answers)
    {
        var store = new DraftStore(database, clock);
        var key = await store.CreateAsync(Ct);
        Assert.True(await store.SaveAsync(key, answers, Ct));
        return key;
    }

    private static async Task AssertOneRequestAsync(TestDatabase database, IReadOnlyList<SubmissionResult> results)
    {
        Assert.Equal(5, results.Count);
        Assert.All(results, r => Assert.Equal(SubmissionOutcome.Created, r.Outcome));
        Assert.Single(results.Select(r => r.TrackingCode).Distinct());
        Assert.Single(results.Select(r => r.RequestId).Distinct());

        await using var db = database.CreateDbContext();
        var request = await db.VisitRequests.Include(r => r.History).SingleAsync(Ct);
        Assert.Equal(results[0].TrackingCode, request.TrackingCode);
        Assert.Single(request.History);
        Assert.Equal(1, await db.RequestHistory.CountAsync(Ct));
    }
}
