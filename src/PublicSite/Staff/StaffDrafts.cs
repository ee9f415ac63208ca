using System.Collections.Concurrent;

namespace MobilnyUrzednik.PublicSite.Staff;

/// <summary>
/// What a staff member had typed on a page when their session ended (a note for a resident, a phone request half
/// taken), kept in this server's memory for that staff member and page until they sign in again and the page takes it
/// back, for at most <see cref="KeptFor"/>. Never written to disk or logs: it may hold residents' data. (Sticky sessions
/// bring the staff member back to the same node; on another node the page simply opens empty.)
/// </summary>
public sealed class StaffDrafts(TimeProvider clock)
{
    /// <summary>How long typed input waits for its author to sign in again.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(2);

    private readonly ConcurrentDictionary<(string UserId, string Page), (DateTimeOffset At, IReadOnlyDictionary<string, string?> Values)> _kept = new();

    /// <summary>Keeps <paramref name="values"/> (field → text) typed by <paramref name="userId"/> on <paramref name="page"/> (its address).</summary>
    public void Keep(string userId, string page, IReadOnlyDictionary<string, string?> values)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, value) in _kept)
        {
            if (now - value.At > KeptFor)
            {
                _kept.TryRemove(key, out _);
            }
        }

        if (values.Any(v => !string.IsNullOrEmpty(v.Value)))
        {
            _kept[(userId, page)] = (now, values);
        }
    }

    /// <summary>Takes back what <paramref name="userId"/> had typed on <paramref name="page"/>, once; null when nothing waits.</summary>
    public IReadOnlyDictionary<string, string?>? Take(string userId, string page) =>
        _kept.TryRemove((userId, page), out var kept) && clock.GetUtcNow() - kept.At <= KeptFor ? kept.Values : null;
}
