using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MobilnyUrzednik.Core.Municipalities;

namespace MobilnyUrzednik.Core.Catalogue;

/// <summary>
/// When the reference data that every public page shows (the municipality's settings, the catalogue of matters and
/// their checklists) last changed in this process, so <see cref="MatterCatalogue"/> can keep it in memory. The
/// interceptors of <see cref="Interceptors"/> move it on every save that touches those tables, whoever saves (the
/// settings and catalogue pages, first-start seeding), and again when such a save's transaction commits.
/// </summary>
public sealed class ReferenceDataChanges
{
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];
    private long _generation;

    /// <param name="maxAge">
    /// How long a copy may be used at most. Null: until a change in this process. Another process's change (the
    /// kiosk app beside the public site, another node) is not seen here, so the apps set a limit.
    /// </param>
    public ReferenceDataChanges(TimeSpan? maxAge = null) => MaxAge = maxAge;

    /// <summary>How long a copy may be used at most; null: until a change.</summary>
    public TimeSpan? MaxAge { get; }

    /// <summary>Moves on with every change; a copy read under an older number is not kept.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The interceptors to add to every context of the app.</summary>
    public IReadOnlyList<IInterceptor> Interceptors => [new SaveWatcher(this), new CommitWatcher(this)];

    /// <summary>Drops every copy (the next page view reads the database again).</summary>
    public void Changed() => Interlocked.Increment(ref _generation);

    private static bool TouchesReferenceData(DbContext context)
    {
        context.ChangeTracker.DetectChanges();
        return context.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is MunicipalitySettings or Matter or ChecklistItem);
    }

    // Before the save (a reader in between must not keep what is about to change) and after it; inside a transaction,
    // also at the commit, since a reader may have loaded the old rows between the save and the commit.
    private sealed class SaveWatcher(ReferenceDataChanges changes) : SaveChangesInterceptor
    {
        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Watch(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Watch(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            Saved(eventData.Context);
            return result;
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Saved(eventData.Context);
            return ValueTask.FromResult(result);
        }

        private void Watch(DbContext? context)
        {
            if (context is not null && TouchesReferenceData(context))
            {
                changes._pending.AddOrUpdate(context, changes);
                changes.Changed();
            }
        }

        private void Saved(DbContext? context)
        {
            if (context is not null && changes._pending.TryGetValue(context, out _))
            {
                changes.Changed();
                if (context.Database.CurrentTransaction is null)
                {
                    changes._pending.Remove(context);
                }
            }
        }
    }

    private sealed class CommitWatcher(ReferenceDataChanges changes) : DbTransactionInterceptor
    {
        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Committed(eventData.Context);
            return Task.CompletedTask;
        }

        public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Committed(eventData.Context);
            return Task.CompletedTask;
        }

        private void Committed(DbContext? context)
        {
            if (context is not null && changes._pending.TryGetValue(context, out _))
            {
                changes._pending.Remove(context);
                changes.Changed();
            }
        }
    }
}
