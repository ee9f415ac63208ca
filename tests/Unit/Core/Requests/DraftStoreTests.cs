using Microsoft.EntityFrameworkCore;

namespace MobilnyUrzednik.Core.Requests;

public class DraftStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_TwoDrafts_DifferentUnguessableKeys()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new DraftStore(database, new FakeClock());

        var first = await store.CreateAsync(Ct);
        var second = await store.CreateAsync(Ct);

        Assert.NotEqual(first, second);
        foreach (var key in new[] { first, second })
        {
            // 128 random bits in base64url: 22 characters safe in a cookie and a URL.
            Assert.Equal(22, key.Length);
            Assert.All(key, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' in {key}"));
        }
    }

    [Fact]
    public async Task LoadAsync_NewDraft_HasNoAnswersAndIsNotSent()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new DraftStore(database, new FakeClock());
        var key = await store.CreateAsync(Ct);

        var draft = await store.LoadAsync(key, Ct);

        Assert.NotNull(draft);
        Assert.Equal(key, draft.Key);
        Assert.Null(draft.SubmittedRequestId);
        Assert.Null(draft.Answers.ResidentName);
        Assert.Empty(draft.Answers.Answered);
    }

    [Fact]
    public async Task SaveAsync_Answers_ComeBackExactlyAsTyped()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new DraftStore(database, new FakeClock());
        var key = await store.CreateAsync(Ct);
        var answers = SampleAnswers.ForNeighbour();
        answers.PostalCode = "00-95a";

        Assert.True(await store.SaveAsync(key, answers, Ct));
        var draft = await store.LoadAsync(key, Ct);

        Assert.NotNull(draft);
        Assert.Equal(DraftStore.Serialize(answers), DraftStore.Serialize(draft.Answers));
        Assert.Equal("00-95a", draft.Answers.PostalCode);
        Assert.Equal("  Anna   Nowak-Kowalska ", draft.Answers.ResidentName);
        Assert.Equal(RequestJourney.Steps, draft.Answers.Answered.Order());
    }

    [Fact]
    public async Task SaveAsync_UnknownKey_IsFalse()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new DraftStore(database, new FakeClock());

        Assert.False(await store.SaveAsync("nie-ma-takiego-klucza", SampleAnswers.ForSelf(), Ct));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("nie-ma-takiego-klucza")]
    public async Task LoadAsync_NoSuchDraft_IsNull(string? key)
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new DraftStore(database, new FakeClock());
        await store.CreateAsync(Ct);

        Assert.Null(await store.LoadAsync(key, Ct));
    }

    [Fact]
    public async Task LoadAsync_OverlongKey_IsNull()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new DraftStore(database, new FakeClock());

        Assert.Null(await store.LoadAsync(new string('a', 65), Ct));
    }

    [Fact]
    public async Task LoadAsync_UntouchedFor25Hours_IsNotLoaded()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var store = new DraftStore(database, clock);
        var key = await store.CreateAsync(Ct);
        await store.SaveAsync(key, SampleAnswers.ForSelf(), Ct);

        clock.Advance(TimeSpan.FromHours(23));
        Assert.NotNull(await store.LoadAsync(key, Ct));

        clock.Advance(TimeSpan.FromHours(2));
        Assert.Null(await store.LoadAsync(key, Ct));
    }

    [Fact]
    public async Task SaveAsync_EachSave_KeepsTheDraftAliveAnotherDay()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var store = new DraftStore(database, clock);
        var key = await store.CreateAsync(Ct);

        clock.Advance(TimeSpan.FromHours(20));
        Assert.True(await store.SaveAsync(key, SampleAnswers.ForSelf(), Ct));
        clock.Advance(TimeSpan.FromHours(20));

        Assert.NotNull(await store.LoadAsync(key, Ct));
    }

    [Fact]
    public async Task CreateAsync_AfterADay_RemovesExpiredDraftsWithTheirPersonalData()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var store = new DraftStore(database, clock);
        var old = await store.CreateAsync(Ct);
        await store.SaveAsync(old, SampleAnswers.ForSelf(), Ct);

        clock.Advance(TimeSpan.FromHours(25));
        var fresh = await store.CreateAsync(Ct);

        await using var db = database.CreateDbContext();
        Assert.Equal([fresh], await db.RequestDrafts.Select(d => d.Key).ToListAsync(Ct));
    }

    [Fact]
    public async Task DeleteAsync_Draft_IsGone()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new DraftStore(database, new FakeClock());
        var key = await store.CreateAsync(Ct);
        await store.SaveAsync(key, SampleAnswers.ForSelf(), Ct);

        await store.DeleteAsync(key, Ct);

        Assert.Null(await store.LoadAsync(key, Ct));
        Assert.False(await store.SaveAsync(key, SampleAnswers.ForSelf(), Ct));
    }
}
