using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Municipalities;

namespace MobilnyUrzednik.Core.Catalogue;

/// <summary>Read side of the catalogue and the municipality's settings, for the public pages.</summary>
public sealed class MatterCatalogue(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The matters offered now, in the catalogue's order with "Inna sprawa" last, with their checklists.</summary>
    public async Task<IReadOnlyList<Matter>> GetOfferedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var matters = await db.Matters.AsNoTracking()
            .Where(s => !s.IsRetired)
            .Include(s => s.Checklist.OrderBy(c => c.SortOrder))
            .OrderBy(s => s.IsOther).ThenBy(s => s.SortOrder)
            .ToListAsync(ct);
        return matters;
    }

    /// <summary>Every matter, retired ones last (for filters over old requests), without checklists.</summary>
    public async Task<IReadOnlyList<Matter>> GetAllAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Matters.AsNoTracking().OrderBy(s => s.IsRetired).ThenBy(s => s.IsOther).ThenBy(s => s.SortOrder).ToListAsync(ct);
    }

    /// <summary>The municipality's settings (there is always one row: seeded on first start).</summary>
    public async Task<MunicipalitySettings> GetMunicipalityAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Municipalities.AsNoTracking().OrderBy(m => m.Id).FirstAsync(ct);
    }
}
