using System.Diagnostics;

namespace MobilnyUrzednik;

/// <summary>
/// One of the built apps (<c>dotnet MobilnyUrzednik.PublicSite.dll</c> or <c>…Kiosk.dll</c>) as a process of its own on
/// a free port on 127.0.0.1, the way a server or a container runs it: its own home folder (so nothing is shared with
/// another process through the file system, as on another machine), settings through environment variables, and
/// <c>kill -9</c> when a test needs a crash.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private const string Listening = "Now listening on: ";
    private readonly Process _process;
    private readonly List<string> _log = [];
    private readonly string _home;

    private AppProcess(Process process, string home)
    {
        _process = process;
        _home = home;
    }

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>The process id, for a test that kills it from outside.</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="assembly"/> (e.g. "MobilnyUrzednik.PublicSite") from the test's output folder and waits until it listens.</summary>
    /// <param name="assembly">The app's assembly name.</param>
    /// <param name="settings">Configuration keys (":" separated) and values, given as environment variables.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="arguments">Command-line arguments after the app's own (e.g. "migrate").</param>
    public static async Task<AppProcess> StartAsync(string assembly, IReadOnlyDictionary<string, string> settings, CancellationToken ct, params string[] arguments)
    {
        var (process, home) = Create(assembly, settings, arguments, listen: true);
        var app = new AppProcess(process, home);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => app.Record(e.Data, listening);
        process.ErrorDataReceived += (_, e) => app.Record(e.Data, listening);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            $"{assembly} exited with code {process.ExitCode} before it listened:\n{app.Log}"));
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {assembly}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            app.BaseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(90), ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>Runs <paramref name="assembly"/> to its end (a command such as <c>migrate</c>, or a start that must fail) and returns what it said.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string assembly, IReadOnlyDictionary<string, string> settings, CancellationToken ct, params string[] arguments) =>
        RunWithInputAsync(assembly, settings, null, ct, arguments);

    /// <summary>As <see cref="RunAsync"/>, with <paramref name="input"/> on its standard input (e.g. a password for <c>create-staff</c>).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunWithInputAsync(string assembly, IReadOnlyDictionary<string, string> settings, string? input, CancellationToken ct, params string[] arguments)
    {
        var (process, home) = Create(assembly, settings, arguments, listen: false);
        process.StartInfo.RedirectStandardInput = input is not null;
        try
        {
            process.Start();
            if (input is not null)
            {
                await process.StandardInput.WriteLineAsync(input.AsMemory(), ct);
                process.StandardInput.Close();
            }

            var output = process.StandardOutput.ReadToEndAsync(ct);
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(120), ct);
            return (process.ExitCode, await output, await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
            TryDelete(home);
        }
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
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        TryDelete(_home);
    }

    private static (Process Process, string Home) Create(string assembly, IReadOnlyDictionary<string, string> settings, string[] arguments, bool listen)
    {
        var folder = OutputFolder(assembly);
        var dll = Path.Combine(folder, assembly + ".dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is not built.");
        }

        var home = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"mu-home-{Guid.NewGuid():N}")).FullName;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (listen)
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add("http://127.0.0.1:0");
        }

        // A home of its own: nothing (such as a key ring under ~/.aspnet) is shared with another process through files.
        start.Environment["HOME"] = home;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return (new Process { StartInfo = start, EnableRaisingEvents = true }, home);
    }

    /// <summary>
    /// The app's own build output (src/App/bin/Configuration/net10.0), so it reads its own appsettings files and static
    /// web assets manifest, not the copies the test project's folder holds for both apps.
    /// </summary>
    private static string OutputFolder(string assembly)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MobilnyUrzednik.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            return AppContext.BaseDirectory;
        }

        // tests/Project/bin/<Configuration>/<framework>/
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        return Path.Combine(root.FullName, "src", assembly.Split('.')[^1], "bin", configuration, framework);
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

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
