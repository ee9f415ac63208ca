using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Requests;

/// <summary>Limits of the public status look-up (section "StatusLookup").</summary>
public sealed class StatusLookupOptions
{
    public const string Section = "StatusLookup";

    /// <summary>Wrong digit pairs for one tracking code before the code is locked (from any address, on any device).</summary>
    public int FailuresBeforeLock { get; set; } = 5;

    /// <summary>Length of a code's first lock, in minutes; each further lock in a row lasts twice as long…</summary>
    public int LockMinutes { get; set; } = 60;

    /// <summary>…up to this many hours.</summary>
    public int MaxLockHours { get; set; } = 24;

    /// <summary>Wrong look-ups one address (an IPv6 /64) may make in an hour on the public site.</summary>
    public int FailuresPerAddressPerHour { get; set; } = 20;

    /// <summary>Wrong look-ups one kiosk may make in an hour.</summary>
    public int FailuresPerKioskPerHour { get; set; } = 20;
}

/// <summary>Who is looking a code up: an address bucket on the website (see <see cref="Security.ClientAddress"/>) or a kiosk.</summary>
public sealed record LookupCaller(string Partition, bool IsKiosk)
{
    public static LookupCaller Web(string addressPartition) => new("adres:" + addressPartition, IsKiosk: false);

    public static LookupCaller Kiosk(string deviceId) => new("kiosk:" + deviceId, IsKiosk: true);
}

/// <summary>Why a look-up was not even tried.</summary>
public enum LookupRefusal
{
    /// <summary>The code had too many wrong digit pairs: it is locked for a while (said the same for codes that do not exist).</summary>
    CodeLocked,

    /// <summary>This address or kiosk had too many wrong look-ups this hour.</summary>
    CallerLimited,
}

/// <summary>
/// Makes the status look-up impossible to brute-force: every tracking code allows <see cref="StatusLookupOptions.FailuresBeforeLock"/>
/// wrong digit pairs, then is locked (first for <see cref="StatusLookupOptions.LockMinutes"/>, each lock in a row twice
/// as long, up to <see cref="StatusLookupOptions.MaxLockHours"/>), however many addresses the tries come from; and every
/// address (IPv6: its /64) or kiosk has an hourly budget of wrong look-ups. A try is claimed (counted as wrong until
/// it proves right) before the database is asked, and the tries of one code take turns, so parallel tries cannot slip
/// past the count while right ones never add up to a lock. (Several nodes sharing the counter would each let one try
/// of a code run at a time: the claim still counts them.) A lock is written to the audit log (no address, no digits).
/// Codes that do not exist are counted and locked exactly like real ones, so a lock tells nothing about a code.
/// </summary>
/// <remarks>On PostgreSQL (<paramref name="shared"/> given and shared) the per-code records and the callers' hourly budgets
/// are in the database, counted by every node together; on SQLite they are in this process.</remarks>
public sealed class StatusLookupLimiter(IStatusLookupCounter counter, IOptions<StatusLookupOptions> options, AuditLog audit, TimeProvider clock, Security.SharedLimits? shared = null)
{
    /// <summary>A code whose last failure or lock ended this long ago starts afresh (its next lock is again the first).</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromDays(1);

    /// <summary>Who the audit log names for a lock.</summary>
    public static StaffActor Actor { get; } = new("system", "Ochrona sprawdzania statusu", []);

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly CallerBudget _callers = new(clock);

