using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Audit;

/// <summary>
/// Writes the audit log. A change writes its entry in the same SaveChanges as the change itself
/// (<see cref="Add"/>); a read writes its own (<see cref="RecordAsync"/>) before the data is shown.
/// </summary>
public sealed class AuditLog(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Adds an entry to <paramref name="db"/>'s pending changes; the caller saves.</summary>
    public AuditEntry Add(AppDbContext db, StaffActor actor, string action, string? subject, string? detail = null)
    {
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorId = actor.UserId,
            ActorName = actor.DisplayName,
            Action = action,
            Subject = subject,
            Detail = detail,
        };
        db.AuditLog.Add(entry);
        return entry;
    }

    /// <summary>Writes one entry on its own, e.g. for a read.</summary>
    public async Task RecordAsync(StaffActor actor, string action, string? subject, string? detail = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Add(db, actor, action, subject, detail);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Writes one entry per subject a list showed (e.g. "request:42" for each row), in one save, before the list is
    /// returned. One entry per request, not one per list, so that filtering the log by a request answers "who has seen
    /// this resident's data" for the lists too. Subjects and the detail carry ids only, never what was shown or searched.
    /// </summary>
    public async Task RecordReadsAsync(StaffActor actor, string action, IEnumerable<string> subjects, string? detail = null, CancellationToken ct = default)
    {
        var distinct = subjects.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var subject in distinct)
        {
            Add(db, actor, action, subject, detail);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The subject string for a request: "request:42".</summary>
    public static string RequestSubject(int requestId) => $"request:{requestId}";
}
