using System.Globalization;

namespace MobilnyUrzednik.Durability;

/// <summary>
/// 32 writers submitting and 32 readers looking up at the same time never meet "database is locked", and
/// every submission a writer was told about is stored. The suite runs this for 10 s; the benchmark
/// (benchmarks/Submissions) runs the same load for 60 s. <c>MU_LOAD_SECONDS</c> sets another length here.
/// </summary>
public sealed class LoadTests
{
    [Fact]
    public async Task ThirtyTwoWritersAndThirtyTwoReaders_NeverMeetALockedDatabase_AndEveryWriteLands()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("MU_LOAD_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 10;
        await using var database = await TestStore.CreateAsync(TestContext.Current.CancellationToken);
        await using var app = await SubmissionLoad.StartCoreAsync(database.AppSettings, database.Folder.Path);

        var report = await SubmissionLoad.RunAsync(app.Services, writers: 32, readers: 32, TimeSpan.FromSeconds(seconds), TestContext.Current.CancellationToken);

        TestContext.Current.SendDiagnosticMessage($"{seconds} s: {report.Written.Count} submissions, {report.Reads} reads, {report.Errors.Count} errors.");
        Assert.Equal(0, report.LockErrors);
        Assert.Empty(report.Errors);
        Assert.NotEmpty(report.Written);
        Assert.True(report.Reads > 0);
        Assert.Empty(await SubmissionLoad.MissingAsync(app.Services, report, TestContext.Current.CancellationToken));
        Assert.Equal(report.Written.Count, (await database.TrackingCodesAsync()).Count);
    }
}