    // Look-ups of one code take turns in this process (codes share 1,024 turnstiles by hash): each try is decided
    // knowing how the one before it ended, so right answers at once never add up to a lock, and parallel wrong ones
    // cannot all be checked before the first is counted.
    private readonly SemaphoreSlim[] _turns = [.. Enumerable.Range(0, 1024).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Waits for this code's turn; dispose the result when the look-up (claim, check, outcome) is done.</summary>
    public async Task<IDisposable> TakeTurnAsync(string code, CancellationToken ct = default)
    {
        var turn = _turns[(uint)StringComparer.Ordinal.GetHashCode(code) % (uint)_turns.Length];
        await turn.WaitAsync(ct);
        return new Turn(turn);
    }

    /// <summary>A claimed try: null refusal means go ahead and check the pair.</summary>
    public readonly record struct Claim(LookupRefusal? Refusal, bool LocksCode, DateTimeOffset? LockedUntil);

    /// <summary>Claims one try of <paramref name="code"/> for <paramref name="caller"/> (counted as a failure until it succeeds).</summary>
    public async Task<Claim> ClaimAsync(string code, LookupCaller caller, CancellationToken ct = default)
    {
        var o = options.Value;
        var budget = caller.IsKiosk ? o.FailuresPerKioskPerHour : o.FailuresPerAddressPerHour;
        var callerClaim = shared is { IsShared: true }
            ? await shared.TakeAsync(CallerKey(caller), budget, Hour, ct) switch
            {
                Security.LimitOutcome.Taken => CallerBudget.Outcome.Taken,
                Security.LimitOutcome.RefusedFirst => CallerBudget.Outcome.RefusedFirst,
                _ => CallerBudget.Outcome.Refused,
            }
            : _callers.TryTake(caller.Partition, budget);
        if (callerClaim != CallerBudget.Outcome.Taken)
        {
            if (callerClaim == CallerBudget.Outcome.RefusedFirst && caller.IsKiosk)
            {
                // A kiosk that used up its hour is worth an administrator's look (a device id is not personal data;
                // an address would be, so the website's address budget is not audited).
                await audit.RecordAsync(Actor, AuditActions.StatusLookupLimited, null, caller.Partition, ct);
            }

            Common.Telemetry.LookupsRefused.Add(1, new KeyValuePair<string, object?>("reason", nameof(LookupRefusal.CallerLimited)));
            return new Claim(LookupRefusal.CallerLimited, false, null);
        }

        var now = clock.GetUtcNow();
        var claim = await counter.UpdateAsync(code, current =>
        {
            if (current?.LockedUntil is { } until && until > now)
            {
                return (current, new Claim(LookupRefusal.CodeLocked, false, until));
            }

            // A quiet code forgets its past failures and locks.
            var fresh = current is null || now - Latest(current) > Memory;
            var failures = (fresh ? 0 : current!.Failures) + 1;
            var locks = fresh ? 0 : current!.Locks;
            if (failures < o.FailuresBeforeLock)
            {
                return (new CodeAttempts(failures, now, fresh ? null : current!.LockedUntil, locks), new Claim(null, false, null));
            }

            var lockedUntil = now + LockLength(locks + 1, o);
            return (new CodeAttempts(0, now, lockedUntil, locks + 1), new Claim(null, true, lockedUntil));
        }, ct);

        if (claim.Refusal is not null)
        {
            Common.Telemetry.LookupsRefused.Add(1, new KeyValuePair<string, object?>("reason", claim.Refusal.ToString()));
            await GiveBackAsync(caller, ct);
        }

        return claim;
    }

    /// <summary>The pair matched: the code's failures and locks are forgotten, and the caller's try is given back.</summary>
    public async Task SucceededAsync(string code, LookupCaller caller, CancellationToken ct = default)
    {
        await GiveBackAsync(caller, ct);
        await counter.UpdateAsync(code, _ => ((CodeAttempts?)null, true), ct);
    }

    /// <summary>The pair did not match; when this try locked the code, the lock goes to the audit log.</summary>
    public async Task FailedAsync(Claim claim, LookupCaller caller, int? requestId, CancellationToken ct = default)
    {
        if (claim.LocksCode && claim.LockedUntil is { } until)
        {
            var minutes = (int)Math.Round((until - clock.GetUtcNow()).TotalMinutes);
            await audit.RecordAsync(
                Actor,
                AuditActions.StatusLookupLocked,
                requestId is { } id ? AuditLog.RequestSubject(id) : null,
                $"{(caller.IsKiosk ? caller.Partition : "strona")}; blokada na {minutes} min{(requestId is null ? "; numer nie istnieje" : string.Empty)}",
                ct);
        }
    }

    /// <summary>The <paramref name="lockNumber"/>-th lock in a row: the first lasts LockMinutes, each next one twice the one before, up to MaxLockHours.</summary>
    public static TimeSpan LockLength(int lockNumber, StatusLookupOptions o)
    {
        var minutes = o.LockMinutes * Math.Pow(2, Math.Clamp(lockNumber - 1, 0, 30));
        return TimeSpan.FromMinutes(Math.Min(minutes, o.MaxLockHours * 60.0));
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }
        }
    }

    private async Task GiveBackAsync(LookupCaller caller, CancellationToken ct)
    {
        if (shared is { IsShared: true })
        {
            await shared.GiveBackAsync(CallerKey(caller), ct);
        }
        else
        {
            _callers.GiveBack(caller.Partition);
        }
    }

    private static string CallerKey(LookupCaller caller) => "status-lookup:" + caller.Partition;

    private static DateTimeOffset Latest(CodeAttempts a) => a.LockedUntil is { } until && until > a.LastFailure ? until : a.LastFailure;

    /// <summary>
    /// Each caller's wrong look-ups in its current hour (a fixed window from its first try), in this process, for at
    /// most <see cref="Capacity"/> callers: when the table is full of live windows a new caller is not counted (the
    /// per-code lock still holds, so nothing opens up).
    /// </summary>
    private sealed class CallerBudget(TimeProvider clock)
    {
        public const int Capacity = 100_000;

        public enum Outcome
        {
            Taken,

            /// <summary>Refused, for the first time in this window.</summary>
            RefusedFirst,
            Refused,
        }

        private readonly Dictionary<string, (DateTimeOffset Start, int Used, bool Refused)> _windows = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public Outcome TryTake(string partition, int budget)
        {
            var now = clock.GetUtcNow();
            lock (_gate)
            {
                if (!_windows.TryGetValue(partition, out var window) || now - window.Start >= Hour)
                {
                    if (_windows.Count >= Capacity)
                    {
                        foreach (var (key, old) in _windows.ToList())
                        {
                            if (now - old.Start >= Hour)
                            {
                                _windows.Remove(key);
                            }
                        }

                        if (_windows.Count >= Capacity)
                        {
                            return Outcome.Taken;
                        }
                    }

                    window = (now, 0, false);
                }

                if (window.Used >= budget)
                {
                    _windows[partition] = window with { Refused = true };
                    return window.Refused ? Outcome.Refused : Outcome.RefusedFirst;
                }

                _windows[partition] = window with { Used = window.Used + 1 };
                return Outcome.Taken;
            }
        }

        public void GiveBack(string partition)
        {
            lock (_gate)
            {
                if (_windows.TryGetValue(partition, out var window) && window.Used > 0)
                {
                    _windows[partition] = window with { Used = window.Used - 1 };
                }
            }
        }
    }
}

