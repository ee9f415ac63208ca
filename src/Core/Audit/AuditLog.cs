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

    /// <summary>The subject string for a request: "request:42".</summary>
    public static string RequestSubject(int requestId) => $"request:{requestId}";
}
