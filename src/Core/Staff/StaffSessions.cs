using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Data;

namespace MobilnyUrzednik.Core.Staff;

/// <summary>One staff sign-in, from the password (and code) to its end. The sign-in cookie carries only its id.</summary>
public sealed class StaffSession
{
    /// <summary>A random id (256 bits), the "mu:sid" claim of the cookie.</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The last input seen (a page request, an event on an open page, a key press), kept to within 15 s.</summary>
    public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>When it was ended (signed out, timed out, password changed); null while it may still be open.</summary>
    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>Why a session is no longer open.</summary>
public enum SessionEnd
{
    /// <summary>It is open.</summary>
    None,

    /// <summary>No input for <see cref="StaffSecurityOptions.SessionTimeout"/>.</summary>
    Idle,

    /// <summary>Older than <see cref="StaffSecurityOptions.AbsoluteSessionLimit"/>.</summary>
    Absolute,

    /// <summary>Signed out, ended elsewhere, or never known.</summary>
    Ended,
}

/// <summary>A session as one check found it.</summary>
/// <param name="End">Why it is no longer open; <see cref="SessionEnd.None"/> while it is.</param>
/// <param name="IdleDeadline">When it ends if no input comes.</param>
/// <param name="AbsoluteDeadline">When it ends whatever happens.</param>
public sealed record SessionState(SessionEnd End, DateTimeOffset IdleDeadline, DateTimeOffset AbsoluteDeadline)
{
    public bool IsOpen => End == SessionEnd.None;

    /// <summary>The earlier of the two deadlines.</summary>
    public DateTimeOffset Deadline => IdleDeadline < AbsoluteDeadline ? IdleDeadline : AbsoluteDeadline;

    /// <summary>True when the absolute limit, not idleness, ends it first.</summary>
    public bool EndsByLimit => AbsoluteDeadline <= IdleDeadline;

    public static SessionState Closed { get; } = new(SessionEnd.Ended, DateTimeOffset.MinValue, DateTimeOffset.MinValue);
}

/// <summary>
/// Staff sessions kept on the server, so the idle timeout and the absolute limit hold whatever the browser does: an
/// open page whose script was blocked, a copied cookie, a tab left open. Every page request, every event on an open
/// interactive page and the page's activity reports go through <see cref="CheckAsync"/>; the sign-in cookie is only
/// the key. Sessions live in the database (several nodes, restarts), with a memory copy per node so a check usually
/// costs no query: activity is written at most every 15 s, and a copy older than 30 s is read again, so a session
/// ended on another node ends here within that time.
/// </summary>
public sealed class StaffSessions(
    IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IOptions<StaffSecurityOptions> options, ILogger<StaffSessions>? logger = null)
{
    private static readonly TimeSpan PersistEvery = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RereadAfter = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    private StaffSecurityOptions Limits => options.Value;

    /// <summary>Opens a session for a staff member who just signed in; returns its id.</summary>
    public async Task<string> StartAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // Sessions past any limit are of no use to anyone: each sign-in clears them away.
        var stale = now - Limits.AbsoluteSessionLimit - TimeSpan.FromDays(1);
        await db.StaffSessions.Where(s => s.StartedAt < stale).ExecuteDeleteAsync(ct);
        db.StaffSessions.Add(new StaffSession { Id = id, UserId = userId, StartedAt = now, LastActivityAt = now });
        await db.SaveChangesAsync(ct);
        _cache[id] = new Entry(userId, now, now, null, now) { Persisted = now };
        foreach (var (key, entry) in _cache)
        {
            if (State(entry, now).End != SessionEnd.None)
            {
                _cache.TryRemove(key, out _);
            }
        }

        return id;
    }

    /// <summary>
    /// Whether the session <paramref name="sessionId"/> of <paramref name="userId"/> is still open. With
    /// <paramref name="activity"/>, an open session counts this moment as input (its idle time starts again).
    /// </summary>
    /// <param name="sessionId">The "mu:sid" claim of the cookie.</param>
    /// <param name="userId">The account the cookie is for: a session opens nothing for another account.</param>
    /// <param name="activity">Count this moment as input.</param>
    /// <param name="ct">Cancels the database work.</param>
    /// <param name="quick">
    /// For the events of an open page: answer from this node's copy when it says "open" and read the database in the
    /// background when the copy is old, so that events are never held up (and so never overtake one another). A session
    /// ended on another node is then refused from the event after next; one ended here, at once.
    /// </param>
    public ValueTask<SessionState> CheckAsync(string? sessionId, string? userId, bool activity, CancellationToken ct = default, bool quick = false)
    {
        if (string.IsNullOrEmpty(sessionId) || string.IsNullOrEmpty(userId))
        {
            return ValueTask.FromResult(SessionState.Closed);
        }

        var now = clock.GetUtcNow();
        if (quick && _cache.TryGetValue(sessionId, out var known) && known.UserId == userId && State(known, now).IsOpen)
        {
            if (now - known.ReadAt >= RereadAfter && known.TryStartRefresh())
            {
                _ = InBackgroundAsync(() => ReadAsync(sessionId, known, now, CancellationToken.None));
            }

            if (activity && Touch(known, now))
            {
                _ = InBackgroundAsync(() => PersistAsync(sessionId, now));
            }

            return ValueTask.FromResult(State(known, now));
        }

        return CheckSlowAsync(sessionId, userId, activity, now, ct);
    }

