using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.PublicSite.Backup;

namespace MobilnyUrzednik.Core.Common;

/// <summary>Data at rest (issue 12, point 8): the database, its WAL and its backups are the service user's alone.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivateFilesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mu-pliki-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFreshDatabase_ItsFolderItsWalAndABackup_AreReadableByTheServiceUserOnly()
    {
        var folder = Path.Combine(_root, "dane");
        var database = Path.Combine(folder, "mobilny-urzednik.db");
        await using var app = App(database);

        await app.PrepareDatabaseAsync();

        // While a connection writes, SQLite keeps its -wal and -shm files beside the database.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.Database.OpenConnectionAsync(Ct);
            db.RequestDrafts.Add(new RequestDraft { Key = "k", AnswersJson = "{}", UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Ct);

            Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(_root));
            Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(folder));
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            {
                Assert.True(File.Exists(file), file);
                Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(file));
            }
        }

        var backup = Path.Combine(_root, "kopia.db");
        Assert.Equal(0, await BackupCommand.RunAsync(app.Services, ["backup", backup], TextWriter.Null, TextWriter.Null, Ct));
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(backup));
    }

    [Fact]
    public async Task AnExistingDatabaseReadableByOthers_IsTightenedAtStart()
    {
        Directory.CreateDirectory(_root);
        var database = Path.Combine(_root, "stara.db");
        await using (var first = App(database))
        {
            await first.PrepareDatabaseAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        const UnixFileMode WorldReadable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(database, WorldReadable);
        await File.WriteAllBytesAsync(database + "-journal", [], Ct);
        File.SetUnixFileMode(database + "-journal", WorldReadable);

        PrivateFiles.PrepareSqliteFile(database);

        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(database));
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(database + "-journal"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static WebApplication App(string database)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = Path.GetTempPath() });
        builder.Configuration["ConnectionStrings:Default"] = $"Data Source={database}";
        builder.Configuration["PublicSiteUrl"] = "https://mobilny.przykladowo.example.pl";
        builder.AddCore();
        return builder.Build();
    }
}
