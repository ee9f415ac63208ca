using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Office;

/// <summary>
/// A request as staff see it: everything the resident gave, its history and visits. Every read writes
/// one audit record (who, when, which request) before any of the data is returned.
/// </summary>
public sealed class RequestDetails(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit)
{
    /// <summary>The request with its matter (and checklist), history and visits (with clerks); null when there is none.</summary>
    public async Task<VisitRequest?> ReadAsync(StaffActor actor, int requestId, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ReadRequest);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.VisitRequests.AsNoTracking()
            .Include(r => r.Matter).ThenInclude(s => s!.Checklist)
            .Include(r => r.History.OrderBy(h => h.Id))
            .Include(r => r.Visits.OrderBy(v => v.Id)).ThenInclude(v => v.Clerk)
            .AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
        {
            return null;
        }

        audit.Add(db, actor, AuditActions.RequestRead, AuditLog.RequestSubject(requestId));
        await db.SaveChangesAsync(ct);
        return request;
    }
}
