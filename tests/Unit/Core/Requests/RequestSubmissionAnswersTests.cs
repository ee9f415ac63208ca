using Microsoft.EntityFrameworkCore;

namespace MobilnyUrzednik.Core.Requests;

/// <summary>The kiosk's path: answers held in memory, sent without a draft.</summary>
public class RequestSubmissionAnswersTests
{
    private const string Library = "Biblioteka Publiczna, ul. Szkolna 2";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubmitAnswersAsync_BidirectionalControlsInEveryTextField_AreAcceptedAndStoredWithout()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var answers = SampleAnswers.ForNeighbour();
        answers.Description = "Dowód \u202Eyzcinaz\u202C do odbioru.";
        answers.ResidentName = "Anna \u202ENowak-Kowalska";
        answers.Street = "\u2067Główna 5\u2069";
        answers.Town = "Przykładowo\u200F";
        answers.SubmitterName = "Jan\u202D Nowak";
        answers.AccessNotes = "Domofon \u202E12\u202C.";

        var result = await new RequestSubmission(database, clock, TestOutbox.For(clock)).SubmitAnswersAsync(
            "klucz-bidi", answers, RequestChannel.Kiosk, Library, "biblioteka", Library, Ct);

        Assert.Equal(SubmissionOutcome.Created, result.Outcome);
        await using var db = database.CreateDbContext();
        var request = await db.VisitRequests.SingleAsync(Ct);
        string?[] texts = [request.Description, request.ResidentName, request.Street, request.Town, request.SubmitterName, request.AccessNotes];
        Assert.All(texts, t => Assert.DoesNotMatch("[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]", t!));
        Assert.Equal("Anna Nowak-Kowalska", request.ResidentName);
        Assert.Equal("Dowód yzcinaz do odbioru.", request.Description);
    }

    [Fact]
    public async Task SubmitAnswersAsync_CompleteAnswers_CreatesAKioskRequestRecordingTheKiosk()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();

        var result = await new RequestSubmission(database, clock, TestOutbox.For(clock)).SubmitAnswersAsync(
            "klucz-1", SampleAnswers.ForNeighbour(), RequestChannel.Kiosk, Library, "biblioteka", Library, Ct);

        Assert.Equal(SubmissionOutcome.Created, result.Outcome);
        Assert.Equal(result.TrackingCode, TrackingCode.Parse(result.TrackingCode).Code);
        await using var db = database.CreateDbContext();
        var request = await db.VisitRequests.Include(r => r.History).SingleAsync(Ct);
        Assert.Equal(result.RequestId, request.Id);
        Assert.Equal(RequestChannel.Kiosk, request.Channel);
        Assert.Equal("biblioteka", request.KioskId);
        Assert.Equal(Library, request.KioskLocation);
        Assert.Equal("klucz-1", request.SubmissionKey);
        Assert.Equal("Anna Nowak-Kowalska", request.ResidentName);
        Assert.Equal("+48601234567", request.SubmitterPhone);
        Assert.Equal(clock.GetUtcNow(), request.CreatedAt);
        var entry = Assert.Single(request.History);
        Assert.Equal(RequestStatus.Submitted, entry.Status);
        Assert.Equal(Library, entry.Actor);

        // Nothing goes through the draft table: the kiosk keeps no answers in the database before sending.
        Assert.Empty(await db.RequestDrafts.ToListAsync(Ct));
    }

    [Fact]
    public async Task SubmitAnswersAsync_SameKeyTwice_MakesOneRequestAndReturnsItsCodeAgain()
    {
        await using var database = await TestDatabase.CreateAsync();
        var submission = new RequestSubmission(database, new FakeClock(), TestOutbox.For(TimeProvider.System));

        var first = await submission.SubmitAnswersAsync("klucz-2", SampleAnswers.ForSelf(), RequestChannel.Kiosk, Library, "biblioteka", Library, Ct);
        var second = await submission.SubmitAnswersAsync("klucz-2", SampleAnswers.ForSelf(), RequestChannel.Kiosk, Library, "biblioteka", Library, Ct);

        Assert.Equal(SubmissionOutcome.Created, second.Outcome);
        Assert.Equal(first.RequestId, second.RequestId);
        Assert.Equal(first.TrackingCode, second.TrackingCode);
        await using var db = database.CreateDbContext();
        Assert.Equal(1, await db.VisitRequests.CountAsync(Ct));
    }

    [Fact]
    public async Task SubmitAnswersAsync_SameKeyAtOnce_MakesOneRequest()
    {
        await using var database = await TestDatabase.CreateAsync();
        var submission = new RequestSubmission(database, new FakeClock(), TestOutbox.For(TimeProvider.System));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => submission.SubmitAnswersAsync("klucz-3", SampleAnswers.ForSelf(), RequestChannel.Kiosk, Library, "biblioteka", Library, Ct), Ct)));

        Assert.All(results, r => Assert.Equal(SubmissionOutcome.Created, r.Outcome));
        Assert.Single(results.Select(r => r.TrackingCode).Distinct());
        await using var db = database.CreateDbContext();
        Assert.Equal(1, await db.VisitRequests.CountAsync(Ct));
    }

    [Fact]
    public async Task SubmitAnswersAsync_DifferentKeys_MakeTwoRequestsWithDifferentCodes()
    {
        await using var database = await TestDatabase.CreateAsync();
        var submission = new RequestSubmission(database, new FakeClock(), TestOutbox.For(TimeProvider.System));

        var first = await submission.SubmitAnswersAsync("klucz-4", SampleAnswers.ForSelf(), RequestChannel.Kiosk, Library, "biblioteka", Library, Ct);
        var second = await submission.SubmitAnswersAsync("klucz-5", SampleAnswers.ForSelf(), RequestChannel.Kiosk, Library, "biblioteka", Library, Ct);

        Assert.NotEqual(first.TrackingCode, second.TrackingCode);
    }

    [Fact]
    public async Task SubmitAnswersAsync_InvalidAnswers_RefusesWithTheErrorsAndStoresNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var answers = SampleAnswers.ForNeighbour();
        answers.ResidentConsent = false;
        answers.PostalCode = "12345678";

        var result = await new RequestSubmission(database, new FakeClock(), TestOutbox.For(TimeProvider.System)).SubmitAnswersAsync(
            "klucz-6", answers, RequestChannel.Kiosk, Library, "biblioteka", Library, Ct);

        Assert.Equal(SubmissionOutcome.Incomplete, result.Outcome);
        Assert.Equal(["PostalCode:PostalCode_Invalid", "ResidentConsent:ResidentConsent_Required"], SampleAnswers.Codes(result.Errors));
        await using var db = database.CreateDbContext();
        Assert.Equal(0, await db.VisitRequests.CountAsync(Ct));
    }

    [Theory]
    [InlineData("nie", nameof(EligibilityReason.Age))]
    [InlineData("tak", nameof(EligibilityReason.CanComeToOffice))]
    public async Task SubmitAnswersAsync_NotEligible_Refuses(string lives, string reason)
    {
        await using var database = await TestDatabase.CreateAsync();
        var answers = SampleAnswers.ForSelf();
        answers.LivesInMunicipality = lives;
        answers.Reason = reason;

        var result = await new RequestSubmission(database, new FakeClock(), TestOutbox.For(TimeProvider.System)).SubmitAnswersAsync(
            "klucz-7", answers, RequestChannel.Kiosk, Library, "biblioteka", Library, Ct);

        Assert.Equal(SubmissionOutcome.Incomplete, result.Outcome);
        await using var db = database.CreateDbContext();
        Assert.Equal(0, await db.VisitRequests.CountAsync(Ct));
    }

    [Fact]
    public async Task SubmitAnswersAsync_PreferredDateHasPassedSinceTheScreen_Refuses()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var answers = SampleAnswers.ForSelf();
        answers.Timing = "date";
        (answers.EarliestDay, answers.EarliestMonth, answers.EarliestYear) = ("23", "11", "2026");
        clock.Advance(TimeSpan.FromDays(1));

        var result = await new RequestSubmission(database, clock, TestOutbox.For(clock)).SubmitAnswersAsync(
            "klucz-8", answers, RequestChannel.Kiosk, Library, "biblioteka", Library, Ct);

        Assert.Equal(["EarliestDay:EarliestDate_Past"], SampleAnswers.Codes(result.Errors));
    }
}
