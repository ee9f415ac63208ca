using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MobilnyUrzednik.Core.Data;

/// <summary>
/// What every SQLite connection needs before its first command: durable commits (a confirmed request survives a
/// power cut), waiting rather than failing when another writer holds the lock, foreign keys, and the Polish
/// collation <see cref="PolishCollation.Sqlite"/> (SQLite has none of its own, so Ł, Ś and Ż sorted after Z).
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    private static readonly CompareInfo Polish = CultureInfo.GetCultureInfo("pl-PL").CompareInfo;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        Register(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Adds the Polish collation to a connection opened outside EF (the backup command, tests).</summary>
    public static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            sqlite.CreateCollation(PolishCollation.Sqlite, (a, b) => Polish.Compare(a, b, CompareOptions.None));
        }
    }
}

/// <summary>
/// Polish alphabetical order of names (a, ą, b, … ł, … ś, … ż) in SQL, the same on both engines: PostgreSQL's ICU
/// collation and, on SQLite, one the app registers on each connection. Used in queries (<c>EF.Functions.Collate</c>),
/// not in the schema, so other tools can still open the SQLite file.
/// </summary>
public static class PolishCollation
{
    /// <summary>The collation the app registers on SQLite connections.</summary>
    public const string Sqlite = "pl";

    /// <summary>PostgreSQL's predefined ICU collation for Polish.</summary>
    public const string Postgres = "pl-PL-x-icu";

    /// <summary>The name of the Polish collation on <paramref name="db"/>'s engine.</summary>
    public static string For(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite" ? Sqlite : Postgres;
    }
}
