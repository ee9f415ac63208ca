using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Common;

namespace MobilnyUrzednik.Core.Requests;

public class StatusLookupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FindAsync_CodeAndResidentsLastFour_ShowsStatusMatterAndTimeline()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var code = await SubmitAsync(database, clock, SampleAnswers.ForSelf());

        var view = await new StatusLookup(database).FindAsync(code, "0200", Ct);

        Assert.NotNull(view);
        Assert.Equal(code, view.TrackingCode);
        Assert.Equal(RequestStatus.Submitted, view.Status);
        Assert.Equal("Wniosek o dowód osobisty", view.MatterName);
        Assert.Equal([new StatusEvent(RequestStatus.Submitted, clock.GetUtcNow(), null)], view.History);
    }

    [Fact]
    public async Task LookUpAsync_AsTyped_CodeInAnyCaseAndSpacing_FindsItWithTheDigitsThatFoundIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        var code = await SubmitAsync(database, new FakeClock(), SampleAnswers.ForSelf());

        var found = await new StatusLookup(database).LookUpAsync(" " + TrackingCode.Format(code).ToLowerInvariant().Replace('-', ' ') + " ", "02 00", Ct);

        Assert.Empty(found.Errors);
        Assert.Equal(code, found.View?.TrackingCode);
        Assert.Equal("0200", found.Digits);
    }

    [Fact]
    public async Task LookUpAsync_BothHalvesMissingOrMalformed_AProblemOnEachFieldAndNoLookUp()
    {
        await using var database = await TestDatabase.CreateAsync();
        var lookup = new StatusLookup(database);

        var empty = await lookup.LookUpAsync(null, " ", Ct);
        var malformed = await lookup.LookUpAsync("K7P-4QX", "12a4", Ct);

        Assert.Null(empty.View);
        Assert.Equal([new AnswerError("numer", "CodeError_Empty"), new AnswerError("cyfry", "DigitsError_Empty")], empty.Errors, AnswerErrors);
        Assert.Equal([new AnswerError("numer", "CodeError_WrongLength"), new AnswerError("cyfry", "DigitsError_Invalid")], malformed.Errors, AnswerErrors);
    }

    [Fact]
    public async Task LookUpAsync_WrongPair_OneNotFoundOnTheCodeWhicheverHalfWasWrong()
    {
        await using var database = await TestDatabase.CreateAsync();
        var code = await SubmitAsync(database, new FakeClock(), SampleAnswers.ForSelf());
        var lookup = new StatusLookup(database);

        foreach (var (tried, digits) in new[] { (code, "0201"), (TrackingCode.NewCode(), "0200") })
        {
            var found = await lookup.LookUpAsync(tried, digits, Ct);
            Assert.Null(found.View);
            Assert.Equal([new AnswerError("numer", "NotFound")], found.Errors, AnswerErrors);
        }
    }

    [Fact]
    public async Task FindAsync_SomeoneElseFiled_FindsWithEitherPhonesLastFour()
    {
        await using var database = await TestDatabase.CreateAsync();
        var answers = SampleAnswers.ForNeighbour();
        answers.ResidentPhone = "600 100 200";
        var code = await SubmitAsync(database, new FakeClock(), answers);
        var lookup = new StatusLookup(database);

        Assert.NotNull(await lookup.FindAsync(code, "0200", Ct));
        Assert.NotNull(await lookup.FindAsync(code, "4567", Ct));
    }

    [Fact]
    public async Task FindAsync_WrongHalfOfThePair_SameNotFoundEitherWay()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var code = await SubmitAsync(database, clock, SampleAnswers.ForSelf());
        var other = SampleAnswers.ForSelf();
        other.ResidentPhone = "512 345 678";
        var otherCode = await SubmitAsync(database, clock, other);
        var lookup = new StatusLookup(database);
        var unusedCode = TrackingCode.NewCode();
        Assert.NotEqual(code, unusedCode);

        Assert.NotNull(await lookup.FindAsync(code, "0200", Ct));
        Assert.Null(await lookup.FindAsync(code, "0201", Ct));
        Assert.Null(await lookup.FindAsync(code, "5678", Ct));
        Assert.Null(await lookup.FindAsync(code, "", Ct));
        Assert.Null(await lookup.FindAsync(otherCode, "0200", Ct));
        Assert.Null(await lookup.FindAsync(unusedCode, "0200", Ct));
        Assert.Null(await lookup.FindAsync(TrackingCode.Format(code), "0200", Ct));
    }

    [Fact]
    public async Task FindAsync_AfterStaffMoves_ShowsTimelineInOrderWithPublicNotes()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var code = await SubmitAsync(database, clock, SampleAnswers.ForSelf());
        var submittedAt = clock.GetUtcNow();
        await using (var db = database.CreateDbContext())
        {
            var request = await db.VisitRequests.Include(r => r.History).SingleAsync(r => r.TrackingCode == code, Ct);
            request.MoveTo(RequestStatus.InReview, "Anna Kowalska", null, submittedAt.AddHours(1));
            request.MoveTo(RequestStatus.VisitScheduled, "Anna Kowalska", "Przyjdziemy 3 grudnia rano.", submittedAt.AddDays(1));
            await db.SaveChangesAsync(Ct);
        }

        var view = await new StatusLookup(database).FindAsync(code, "0200", Ct);

        Assert.NotNull(view);
        Assert.Equal(RequestStatus.VisitScheduled, view.Status);
        Assert.Equal(
            [
                new StatusEvent(RequestStatus.Submitted, submittedAt, null),
                new StatusEvent(RequestStatus.InReview, submittedAt.AddHours(1), null),
                new StatusEvent(RequestStatus.VisitScheduled, submittedAt.AddDays(1), "Przyjdziemy 3 grudnia rano."),
            ],
            view.History);
    }

    [Theory]
    [InlineData("0200", "0200")]
    [InlineData(" 0200 ", "0200")]
    [InlineData("02 00", "0200")]
    [InlineData("02-00", "0200")]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData("200", null)]
    [InlineData("02000", null)]
    [InlineData("02a0", null)]
    [InlineData("٠٢٠٠", null)]
    [InlineData("+48600100200", null)]
    public void ParseLastFour_Typed_FourDigitsOrNull(string? typed, string? expected)
    {
        Assert.Equal(expected, StatusLookup.ParseLastFour(typed));
    }

    private static async Task<string> SubmitAsync(TestDatabase database, FakeClock clock, RequestAnswers answers)
    {
        var key = await RequestSubmissionTests.SaveDraftAsync(database, clock, answers);
        var result = await new RequestSubmission(database, clock, TestOutbox.For(clock)).SubmitAsync(key, RequestChannel.Web, "mieszkaniec", Ct);
        Assert.Equal(SubmissionOutcome.Created, result.Outcome);
        return result.TrackingCode!;
    }

    // AnswerError holds its arguments in an array, so records compare them by reference: compare what a page shows.
    private static readonly IEqualityComparer<AnswerError> AnswerErrors =
        EqualityComparer<AnswerError>.Create((a, b) => a!.Field == b!.Field && a.Code == b.Code && a.Args.SequenceEqual(b.Args), e => e.Field.GetHashCode(StringComparison.Ordinal));
}
