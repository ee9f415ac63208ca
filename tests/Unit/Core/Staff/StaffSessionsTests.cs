using Microsoft.Extensions.Options;

namespace MobilnyUrzednik.Core.Staff;

public sealed class StaffSessionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TestDatabase Database, FakeClock Clock, StaffSessions Sessions, string UserId)> ArrangeAsync()
    {
        var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        await using (var db = database.CreateDbContext())
        {
            db.Users.Add(new StaffUser { Id = "anna", UserName = "anna@gmina.pl", DisplayName = "Anna Kowalska" });
            await db.SaveChangesAsync(Ct);
        }

        return (database, clock, new StaffSessions(database, clock, Options.Create(new StaffSecurityOptions())), "anna");
    }

    [Fact]
    public async Task ASession_EndsAfterThirtyMinutesWithoutInput_AndInputKeepsItOpen()
    {
        var (database, clock, sessions, user) = await ArrangeAsync();
        await using var _ = database;
        var id = await sessions.StartAsync(user, Ct);

        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.True((await sessions.CheckAsync(id, user, activity: true, Ct)).IsOpen);
        clock.Advance(TimeSpan.FromMinutes(29));
        var state = await sessions.CheckAsync(id, user, activity: false, Ct);
        Assert.True(state.IsOpen);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(1), state.IdleDeadline);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(SessionEnd.Idle, (await sessions.CheckAsync(id, user, activity: true, Ct)).End);
    }

    [Fact]
    public async Task ASession_EndsTwelveHoursAfterSignIn_HoweverActive()
    {
        var (database, clock, sessions, user) = await ArrangeAsync();
        await using var _ = database;
        var id = await sessions.StartAsync(user, Ct);
        for (var i = 0; i < 12 * 3 - 1; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.True((await sessions.CheckAsync(id, user, activity: true, Ct)).IsOpen);
        }

        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(SessionEnd.Absolute, (await sessions.CheckAsync(id, user, activity: true, Ct)).End);
    }

    [Fact]
    public async Task InputSeenByAnotherNode_KeepsTheSessionOpenHereToo()
    {
        var (database, clock, sessions, user) = await ArrangeAsync();
        await using var _ = database;
        var other = new StaffSessions(database, clock, Options.Create(new StaffSecurityOptions()));
        var id = await sessions.StartAsync(user, Ct);

        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.True((await other.CheckAsync(id, user, activity: true, Ct)).IsOpen);
        clock.Advance(TimeSpan.FromMinutes(20));

        Assert.True((await sessions.CheckAsync(id, user, activity: false, Ct)).IsOpen);
    }

    [Fact]
    public async Task EndedSessions_StayEnded_OnEveryNode_AndAnotherUsersIdOpensNothing()
    {
        var (database, clock, sessions, user) = await ArrangeAsync();
        await using var _ = database;
        var other = new StaffSessions(database, clock, Options.Create(new StaffSecurityOptions()));
        var first = await sessions.StartAsync(user, Ct);
        var second = await sessions.StartAsync(user, Ct);
        Assert.True((await other.CheckAsync(first, user, activity: true, Ct)).IsOpen);

        Assert.False((await sessions.CheckAsync(first, "someone-else", activity: true, Ct)).IsOpen);
        Assert.False((await sessions.CheckAsync("made-up", user, activity: true, Ct)).IsOpen);

        await sessions.EndAllAsync(user, exceptSessionId: second, Ct);
        Assert.Equal(SessionEnd.Ended, (await sessions.CheckAsync(first, user, activity: true, Ct)).End);
        Assert.True((await sessions.CheckAsync(second, user, activity: true, Ct)).IsOpen);

        // The other node's copy is read again within half a minute.
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(SessionEnd.Ended, (await other.CheckAsync(first, user, activity: true, Ct)).End);

        await sessions.EndAsync(second, Ct);
        Assert.False((await sessions.CheckAsync(second, user, activity: true, Ct)).IsOpen);
    }

    [Fact]
    public async Task AQuickCheck_AnswersFromMemory_ButASessionEndedHereIsRefusedAtOnce()
    {
        var (database, clock, sessions, user) = await ArrangeAsync();
        await using var _ = database;
        var id = await sessions.StartAsync(user, Ct);

        var quick = sessions.CheckAsync(id, user, activity: true, Ct, quick: true);
        Assert.True(quick.IsCompletedSuccessfully);
        Assert.True((await quick).IsOpen);

        await sessions.EndAsync(id, Ct);
        Assert.Equal(SessionEnd.Ended, (await sessions.CheckAsync(id, user, activity: true, Ct, quick: true)).End);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(SessionEnd.Ended, (await sessions.CheckAsync(id, user, activity: true, Ct, quick: true)).End);
    }
}
