using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;

namespace MobilnyUrzednik.PublicSite.Backup;

/// <summary>
/// An online backup of the embedded SQLite database, safe while the site (and the kiosk) keep writing:
/// <c>dotnet run --project src/PublicSite -- backup /var/backups/mu/2026-11-23.db</c>.
/// SQLite's backup API copies one consistent snapshot (WAL lets writers go on meanwhile); the copy is
/// checked with <c>PRAGMA integrity_check</c> and left as one self-contained file before the command says
/// it worked. It never overwrites: an existing file, a missing folder or a relative path is refused.
/// </summary>
internal static class BackupCommand
{
    public const string Name = "backup";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        if (args.Length != 2 || string.IsNullOrWhiteSpace(args[1]))
        {
            await error.WriteLineAsync("Użycie: backup ŚCIEŻKA_PLIKU_KOPII (na przykład: backup /var/backups/mobilny-urzednik/2026-11-23.db)");
            return 2;
        }

        // `dotnet run --project` runs the app in the project's folder, so a relative path would land there, not
        // where it was typed: only a full path is accepted.
        if (!Path.IsPathFullyQualified(args[1]))
        {
            await error.WriteLineAsync($"Podaj pełną ścieżkę pliku kopii, na przykład /var/backups/mobilny-urzednik/2026-11-23.db (podano: {args[1]}). Kopia nie została zrobiona.");
            return 2;
        }

        var target = Path.GetFullPath(args[1]);
        var folder = Path.GetDirectoryName(target);
        if (folder is null || !Directory.Exists(folder))
        {
            await error.WriteLineAsync($"Folder {folder} nie istnieje. Utwórz go albo podaj inną ścieżkę. Kopia nie została zrobiona.");
            return 2;
        }

        if (File.Exists(target) || Directory.Exists(target))
        {
            await error.WriteLineAsync($"{target} już istnieje. Kopia nigdy nie nadpisuje pliku: podaj nową nazwę. Kopia nie została zrobiona.");
            return 2;
        }

        string connectionString;
        await using (var scope = services.CreateAsyncScope())
        {
            var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
            await using var db = await factory.CreateDbContextAsync(ct);
            if (!db.Database.IsSqlite())
            {
                await error.WriteLineAsync("To polecenie kopiuje tylko wbudowaną bazę SQLite. Bazę PostgreSQL kopiuj narzędziem pg_dump.");
                return 2;
            }

            connectionString = db.Database.GetConnectionString()!;
        }

        var source = new SqliteConnectionStringBuilder(connectionString)
        {
            // Never create an empty database where the real one should be.
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        };
        if (!File.Exists(source.DataSource))
        {
            await error.WriteLineAsync($"Baza danych {source.DataSource} nie istnieje. Nie ma czego skopiować.");
            return 1;
        }

        // Claims the name atomically: a file that appears between the check above and now is not overwritten.
        try
        {
            // Readable by the service's user only, like the database itself (SQLite keeps the file's mode).
            await using (PrivateFiles.CreateNew(target))
            {
            }
        }
        catch (IOException)
        {
            await error.WriteLineAsync($"{target} już istnieje. Kopia nigdy nie nadpisuje pliku: podaj nową nazwę. Kopia nie została zrobiona.");
            return 2;
        }

        try
        {
            var (integrity, requests) = await CopyAsync(source.ToString(), target, ct);
            if (integrity != "ok")
            {
                File.Delete(target);
                await error.WriteLineAsync($"Kopia nie przeszła sprawdzenia spójności ({integrity}) i została usunięta. Spróbuj jeszcze raz.");
                return 1;
            }

            await output.WriteLineAsync($"Kopia zapasowa zapisana w {target}. Zgłoszeń w kopii: {requests}. Spójność sprawdzona: ok.");
            return 0;
        }
        catch (SqliteException ex)
        {
            File.Delete(target);
            await error.WriteLineAsync($"Nie udało się zrobić kopii (SQLite: {ex.SqliteErrorCode}, {ex.Message}). Nic nie zostało zapisane.");
            return 1;
        }
    }

    /// <summary>Copies the live database into the empty file at <paramref name="target"/>; returns the copy's integrity check and request count.</summary>
    private static async Task<(string Integrity, long Requests)> CopyAsync(string sourceConnectionString, string target, CancellationToken ct)
    {
        await using var source = new SqliteConnection(sourceConnectionString);
        await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        await source.OpenAsync(ct);
        await destination.OpenAsync(ct);
        await ExecuteAsync(source, "PRAGMA busy_timeout=10000;", ct);
        await ExecuteAsync(destination, "PRAGMA busy_timeout=10000;", ct);

        // One step copies every page under one read snapshot; in WAL mode the site's writers are not blocked.
        source.BackupDatabase(destination);

        // The copy inherits WAL mode; rollback mode makes it one self-contained file to move around.
        // The app switches a restored database back to WAL when it starts.
        await ExecuteAsync(destination, "PRAGMA journal_mode=DELETE;", ct);
        var integrity = (string)(await ScalarAsync(destination, "PRAGMA integrity_check;", ct))!;
        var requests = (long)(await ScalarAsync(destination, "SELECT COUNT(*) FROM VisitRequests;", ct))!;
        return (integrity, requests);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }
}