/// <summary>Registers the status look-up and its limits.</summary>
public static class StatusLookupExtensions
{
    public static IHostApplicationBuilder AddStatusLookup(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StatusLookupOptions>()
            .Bind(builder.Configuration.GetSection(StatusLookupOptions.Section))
            .Validate(o => o.FailuresBeforeLock >= 1 && o.FailuresPerAddressPerHour >= 1 && o.FailuresPerKioskPerHour >= 1, "StatusLookup: FailuresBeforeLock, FailuresPerAddressPerHour and FailuresPerKioskPerHour must be at least 1.")
            .Validate(o => o.LockMinutes >= 1 && o.MaxLockHours * 60 >= o.LockMinutes, "StatusLookup: LockMinutes must be at least 1 and no longer than MaxLockHours.")
            .ValidateOnStart();
        // On PostgreSQL the nodes count together (in the database); on SQLite's one node, in memory.
        builder.Services.TryAddSingleton<Security.SharedLimits>();
        builder.Services.AddSingleton<IStatusLookupCounter>(sp => sp.GetRequiredService<Security.SharedLimits>() is { IsShared: true } shared
            ? shared
            : new InMemoryStatusLookupCounter(sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<StatusLookupLimiter>();
        builder.Services.AddSingleton<StatusLookup>();
        return builder;
    }
}
