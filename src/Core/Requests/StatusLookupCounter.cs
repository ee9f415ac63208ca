namespace MobilnyUrzednik.Core.Requests;

/// <summary>
/// What is remembered about one tracking code's look-ups: the wrong digit pairs since the last success or lock, when
/// the last one came, until when the code is locked, and how many locks in a row it has had (each lasts twice the one
/// before). Nothing about who tried.
/// </summary>
public sealed record CodeAttempts(int Failures, DateTimeOffset LastFailure, DateTimeOffset? LockedUntil, int Locks);

/// <summary>
/// Where the per-code counts live. In-process today (<see cref="InMemoryStatusLookupCounter"/>); a store shared by
/// several nodes implements the same one operation, an atomic read-modify-write of one code's record.
/// </summary>
public interface IStatusLookupCounter
{
    /// <summary>
    /// Atomically replaces the record of <paramref name="code"/> with what <paramref name="change"/> makes of it (null
    /// in: no record yet; null out: forget it) and returns the change's result. <paramref name="change"/> may be called
    /// more than once (an optimistic store retries), so it must have no side effects.
    /// </summary>
    ValueTask<T> UpdateAsync<T>(string code, Func<CodeAttempts?, (CodeAttempts? Next, T Result)> change, CancellationToken ct = default);
}

/// <summary>
/// The per-code counts in this process's memory, bounded: at most <paramref name="capacity"/> codes are tracked. When
/// full, records that no longer matter (quiet for a day: no lock in force, no failure) are swept; if the table is still
/// full, a new code is treated as locked (refusing a look-up is the safe side) until room frees up.
/// </summary>
public sealed class InMemoryStatusLookupCounter(TimeProvider clock, int capacity = InMemoryStatusLookupCounter.DefaultCapacity) : IStatusLookupCounter
{
    public const int DefaultCapacity = 100_000;

    private readonly Dictionary<string, CodeAttempts> _records = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>How many codes are tracked now (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    public ValueTask<T> UpdateAsync<T>(string code, Func<CodeAttempts?, (CodeAttempts? Next, T Result)> change, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var exists = _records.TryGetValue(code, out var current);
            if (!exists && _records.Count >= capacity)
            {
                Sweep();
                if (_records.Count >= capacity)
                {
                    // Full of live records: answer as if this code were locked (never as if unlimited).
                    current = new CodeAttempts(0, clock.GetUtcNow(), DateTimeOffset.MaxValue, 0);
                    return ValueTask.FromResult(change(current).Result);
                }
            }

            var (next, result) = change(current);
            if (next is null)
            {
                _records.Remove(code);
            }
            else
            {
                _records[code] = next;
            }

            return ValueTask.FromResult(result);
        }
    }

    private void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, record) in _records.ToList())
        {
            var quietSince = record.LockedUntil is { } until && until > record.LastFailure ? until : record.LastFailure;
            if (now - quietSince > StatusLookupLimiter.Memory)
            {
                _records.Remove(key);
            }
        }
    }
}