    private async ValueTask<SessionState> CheckSlowAsync(string sessionId, string userId, bool activity, DateTimeOffset now, CancellationToken ct)
    {
        if (!_cache.TryGetValue(sessionId, out var entry) || now - entry.ReadAt >= RereadAfter)
        {
            entry = await ReadAsync(sessionId, entry, now, ct);
        }

        var state = entry is null || entry.UserId != userId ? SessionState.Closed : State(entry, now);
        if (state.End == SessionEnd.Idle && entry!.ReadAt < now)
        {
            // Input may have reached another node of the site: ask the database before ending anything.
            entry = await ReadAsync(sessionId, entry, now, ct);
            state = entry is null ? SessionState.Closed : State(entry, now);
        }

        if (state.IsOpen && activity && Touch(entry!, now))
        {
            await PersistAsync(sessionId, now);
        }

        return state.IsOpen ? State(entry!, now) : state;
    }

    // Counts input now; true when it is time to write it to the database (at most every 15 s).
    private static bool Touch(Entry entry, DateTimeOffset now)
    {
        lock (entry)
        {
            entry.LastActivity = now;
            if (now - entry.Persisted < PersistEvery)
            {
                return false;
            }

            entry.Persisted = now;
            return true;
        }
    }

    private async Task PersistAsync(string sessionId, DateTimeOffset now)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.StaffSessions.Where(s => s.Id == sessionId && s.LastActivityAt < now)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastActivityAt, now));
    }

    private async Task InBackgroundAsync(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or OperationCanceledException)
        {
            // The next check reads and writes again; nothing of a person's data is in the message.
            logger?.LogWarning("A staff session's activity could not be read or written in the background: {Error}", ex.GetType().Name);
        }
    }

    /// <summary>Ends one session (sign-out, time-out).</summary>
    public async Task EndAsync(string? sessionId, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(sessionId, out var entry))
        {
            entry.Ended = now;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.StaffSessions.Where(s => s.Id == sessionId && s.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), ct);
    }

    /// <summary>Ends every session of a staff member but <paramref name="exceptSessionId"/> (a new password, a disabled account).</summary>
    public async Task EndAllAsync(string userId, string? exceptSessionId = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, entry) in _cache)
        {
            if (entry.UserId == userId && key != exceptSessionId)
            {
                entry.Ended = now;
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.StaffSessions.Where(s => s.UserId == userId && s.Id != exceptSessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), ct);
    }

    private SessionState State(Entry entry, DateTimeOffset now)
    {
        DateTimeOffset last;
        lock (entry)
        {
            last = entry.LastActivity;
        }

        var idle = last + Limits.SessionTimeout;
        var absolute = entry.StartedAt + Limits.AbsoluteSessionLimit;
        var end = entry.Ended is not null ? SessionEnd.Ended
            : now >= absolute ? SessionEnd.Absolute
            : now >= idle ? SessionEnd.Idle
            : SessionEnd.None;
        return new SessionState(end, idle, absolute);
    }

    private async Task<Entry?> ReadAsync(string sessionId, Entry? known, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.StaffSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (row is null)
        {
            _cache.TryRemove(sessionId, out _);
            return null;
        }

        // This node's own input may be newer than what it has written so far.
        var last = known is null || row.LastActivityAt > known.LastActivity ? row.LastActivityAt : known.LastActivity;
        var entry = new Entry(row.UserId, row.StartedAt, last, row.EndedAt ?? known?.Ended, now) { Persisted = row.LastActivityAt };
        _cache[sessionId] = entry;
        return entry;
    }

    private sealed class Entry(string userId, DateTimeOffset startedAt, DateTimeOffset lastActivity, DateTimeOffset? ended, DateTimeOffset readAt)
    {
        public string UserId { get; } = userId;
        public DateTimeOffset StartedAt { get; } = startedAt;
        public DateTimeOffset LastActivity { get; set; } = lastActivity;
        public DateTimeOffset Persisted { get; set; }
        public DateTimeOffset? Ended { get; set; } = ended;
        public DateTimeOffset ReadAt { get; } = readAt;

        private int _refreshing;

        /// <summary>True for the one caller that may read this copy again in the background.</summary>
        public bool TryStartRefresh() => Interlocked.Exchange(ref _refreshing, 1) == 0;
    }
}
