using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Common;
using Npgsql;

namespace MobilnyUrzednik.Core.Data;

/// <summary>Data an app adds once to a new database (roles, demo accounts), run under the seed lock after the core data.</summary>
public interface IDatabaseSeeder
{
    Task SeedAsync(IServiceProvider services, CancellationToken ct);
}

/// <summary>
/// Bringing the database to where the app can start. The embedded SQLite default migrates itself, so a plain
/// <c>dotnet run</c> works; PostgreSQL is migrated only by the explicit <c>migrate</c> command, and an app that
/// finds its schema behind refuses to start, naming the command, rather than run half-migrated. Both then seed
/// the first-start data exactly once. Every failure a person can fix becomes one clear line.
/// </summary>
public static class DatabaseStartup
{
    /// <summary>At an app's start: SQLite is migrated; PostgreSQL must be current. Then seeds.</summary>
    public static async Task PrepareDatabaseAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        await Translated(settings, async () =>
        {
            if (!settings.IsSqlite)
            {
                await RequireCurrentSchemaAsync(services, settings, ct);
            }

            // One process at a time migrates and seeds (SeedLock), so two apps starting on a new database do each step once.
            await using var gate = await SeedLock.AcquireAsync(settings, ct);
            if (settings.IsSqlite)
            {
                await MigrateSqliteAsync(services, ct);
            }

            await SeedAsync(services, ct);
        });
    }

    /// <summary>The <c>migrate</c> command: applies every pending migration on either engine, then seeds.</summary>
    /// <returns>The names of the migrations applied.</returns>
    public static async Task<IReadOnlyList<string>> MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        IReadOnlyList<string> applied = [];
        await Translated(settings, async () =>
        {
            // Two nodes running migrate at once: the second waits, then finds nothing left to do. (EF Core's own
            // migration lock is released between migrations on PostgreSQL, so two runners could both start the next one.)
            await using var gate = await SeedLock.AcquireAsync(settings, ct);
            if (settings.IsSqlite)
            {
                applied = await MigrateSqliteAsync(services, ct);
            }
            else
            {
                await using var db = Quiet(settings);
                applied = await PendingAsync(db, ct);
                await db.Database.MigrateAsync(ct);
            }

            await SeedAsync(services, ct);
        });
        return applied;
    }

    private static async Task<IReadOnlyList<string>> MigrateSqliteAsync(IServiceProvider services, CancellationToken ct)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        await using var db = Quiet(settings);
        var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (!string.IsNullOrEmpty(path) && path != ":memory:" && !path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                PrivateFiles.CreateFolder(folder);
            }

            // The database holds health data: readable by the service's user only (its WAL follows the file's mode).
            PrivateFiles.PrepareSqliteFile(Path.GetFullPath(path));
        }

        var pending = await PendingAsync(db, ct);
        await db.Database.MigrateAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        return pending;
    }

    private static async Task RequireCurrentSchemaAsync(IServiceProvider services, DatabaseSettings settings, CancellationToken ct)
    {
        await using var db = Quiet(settings);
        if (!await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct))
        {
            throw new StartupFailureException(
                $"Baza danych {settings.Describe()} nie istnieje: utwórz ją (README, „Production on PostgreSQL”), potem uruchom {DatabaseSettings.MigrateCommand} "
                + $"/ The database {settings.Describe()} does not exist: create it, then run {DatabaseSettings.MigrateCommand}");
        }

        var pending = await PendingAsync(db, ct);
        if (pending.Count > 0)
        {
            var applied = pending.Count < db.Database.GetMigrations().Count();
            throw new StartupFailureException(applied
                ? $"Schemat bazy {settings.Describe()} jest nieaktualny ({Plural.Format(pending.Count, "{0} migracja do wykonania|{0} migracje do wykonania|{0} migracji do wykonania", Plural.Polish)}, pierwsza: {pending[0]}). Uruchom: {DatabaseSettings.MigrateCommand} "
                    + $"/ The database schema is behind ({pending.Count} pending migrations): run {DatabaseSettings.MigrateCommand}"
                : $"Baza {settings.Describe()} jest pusta: utwórz schemat poleceniem {DatabaseSettings.MigrateCommand} "
                    + $"/ The database has no schema yet: run {DatabaseSettings.MigrateCommand}");
        }
    }

    // A context for checking and migrating that logs nothing: EF logs its probes of a missing history table as failures,
    // which would stand before the one line the operator should read. What goes wrong is thrown and explained instead.
    private static AppDbContext Quiet(DatabaseSettings settings) => new(settings.Options());

    // The migrations not yet applied. A database without the history table has none applied: asked directly, EF would
    // query the missing table and log a failure before the one line the operator should read.
    private static async Task<IReadOnlyList<string>> PendingAsync(AppDbContext db, CancellationToken ct)
    {
        if (await db.Database.CanConnectAsync(ct) && !await db.GetService<IHistoryRepository>().ExistsAsync(ct))
        {
            return [.. db.Database.GetMigrations()];
        }

        return [.. await db.Database.GetPendingMigrationsAsync(ct)];
    }

    // Under the SeedLock the caller holds.
    private static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct))
        {
            await DemoData.EnsureSeededAsync(db, ct);
        }

        foreach (var seeder in scope.ServiceProvider.GetServices<IDatabaseSeeder>())
        {
            await seeder.SeedAsync(scope.ServiceProvider, ct);
        }
    }

    private static async Task Translated(DatabaseSettings settings, Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception ex) when (Explain(ex, settings) is { } line)
        {
            throw new StartupFailureException(line, ex);
        }
    }

    /// <summary>One line for a database failure a person can fix, or null for anything else.</summary>
    public static string? Explain(Exception ex, DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var where = settings.Describe();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StartupFailureException:
                    return null;
                case PostgresException { SqlState: "28P01" or "28000" }:
                    return $"PostgreSQL odrzucił logowanie do {where}: sprawdź użytkownika i hasło w ConnectionStrings:Default. "
                        + $"/ PostgreSQL refused the user name or password for {where}.";
                case PostgresException { SqlState: "3D000" }:
                    return $"Baza danych {where} nie istnieje: utwórz ją (README, „Production on PostgreSQL”), potem {DatabaseSettings.MigrateCommand}. "
                        + $"/ The database {where} does not exist: create it, then run migrate.";
                case PostgresException { SqlState: "42501" } pg:
                    return $"Użytkownik bazy nie ma uprawnień ({pg.MessageText}) w {where}. / The database user lacks a privilege: {pg.MessageText}.";
                case NpgsqlException when e.InnerException is SocketException or TimeoutException || e is NpgsqlException { InnerException: IOException }:
                    return $"Nie można połączyć się z PostgreSQL pod adresem {where}: czy serwer działa i przyjmuje połączenia? "
                        + $"/ Cannot reach PostgreSQL at {where}: is the server running?";
                case SocketException:
                    return $"Nie można połączyć się z PostgreSQL pod adresem {where}. / Cannot reach PostgreSQL at {where}.";
                case SqliteException sqlite when sqlite.SqliteErrorCode is 14 or 8 or 23:
                    return $"Nie można otworzyć pliku bazy {where} do zapisu (SQLite {sqlite.SqliteErrorCode}): sprawdź folder i uprawnienia. "
                        + $"/ Cannot open the SQLite database {where} for writing.";
            }
        }

        return null;
    }
}
