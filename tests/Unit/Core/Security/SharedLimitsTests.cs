using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Core.Security;

/// <summary>
/// The public limits kept in the database: two stores over one database stand for two nodes, and they count together
/// (on either engine; the apps use them on PostgreSQL only, where <see cref="SharedLimits.IsShared"/> is true).
/// </summary>
public sealed class SharedLimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoNodes_CountOneWindowTogether_RefusalsSaidFirstOnce_GiveBackAndNewWindow()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var node1 = new SharedLimits(database, database.Settings, clock);
        var node2 = new SharedLimits(database, database.Settings, clock);
        Assert.Equal(database.Provider == DatabaseProvider.Postgres, node1.IsShared);

        var window = TimeSpan.FromMinutes(1);
        Assert.Equal(LimitOutcome.Taken, await node1.TakeAsync("posts:203.0.113.7", 3, window, Ct));
        Assert.Equal(LimitOutcome.Taken, await node2.TakeAsync("posts:203.0.113.7", 3, window, Ct));
        Assert.Equal(LimitOutcome.Taken, await node1.TakeAsync("posts:203.0.113.7", 3, window, Ct));
        Assert.Equal(LimitOutcome.RefusedFirst, await node2.TakeAsync("posts:203.0.113.7", 3, window, Ct));
        Assert.Equal(LimitOutcome.Refused, await node1.TakeAsync("posts:203.0.113.7", 3, window, Ct));

        // Another address has a count of its own.
        Assert.Equal(LimitOutcome.Taken, await node2.TakeAsync("posts:203.0.113.8", 3, window, Ct));

        // A try given back (a look-up that proved right) can be taken again, on any node.
        await node1.GiveBackAsync("posts:203.0.113.7", Ct);
        Assert.Equal(LimitOutcome.Taken, await node2.TakeAsync("posts:203.0.113.7", 3, window, Ct));
        Assert.NotEqual(LimitOutcome.Taken, await node1.TakeAsync("posts:203.0.113.7", 3, window, Ct));

        clock.Advance(window);
        Assert.Equal(LimitOutcome.Taken, await node1.TakeAsync("posts:203.0.113.7", 3, window, Ct));

        // Nothing stored names the address.
        await using var db = database.CreateDbContext();
        Assert.DoesNotContain(db.PublicLimits, l => l.Key.Contains("203.0.113", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoNodes_ManyTriesAtOnce_EachCountedOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        SharedLimits[] nodes = [new(database, database.Settings, clock), new(database, database.Settings, clock)];

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => nodes[i % 2].TakeAsync("status-lookup:adres:198.51.100.4", 10, TimeSpan.FromHours(1), Ct)));

        Assert.Equal(10, outcomes.Count(o => o == LimitOutcome.Taken));
        Assert.Equal(1, outcomes.Count(o => o == LimitOutcome.RefusedFirst));

        // A code's record: read, changed and written as one step, whichever node tries.
        var counts = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => nodes[i % 2].UpdateAsync("K7P4QX9M", current =>
        {
            var next = new CodeAttempts((current?.Failures ?? 0) + 1, clock.GetUtcNow(), null, 0);
            return ((CodeAttempts?)next, next.Failures);
        }, Ct).AsTask()));
        Assert.Equal(Enumerable.Range(1, 16), counts.Order());

        // Forgotten (null) after a right pair; the table holds the code's hash only.
        Assert.True(await nodes[0].UpdateAsync("K7P4QX9M", current => ((CodeAttempts?)null, current is not null), Ct));
        Assert.False(await nodes[1].UpdateAsync("K7P4QX9M", current => (current, current is not null), Ct));
    }

    [Fact]
    public async Task StatusLookupLimiter_OnTwoNodes_LocksTheCodeAfterTheTriesOfBothTogether()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var options = Microsoft.Extensions.Options.Options.Create(new StatusLookupOptions { FailuresBeforeLock = 3 });
        StatusLookupLimiter Node()
        {
            var shared = new SharedLimits(database, database.Settings, clock);
            return new StatusLookupLimiter(shared, options, new Audit.AuditLog(database, clock), clock, shared);
        }

        var node1 = Node();
        var node2 = Node();
        var caller = LookupCaller.Web("203.0.113.9");
        var first = await node1.ClaimAsync("K7P4QX9M", caller, Ct);
        Assert.Null(first.Refusal);
        Assert.Null((await node2.ClaimAsync("K7P4QX9M", caller, Ct)).Refusal);
        var third = await node1.ClaimAsync("K7P4QX9M", caller, Ct);
        Assert.True(third.LocksCode);

        // Node 2 never saw three tries itself, yet the code is locked there too.
        Assert.Equal(LookupRefusal.CodeLocked, (await node2.ClaimAsync("K7P4QX9M", caller, Ct)).Refusal);
    }
}
