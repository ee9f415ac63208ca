using System.Data;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MobilnyUrzednik.Core.Data;

/// <summary>
/// Check-then-write that holds under each engine's concurrency. SQLite has one writer at a time: a transaction
/// begun by EF is <c>BEGIN IMMEDIATE</c>, so a second writer waits for the first to commit and its checks then
/// see the first one's rows. PostgreSQL lets writers run side by side: the transaction is READ COMMITTED (each
/// statement sees what committed before it) and takes a transaction-scoped advisory lock per key first, so
/// writers that name the same key go one after another and their re-checks see each other's work.
/// </summary>
/// <remarks>
/// Advisory locks rather than SERIALIZABLE with retry: the waits are short (one booking, one account change), a
/// retry loop would re-run the whole command including its messages, and a named lock says in the code what
/// is being protected. Keys are taken in one sorted call, so two transactions never wait for each other in a cycle.
/// </remarks>
public static class DbLocks
{
    /// <summary>Begins a write transaction holding the named locks until it commits or rolls back.</summary>
    /// <param name="db">The context to run the transaction on.</param>
    /// <param name="keys">What is protected, e.g. <c>clerk:{id}</c>, <c>request:{id}</c>.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IDbContextTransaction> BeginLockedAsync(this AppDbContext db, IEnumerable<string> keys, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        if (!db.Database.IsNpgsql())
        {
            return await db.Database.BeginTransactionAsync(ct);
        }

        var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        foreach (var key in keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var id = KeyOf(key);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({id})", ct);
        }

        return transaction;
    }

    /// <inheritdoc cref="BeginLockedAsync(AppDbContext, IEnumerable{string}, CancellationToken)"/>
    public static Task<IDbContextTransaction> BeginLockedAsync(this AppDbContext db, string key, CancellationToken ct = default) =>
        db.BeginLockedAsync([key], ct);

    /// <summary>The 64-bit advisory lock id of a key: stable across processes and versions.</summary>
    public static long KeyOf(string key) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("mobilny-urzednik:" + key)), 0);
}
