using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.PublicSite.Backup;

namespace MobilnyUrzednik.Durability;

/// <summary>
/// <c>backup PATH</c> while requests keep coming in, and the restore exactly as README.md describes it:
/// stop the app, copy the backup over the database file, delete the -wal and -shm files, start the app.
/// </summary>
[Trait("RunOnce", "true")]
public sealed class BackupTests
{
    [Fact]
    public async Task Backup_TakenWhileRequestsAreBeingSubmitted_RestoresToAWorkingSiteWithTheSameRequests()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var database = folder.File("mobilny-urzednik.db");
        var backup = folder.File("kopia.db");

        Dictionary<long, string> sourceRequests, sourceHistory;
        int committedBeforeBackup;
        (int Code, string Output, string Error) result;
        await using (var app = await SubmissionLoad.StartCoreAsync(database))
        {
            // A writer submits through RequestSubmission for the whole backup, as the site would.
            var submission = app.Services.GetRequiredService<RequestSubmission>();
            var committed = 0;
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var stop = new CancellationTokenSource();
            var writer = Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var answers = SubmissionLoad.Answers($"+48 600 10{n % 10} {n % 1000:D3}");
                    var submitted = await submission.SubmitAnswersAsync(Guid.NewGuid().ToString("N"), answers, RequestChannel.Kiosk, "Kiosk (kopia zapasowa)", "kiosk-kopia", "Biblioteka", ct);
                    Assert.Equal(SubmissionOutcome.Created, submitted.Outcome);
                    if (Interlocked.Increment(ref committed) == 100)
                    {
                        enough.SetResult();
                    }
                }
            }, ct);

            await enough.Task.WaitAsync(ct);
            committedBeforeBackup = Volatile.Read(ref committed);
            result = await RunBackupAsync(app.Services, backup);
            var committedAfterBackup = Volatile.Read(ref committed);
            await stop.CancelAsync();
            await writer;

            sourceRequests = await SqliteFile.RowsAsync(database, "VisitRequests");
            sourceHistory = await SqliteFile.RowsAsync(database, "RequestHistory");
            TestContext.Current.SendDiagnosticMessage($"Backup under load: {committedBeforeBackup} committed before it began, {committedAfterBackup} when it ended, {sourceRequests.Count} at the end.");
        }

        // The app has stopped: its pooled connections close, as a stopped process's would.
        SqliteConnection.ClearAllPools();

        Assert.Equal(0, result.Code);
        Assert.Equal(string.Empty, result.Error);
        var backupRequests = await SqliteFile.RowsAsync(backup, "VisitRequests");
        Assert.Contains($"Kopia zapasowa zapisana w {backup}. Zgłoszeń w kopii: {backupRequests.Count}.", result.Output, StringComparison.Ordinal);
        Assert.Equal("ok", await SqliteFile.IntegrityCheckAsync(backup));

        // One consistent snapshot: at least everything committed before the backup began, and each row exactly as in the source.
        Assert.InRange(backupRequests.Count, committedBeforeBackup, sourceRequests.Count);
        foreach (var (id, row) in backupRequests)
        {
            Assert.Equal(sourceRequests[id], row);
        }

        var backupHistory = await SqliteFile.RowsAsync(backup, "RequestHistory");
        Assert.Equal(backupRequests.Count, backupHistory.Count);
        foreach (var (id, row) in backupHistory)
        {
            Assert.Equal(sourceHistory[id], row);
        }

        // The restore, step by step as README.md says (the app above is stopped).
        File.Copy(backup, database, overwrite: true);
        File.Delete(database + "-wal");
        File.Delete(database + "-shm");
        await using var restored = InProcessSite.OnSqliteFile(database);
        var address = restored.Start();

        Assert.Equal("ok", await SqliteFile.IntegrityCheckAsync(database));
        Assert.Equal(backupRequests, await SqliteFile.RowsAsync(database, "VisitRequests"));

        // The restored site answers a resident over HTTP: the last request in the backup, by code and phone.
        var (code, lastFour) = await LastRequestAsync(database);
        using var resident = new JourneyClient(address);
        Assert.Equal($"Zgłoszenie {TrackingCode.Format(code)}", await resident.LookUpStatusAsync(TrackingCode.Format(code), lastFour, ct));
    }

    [Fact]
    public async Task Backup_ToAFileThatExists_RefusesAndLeavesTheFileAsItWas()
    {
        using var folder = new TempFolder();
        var existing = folder.File("kopia.db");
        await File.WriteAllTextAsync(existing, "wczorajsza kopia", TestContext.Current.CancellationToken);
        await using var app = await SubmissionLoad.StartCoreAsync(folder.File("mobilny-urzednik.db"));

        var (code, output, error) = await RunBackupAsync(app.Services, existing);

        Assert.NotEqual(0, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"{existing} już istnieje. Kopia nigdy nie nadpisuje pliku", error, StringComparison.Ordinal);
        Assert.Equal("wczorajsza kopia", await File.ReadAllTextAsync(existing, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Backup_IntoAFolderThatDoesNotExist_RefusesAndCreatesNothing()
    {
        using var folder = new TempFolder();
        var missing = folder.File("nie-ma-takiego-folderu");
        await using var app = await SubmissionLoad.StartCoreAsync(folder.File("mobilny-urzednik.db"));

        var (code, output, error) = await RunBackupAsync(app.Services, Path.Combine(missing, "kopia.db"));

        Assert.NotEqual(0, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"Folder {missing} nie istnieje.", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task Backup_ToARelativePath_RefusesAndAsksForAFullOne()
    {
        using var folder = new TempFolder();
        await using var app = await SubmissionLoad.StartCoreAsync(folder.File("mobilny-urzednik.db"));

        var (code, output, error) = await RunBackupAsync(app.Services, "kopia.db");

        Assert.NotEqual(0, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("Podaj pełną ścieżkę pliku kopii", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.GetFullPath("kopia.db")));
    }

    private static async Task<(int Code, string Output, string Error)> RunBackupAsync(IServiceProvider services, string path)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BackupCommand.RunAsync(services, [BackupCommand.Name, path], output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    private static async Task<(string Code, string LastFour)> LastRequestAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT TrackingCode, ResidentPhone FROM VisitRequests ORDER BY Id DESC LIMIT 1;";
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        var phone = reader.GetString(1);
        return (reader.GetString(0), phone[^4..]);
    }
}
