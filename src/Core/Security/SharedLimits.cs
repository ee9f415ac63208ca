using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Core.Security;

/// <summary>One caller's count in a fixed window (table <c>PublicLimits</c>): what it was allowed and what it was refused.</summary>
public sealed class PublicLimit
{
    /// <summary>What is counted and for whom, hashed (e.g. the form posts of one address): the table holds no address.</summary>
    public required string Key { get; set; }

    public DateTimeOffset WindowStart { get; set; }

    /// <summary>Tries allowed in this window.</summary>
    public int Used { get; set; }

    /// <summary>Tries refused in this window (the first refusal is worth an audit entry for a kiosk).</summary>
    public int Refused { get; set; }
}

/// <summary>One tracking code's wrong look-ups (table <c>StatusLookupCodes</c>), keyed by the code's hash.</summary>
public sealed class StatusLookupCode
{
    public required string Key { get; set; }

    public int Failures { get; set; }

    public DateTimeOffset LastFailure { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public int Locks { get; set; }
}

/// <summary>What a try against a fixed-window limit got.</summary>
public enum LimitOutcome
{
    Taken,

    /// <summary>Refused, for the first time in this window.</summary>
    RefusedFirst,
    Refused,
}

/// <summary>
/// The public limits kept in the database, so that on PostgreSQL every node counts the same tries: the form posts per
/// address (Abuse:PostsPerMinute), the wrong status look-ups per address and per kiosk, and each tracking code's wrong
/// tries and locks. On SQLite (one node) the limits stay in the process's memory as before (<see cref="IsShared"/> is
/// false) and nothing here is used. Each change of a count is one short transaction holding the count's advisory lock
/// (<see cref="DbLocks"/>), so tries on different nodes at the same moment are all counted. Keys are SHA-256 hashes:
/// the tables hold neither addresses nor the codes strangers tried. Rows whose window is long over are deleted now and
/// then by whichever node comes by.
/// </summary>
public sealed class SharedLimits(IDbContextFactory<AppDbContext> dbFactory, DatabaseSettings database, TimeProvider clock) : IStatusLookupCounter
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(10);

    // Rows older than this are no longer of use: windows are an hour at most, a code's record a day (StatusLookupLimiter.Memory).
    private static readonly TimeSpan Keep = StatusLookupLimiter.Memory + TimeSpan.FromHours(1);

    private long _nextSweep;

    /// <summary>Whether the limits are kept here (PostgreSQL) rather than in each process.</summary>
    public bool IsShared => !database.IsSqlite;

    /// <summary>One try under <paramref name="key"/>: taken while fewer than <paramref name="limit"/> were taken in the window.</summary>
    public async Task<LimitOutcome> TakeAsync(string key, int limit, TimeSpan window, CancellationToken ct = default)
    {
        var hashed = Hash("w:" + key);
        var now = clock.GetUtcNow();
        await SweepAsync(now, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.BeginLockedAsync("limit:" + hashed, ct);
        var row = await db.PublicLimits.FirstOrDefaultAsync(l => l.Key == hashed, ct);
        if (row is null)
        {
            row = new PublicLimit { Key = hashed, WindowStart = now };
            db.PublicLimits.Add(row);
        }
        else if (now - row.WindowStart >= window)
        {
            row.WindowStart = now;
            row.Used = 0;
            row.Refused = 0;
        }

        LimitOutcome outcome;
        if (row.Used < limit)
        {
            row.Used++;
            outcome = LimitOutcome.Taken;
        }
        else
        {
            row.Refused++;
            outcome = row.Refused == 1 ? LimitOutcome.RefusedFirst : LimitOutcome.Refused;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return outcome;
    }

    /// <summary>Gives one taken try under <paramref name="key"/> back (a look-up that proved right).</summary>
    public async Task GiveBackAsync(string key, CancellationToken ct = default)
    {
        var hashed = Hash("w:" + key);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.PublicLimits.Where(l => l.Key == hashed && l.Used > 0).ExecuteUpdateAsync(s => s.SetProperty(l => l.Used, l => l.Used - 1), ct);
    }

    /// <inheritdoc/>
    public async ValueTask<T> UpdateAsync<T>(string code, Func<CodeAttempts?, (CodeAttempts? Next, T Result)> change, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var hashed = Hash("c:" + code);
        await SweepAsync(clock.GetUtcNow(), ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.BeginLockedAsync("lookup-code:" + hashed, ct);
        var row = await db.StatusLookupCodes.FirstOrDefaultAsync(c => c.Key == hashed, ct);
        var (next, result) = change(row is null ? null : new CodeAttempts(row.Failures, row.LastFailure, row.LockedUntil, row.Locks));
        if (next is null)
        {
            if (row is not null)
            {
                db.StatusLookupCodes.Remove(row);
            }
        }
        else
        {
            if (row is null)
            {
                row = new StatusLookupCode { Key = hashed };
                db.StatusLookupCodes.Add(row);
            }

            row.Failures = next.Failures;
            row.LastFailure = next.LastFailure;
            row.LockedUntil = next.LockedUntil;
            row.Locks = next.Locks;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    // Now and then (at most every ten minutes per process) the rows nobody needs any more go.
    private async Task SweepAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweep, (now + SweepEvery).UtcTicks, due) != due)
        {
            return;
        }

        var before = now - Keep;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.PublicLimits.Where(l => l.WindowStart < before).ExecuteDeleteAsync(ct);
        await db.StatusLookupCodes.Where(c => c.LastFailure < before && (c.LockedUntil == null || c.LockedUntil < before)).ExecuteDeleteAsync(ct);
    }

    private static string Hash(string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLower(CultureInfo.InvariantCulture);
}
