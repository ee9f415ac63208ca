using System.Diagnostics;

namespace MobilnyUrzednik.Durability;

/// <summary>
/// The built public site as a separate process (<c>dotnet MobilnyUrzednik.PublicSite.dll</c>) on its own
/// database and a free port on 127.0.0.1, in Production, so it can be killed like a real server.
/// </summary>
internal sealed class PublicSiteProcess : IAsyncDisposable
{
    private const string Listening = "Now listening on: ";
    private readonly Process _process;
    private readonly List<string> _log = [];

    private PublicSiteProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Starts the site on <paramref name="store"/>'s database and waits until it listens.</summary>
    public static async Task<PublicSiteProcess> StartAsync(TestStore store, CancellationToken ct)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "MobilnyUrzednik.PublicSite.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in store.AppSettings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment["PublicSiteUrl"] = "https://mobilny.przykladowo.example.pl";

        // The test's client is one address sending hundreds of journeys faster than any person: the abuse guards
        // (tested in the browser suite) would rightly stop it.
        start.Environment["Abuse__PostsPerMinute"] = "1000000";
        start.Environment["Abuse__MinimumFillSeconds"] = "0";
        start.Environment.Remove("ASPNETCORE_URLS");

        var site = new PublicSiteProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        site._process.OutputDataReceived += (_, e) => site.Record(e.Data, listening);
        site._process.ErrorDataReceived += (_, e) => site.Record(e.Data, listening);
        site._process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            $"The site exited with code {site._process.ExitCode} before it listened:\n{site.Log}"));
        if (!File.Exists(dll) || !site._process.Start())
        {
            throw new InvalidOperationException($"Could not start {dll}.");
        }

        site._process.BeginOutputReadLine();
        site._process.BeginErrorReadLine();
        try
        {
            site.BaseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }

        return site;
    }

    /// <summary>What the process wrote, for a failure message.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    /// <summary><c>kill -9</c>: SIGKILL, no shutdown, no flushing, no disposing.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Record(string? line, TaskCompletionSource<Uri> listening)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Add(line);
        }

        var at = line.IndexOf(Listening, StringComparison.Ordinal);
        if (at >= 0)
        {
            listening.TrySetResult(new Uri(line[(at + Listening.Length)..].Trim()));
        }
    }
}
