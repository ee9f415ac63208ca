using System.Diagnostics;

namespace MobilnyUrzednik.Durability;

/// <summary>
/// A PostgreSQL cluster of the test's own (tests/scripts/postgres.sh), for a test that must stop the server under
/// running apps: never the shared test cluster, which other tests use at the same time.
/// </summary>
internal sealed class ThrowawayCluster : IAsyncDisposable
{
    private readonly string _dir;

    private ThrowawayCluster(string dir, string connectionString)
    {
        _dir = dir;
        ServerConnectionString = connectionString;
    }

    /// <summary>To the cluster's <c>postgres</c> database as its superuser.</summary>
    public string ServerConnectionString { get; }

    public static async Task<ThrowawayCluster> StartAsync(CancellationToken ct)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"mu-pg-own-{Guid.NewGuid():N}");
        var output = await ScriptAsync(ct, "start", dir);
        const string Prefix = "export MU_TEST_POSTGRES='";
        var at = output.IndexOf(Prefix, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException("postgres.sh start said: " + output);
        }

        var rest = output[(at + Prefix.Length)..];
        return new ThrowawayCluster(dir, rest[..rest.IndexOf('\'', StringComparison.Ordinal)]);
    }

    /// <summary>Stops the server (fast shutdown: connections are cut), keeping its data and port.</summary>
    public Task PauseAsync(CancellationToken ct) => ScriptAsync(ct, "pause", _dir);

    /// <summary>Starts it again on the same port.</summary>
    public Task ResumeAsync(CancellationToken ct) => ScriptAsync(ct, "resume", _dir);

    public async ValueTask DisposeAsync() => await ScriptAsync(CancellationToken.None, "stop", _dir);

    private static async Task<string> ScriptAsync(CancellationToken ct, string command, string dir)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MobilnyUrzednik.sln")))
        {
            root = root.Parent;
        }

        var script = Path.Combine(root?.FullName ?? throw new InvalidOperationException("The repository is not above the test's folder."), "tests", "scripts", "postgres.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(dir);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(120), ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"postgres.sh {command} failed ({process.ExitCode}): {await error}");
        }

        return await output;
    }
}
