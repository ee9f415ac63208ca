using Microsoft.Extensions.Logging.Abstractions;

namespace MobilnyUrzednik.Core.Data;

/// <summary>
/// The periodic jobs' leader: on SQLite (one node) the node leads at once; on PostgreSQL exactly one of two leads, and
/// when it stops cleanly the other leads within <see cref="JobLeader.RetryInterval"/> and a bit (the kill -9 case is
/// tests/Durability/NodesTests).
/// </summary>
[Trait("RunOnce", "true")]
public sealed class JobLeaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sqlite_LeadsAtOnce()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var leader = new JobLeader(database.Settings, NullLogger<JobLeader>.Instance);

        await leader.StartAsync(Ct);
        var term = await leader.WaitUntilLeaderAsync(Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.True(leader.IsLeader);
        Assert.False(term.IsCancellationRequested);
        await leader.StopAsync(Ct);
    }

    [Fact]
    public async Task Postgres_OneOfTwoLeads_AndTheOtherTakesOverWhenItStops()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        using var first = new JobLeader(database.Settings, NullLogger<JobLeader>.Instance);
        using var second = new JobLeader(database.Settings, NullLogger<JobLeader>.Instance);
        await first.StartAsync(Ct);
        await second.StartAsync(Ct);

        var one = await Task.WhenAny(first.WaitUntilLeaderAsync(Ct), second.WaitUntilLeaderAsync(Ct)).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var term = await one;
        var (leader, other) = first.IsLeader ? (first, second) : (second, first);
        Assert.True(leader.IsLeader);
        Assert.False(other.IsLeader);

        await leader.StopAsync(Ct);
        Assert.True(term.IsCancellationRequested, "the stopped leader's term did not end");
        await other.WaitUntilLeaderAsync(Ct).WaitAsync(JobLeader.RetryInterval * 3, Ct);
        Assert.True(other.IsLeader);
        Assert.False(leader.IsLeader);
        await other.StopAsync(Ct);
    }
}
