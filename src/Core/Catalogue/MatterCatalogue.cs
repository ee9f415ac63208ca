using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Municipalities;

namespace MobilnyUrzednik.Core.Catalogue;

/// <summary>
/// Read side of the catalogue and the municipality's settings, for the public pages. Every page shows them, and they
/// change a few times a year, so they are read once (three queries on one connection) and kept in memory until
/// <see cref="ReferenceDataChanges"/> says they changed, and at most <see cref="ReferenceDataChanges.MaxAge"/>
/// (another process's change is not seen here); made without one, it reads the database every time. The objects
/// handed out are shared between page views: callers only read them.
/// </summary>
public sealed class MatterCatalogue(IDbContextFactory<AppDbContext> dbFactory, ReferenceDataChanges? changes = null, TimeProvider? clock = null)
{
    // Without it nothing would ever drop a copy, so a catalogue made without it (by hand, in a test) keeps none.
    private readonly ReferenceDataChanges? _changes = changes;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private Snapshot? _snapshot;

    /// <summary>The matters offered now, in the catalogue's order with "Inna sprawa" last, with their checklists.</summary>
    public async Task<IReadOnlyList<Matter>> GetOfferedAsync(CancellationToken ct = default) => (await GetAsync(ct)).Offered;

    /// <summary>Every matter, retired ones last (for filters over old requests), without checklists.</summary>
    public async Task<IReadOnlyList<Matter>> GetAllAsync(CancellationToken ct = default) => (await GetAsync(ct)).All;

    /// <summary>The municipality's settings (there is always one row: seeded on first start).</summary>
    public async Task<MunicipalitySettings> GetMunicipalityAsync(CancellationToken ct = default) => (await GetAsync(ct)).Municipality;

    private async Task<Snapshot> GetAsync(CancellationToken ct)
    {
        if (Current() is { } current)
        {
            return current;
        }

        // One reader fills the copy; page views arriving meanwhile wait for it rather than all reading the database.
        await _loading.WaitAsync(ct);
        try
        {
            if (Current() is { } loaded)
            {
                return loaded;
            }

            var generation = _changes?.Generation;
            var loadedAt = _clock.GetUtcNow();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Database.OpenConnectionAsync(ct);
            var offered = await db.Matters.AsNoTracking()
                .Where(s => !s.IsRetired)
                .Include(s => s.Checklist.OrderBy(c => c.SortOrder))
                .OrderBy(s => s.IsOther).ThenBy(s => s.SortOrder)
                .ToListAsync(ct);
            var all = await db.Matters.AsNoTracking().OrderBy(s => s.IsRetired).ThenBy(s => s.IsOther).ThenBy(s => s.SortOrder).ToListAsync(ct);
            var municipality = await db.Municipalities.AsNoTracking().OrderBy(m => m.Id).FirstAsync(ct);
            var snapshot = new Snapshot(generation, loadedAt, offered, all, municipality);

            // A change that came while reading may not be in what was read: use it for this page view, keep it not.
            if (_changes is not null && _changes.Generation == generation)
            {
                _snapshot = snapshot;
            }

            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    private Snapshot? Current()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (_changes is null || snapshot is null || snapshot.Generation != _changes.Generation)
        {
            return null;
        }

        return _changes.MaxAge is { } maxAge && _clock.GetUtcNow() - snapshot.LoadedAt >= maxAge ? null : snapshot;
    }

    private sealed record Snapshot(long? Generation, DateTimeOffset LoadedAt, IReadOnlyList<Matter> Offered, IReadOnlyList<Matter> All, MunicipalitySettings Municipality);
}
