using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MobilnyUrzednik.Core.Data;

/// <summary>
/// What a database error means, whichever engine raised it: the one place that knows each provider's
/// error codes, so services never catch a provider's exception type themselves.
/// </summary>
public static class DbErrors
{
    /// <summary>True when the save broke a unique index or key (the same thing stored twice).</summary>
    public static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        // SQLITE_CONSTRAINT (19) with the extended codes for UNIQUE (2067) and PRIMARY KEY (1555).
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>True when the database refused a change to an append-only table (the history, the audit log).</summary>
    public static bool IsAppendOnlyRefusal(Exception ex) => (ex is DbUpdateException { InnerException: { } inner } ? inner : ex) switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.Message.Contains("append-only", StringComparison.Ordinal),
        PostgresException p => p.SqlState == PostgresErrorCodes.RestrictViolation && p.MessageText.Contains("append-only", StringComparison.Ordinal),
        _ => false,
    };
}
