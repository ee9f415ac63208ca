using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Audit;
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

        var view = await Create(database).FindAsync(code, "0200", Ct);

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

        var found = await Create(database).LookUpAsync(" " + TrackingCode.Format(code).ToLowerInvariant().Replace('-', ' ') + " ", "02 00", Home, Ct);

        Assert.Empty(found.Errors);
        Assert.Equal(code, found.View?.TrackingCode);
        Assert.Equal("0200", found.Digits);
    }

    [Fact]
    public async Task LookUpAsync_BothHalvesMissingOrMalformed_AProblemOnEachFieldAndNoLookUp()
    {
        await using var database = await TestDatabase.CreateAsync();
        var lookup = Create(database);

        var empty = await lookup.LookUpAsync(null, " ", Home, Ct);
        var malformed = await lookup.LookUpAsync("K7P-4QX", "12a4", Home, Ct);

        Assert.Null(empty.View);
        Assert.Equal([new AnswerError("numer", "CodeError_Empty"), new AnswerError("cyfry", "DigitsError_Empty")], empty.Errors, AnswerErrors);
        Assert.Equal([new AnswerError("numer", "CodeError_WrongLength"), new AnswerError("cyfry", "DigitsError_Invalid")], malformed.Errors, AnswerErrors);
    }

    [Fact]
    public async Task LookUpAsync_WrongPair_OneNotFoundOnTheCodeWhicheverHalfWasWrong()
    {
        await using var database = await TestDatabase.CreateAsync();
        var code = await SubmitAsync(database, new FakeClock(), SampleAnswers.ForSelf());
        var lookup = Create(database);

        foreach (var (tried, digits) in new[] { (code, "0201"), (TrackingCode.NewCode(), "0200") })
        {
            var found = await lookup.LookUpAsync(tried, digits, Home, Ct);
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
        var lookup = Create(database);

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
        var lookup = Create(database);
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

        var view = await Create(database).FindAsync(code, "0200", Ct);

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

    [Fact]
    public async Task LookUpAsync_FiveWrongPairsFromFiveAddresses_LockTheCodeForAnHour_ThenTwiceAsLongEachTime_UpToADay()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var code = await SubmitAsync(database, clock, SampleAnswers.ForSelf());
        var lookup = Create(database, clock);
        var address = 0;
        LookupCaller NextAddress() => LookupCaller.Web($"198.51.100.{++address}");

        // A lock a time: 1 h, 2 h, 4 h, 8 h, 16 h, then 24 h for good.
        foreach (var hours in new[] { 1, 2, 4, 8, 16, 24, 24 })
        {
            for (var i = 0; i < 4; i++)
            {
                Assert.Null((await lookup.LookUpAsync(code, "9999", NextAddress(), Ct)).Refusal);
            }

            Assert.Equal(LookupRefusal.CodeLocked, (await lookup.LookUpAsync(code, "9999", NextAddress(), Ct)).Refusal);
            clock.Advance(TimeSpan.FromHours(hours) - TimeSpan.FromSeconds(1));
            var locked = await lookup.LookUpAsync(code, "0200", NextAddress(), Ct);
            Assert.Equal(LookupRefusal.CodeLocked, locked.Refusal);
            Assert.Null(locked.View);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // The right pair after a lock is found, and forgets the past: the next lock is again an hour.
        Assert.True((await lookup.LookUpAsync(code, "0200", NextAddress(), Ct)).Found);
        for (var i = 0; i < 5; i++)
        {
            await lookup.LookUpAsync(code, "9999", NextAddress(), Ct);
        }

        clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await lookup.LookUpAsync(code, "0200", NextAddress(), Ct)).Found);
    }

    [Fact]
    public async Task LookUpAsync_ACodeThatDoesNotExist_IsCountedAndLockedTheSameWay_AndBothLocksAreAudited()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var code = await SubmitAsync(database, clock, SampleAnswers.ForSelf());
        var lookup = Create(database, clock);
        var unknown = TrackingCode.NewCode();

        var answers = new List<LookupRefusal?>();
        foreach (var c in new[] { code, unknown })
        {
            for (var i = 0; i < 6; i++)
            {
                answers.Add((await lookup.LookUpAsync(c, "9999", LookupCaller.Web($"2001:db8:{i}::/64"), Ct)).Refusal);
            }
        }

        LookupRefusal?[] once = [null, null, null, null, LookupRefusal.CodeLocked, LookupRefusal.CodeLocked];
        Assert.Equal([.. once, .. once], answers);

        await using var db = database.CreateDbContext();
        var entries = await db.AuditLog.Where(a => a.Action == AuditActions.StatusLookupLocked).OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal(2, entries.Count);
        var requestId = await db.VisitRequests.Where(r => r.TrackingCode == code).Select(r => r.Id).SingleAsync(Ct);
        Assert.Equal(AuditLog.RequestSubject(requestId), entries[0].Subject);
        Assert.Equal("strona; blokada na 60 min", entries[0].Detail);
        Assert.Null(entries[1].Subject);
        Assert.Equal("strona; blokada na 60 min; numer nie istnieje", entries[1].Detail);
        Assert.All(entries, e => Assert.Equal(StatusLookupLimiter.Actor.DisplayName, e.ActorName));
    }

    [Fact]
    public async Task LookUpAsync_FiftyTriesAtOnce_OnlyFiveReachTheDatabase()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var code = await SubmitAsync(database, clock, SampleAnswers.ForSelf());
        var lookup = Create(database, clock);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => lookup.LookUpAsync(code, "9999", LookupCaller.Web($"203.0.113.{i}"), Ct)));

        // Four "not found", the fifth check locks the code, and the other 45 are refused before any check.
        Assert.Equal(4, results.Count(r => r.Refusal is null));
        Assert.Equal(46, results.Count(r => r.Refusal == LookupRefusal.CodeLocked));
        Assert.Equal(LookupRefusal.CodeLocked, (await lookup.LookUpAsync(code, "0200", LookupCaller.Web("203.0.113.99"), Ct)).Refusal);
    }

    [Fact]
    public async Task LookUpAsync_FiftyRightLookUpsAtOnce_AreAllFound_AndLockNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var code = await SubmitAsync(database, clock, SampleAnswers.ForSelf());
        var lookup = Create(database, clock);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => lookup.LookUpAsync(code, "0200", LookupCaller.Web($"203.0.113.{i}"), Ct)));

        Assert.All(results, r => Assert.True(r.Found));
        Assert.Null((await lookup.LookUpAsync(code, "9999", LookupCaller.Web("203.0.113.99"), Ct)).Refusal);
    }

    [Fact]
    public async Task LookUpAsync_AnAddressOrAKiosk_HasAnHourlyBudgetOfWrongLookUps_RightOnesDoNotCount()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var code = await SubmitAsync(database, clock, SampleAnswers.ForSelf());
        var lookup = Create(database, clock, new StatusLookupOptions { FailuresPerAddressPerHour = 3, FailuresPerKioskPerHour = 2, FailuresBeforeLock = 1000 });
        var home = LookupCaller.Web("2001:db8:1:2::/64");
        var kiosk = LookupCaller.Kiosk("biblioteka");

        Assert.True((await lookup.LookUpAsync(code, "0200", home, Ct)).Found);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null((await lookup.LookUpAsync(TrackingCode.NewCode(), "0200", home, Ct)).Refusal);
        }

        Assert.Equal(LookupRefusal.CallerLimited, (await lookup.LookUpAsync(code, "0200", home, Ct)).Refusal);
        Assert.True((await lookup.LookUpAsync(code, "0200", LookupCaller.Web("2001:db8:1:3::/64"), Ct)).Found);

        for (var i = 0; i < 2; i++)
        {
            Assert.Null((await lookup.LookUpAsync(TrackingCode.NewCode(), "0200", kiosk, Ct)).Refusal);
        }

        Assert.Equal(LookupRefusal.CallerLimited, (await lookup.LookUpAsync(code, "0200", kiosk, Ct)).Refusal);
        Assert.Equal(LookupRefusal.CallerLimited, (await lookup.LookUpAsync(code, "0200", kiosk, Ct)).Refusal);

        clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await lookup.LookUpAsync(code, "0200", home, Ct)).Found);
        Assert.True((await lookup.LookUpAsync(code, "0200", kiosk, Ct)).Found);

        // A kiosk's used-up hour is audited once, by its id; an address never is (it is personal data).
        await using var db = database.CreateDbContext();
        var entry = Assert.Single(await db.AuditLog.Where(a => a.Action == AuditActions.StatusLookupLimited).ToListAsync(Ct));
        Assert.Equal("kiosk:biblioteka", entry.Detail);
    }

    [Fact]
    public async Task InMemoryCounter_Full_ForgetsQuietCodes_AndTreatsNewCodesAsLockedWhileEveryRecordIsLive()
    {
        var clock = new FakeClock();
        var counter = new InMemoryStatusLookupCounter(clock, capacity: 2);
        static (CodeAttempts?, bool) Fail(CodeAttempts? current, DateTimeOffset now) =>
            (current?.LockedUntil > now ? current : new CodeAttempts((current?.Failures ?? 0) + 1, now, null, 0), current?.LockedUntil > now);

        Assert.False(await counter.UpdateAsync("A", c => Fail(c, clock.GetUtcNow()), Ct));
        Assert.False(await counter.UpdateAsync("B", c => Fail(c, clock.GetUtcNow()), Ct));
        Assert.True(await counter.UpdateAsync("C", c => Fail(c, clock.GetUtcNow()), Ct));
        Assert.Equal(2, counter.Count);

        clock.Advance(StatusLookupLimiter.Memory + TimeSpan.FromSeconds(1));
        Assert.False(await counter.UpdateAsync("C", c => Fail(c, clock.GetUtcNow()), Ct));
        Assert.Equal(1, counter.Count);
    }

    [Fact]
    public async Task LookUpAsync_Refused_SaysWhyOnTheCodeField_WithTheOfficesPhone_TheKioskInItsOwnWords()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var code = await SubmitAsync(database, clock, SampleAnswers.ForSelf());
        var lookup = Create(database, clock, new StatusLookupOptions { FailuresBeforeLock = 2 });
        await using var db = database.CreateDbContext();
        var office = await db.Municipalities.SingleAsync(Ct);

        Assert.Equal([new AnswerError("numer", "NotFound")], (await lookup.LookUpAsync(code, "9999", Home, Ct)).Errors, AnswerErrors);
        Assert.Equal([new AnswerError("numer", "CodeLocked", office.Phone, office.PhoneHours)], (await lookup.LookUpAsync(code, "9998", Home, Ct)).Errors, AnswerErrors);
        var locked = await lookup.LookUpAsync(TrackingCode.Format(code), "0200", Home, Ct);

        Assert.Null(locked.View);
        Assert.Equal(LookupRefusal.CodeLocked, locked.Refusal);
        Assert.Equal([new AnswerError("numer", "CodeLocked", office.Phone, office.PhoneHours)], locked.Errors, AnswerErrors);

        var kiosk = LookupCaller.Kiosk("biblioteka");
        var limited = Create(database, clock, new StatusLookupOptions { FailuresPerKioskPerHour = 1 });
        Assert.Equal([new AnswerError("numer", "NotFound")], (await limited.LookUpAsync(TrackingCode.NewCode(), "0200", kiosk, Ct)).Errors, AnswerErrors);
        Assert.Equal([new AnswerError("numer", "CallerLimited_Kiosk", office.Phone, office.PhoneHours)], (await limited.LookUpAsync(code, "0200", kiosk, Ct)).Errors, AnswerErrors);
    }

    private static LookupCaller Home { get; } = LookupCaller.Web("203.0.113.7");

    /// <summary>A look-up with the default limits on <paramref name="database"/>.</summary>
    internal static StatusLookup Create(TestDatabase database, TimeProvider? clock = null, StatusLookupOptions? options = null)
    {
        clock ??= new FakeClock();
        var limiter = new StatusLookupLimiter(new InMemoryStatusLookupCounter(clock), Options.Create(options ?? new StatusLookupOptions()), new AuditLog(database, clock), clock);
        return new StatusLookup(database, limiter);
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
