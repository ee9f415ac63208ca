using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using MobilnyUrzednik.Core.Data;

namespace MobilnyUrzednik.Core.Health;

/// <summary>
/// <c>/healthz</c>: the process lives and answers (nothing else is checked). <c>/healthz/ready</c>: this node can serve
/// — the database answers, its schema is this version's, and the data-protection key ring (sign-in, device and
/// anti-forgery cookies) can be read and used. 200 when ready, 503 when not; the body names only the checks and their
/// states, never an error's text or anything from the data. Each check runs at most once every
/// <see cref="CachedCheck.Interval"/> whoever asks and however often, so polling (or a stranger hammering it) costs the
/// database at most three small queries a second. Both are answered before the rest of the pipeline (no device
/// cookie, sign-in or limit applies), so a load balancer can poll every node.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The liveness path.</summary>
    public const string LivePath = "/healthz";

    /// <summary>The readiness path.</summary>
    public const string ReadyPath = "/healthz/ready";

    private const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DatabaseCheck>();
        builder.Services.AddSingleton<KeyRingCheck>();

        // A database that does not answer within 5 s is as good as down for a resident waiting on a page.
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<KeyRingCheck>("key-ring", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5));
        return builder;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .ShortCircuit();
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .ShortCircuit();
        return endpoints;
    }

    // {"status":"Unhealthy","checks":{"database":"Unhealthy","key-ring":"Healthy"}}: states only.
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new Dictionary<string, object>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString(), StringComparer.Ordinal),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}

/// <summary>
/// A check whose result is reused for <see cref="Interval"/>: callers arriving meanwhile share the one running probe or
/// its answer. The description (for the log, never the response) is one line without a stack trace.
/// </summary>
public abstract class CachedCheck(TimeProvider clock) : IHealthCheck
{
    /// <summary>How long one probe's answer is given to everyone asking.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private Task<HealthCheckResult>? _last;
    private DateTimeOffset _started;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_last is null || now - _started >= Interval || _last.IsFaulted || _last.IsCanceled)
            {
                _started = now;

                // Not the caller's token: one caller going away must not cancel the answer the others wait for. On the
                // thread pool: a probe may block (the key ring is read synchronously), never while holding the gate.
                _last = Task.Run(RunAsync, CancellationToken.None);
            }

            return _last.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The probe itself.</summary>
    protected abstract Task<HealthCheckResult> ProbeAsync(CancellationToken ct);

    private async Task<HealthCheckResult> RunAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            return await ProbeAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The type and first line only: the log gets one line per failed poll, not a stack trace each time.
            return HealthCheckResult.Unhealthy($"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
        }
    }
}

/// <summary>The database answers, and its schema has every migration this version knows (none pending).</summary>
public sealed class DatabaseCheck(IDbContextFactory<AppDbContext> contexts, TimeProvider clock) : CachedCheck(clock)
{
    protected override async Task<HealthCheckResult> ProbeAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
        return pending == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"Schemat bazy danych jest nieaktualny ({pending} migracji do wykonania): {DatabaseSettings.MigrateCommand}. / The schema is behind.");
    }
}

/// <summary>The key ring can be read from the database and a value protected and unprotected with it.</summary>
public sealed class KeyRingCheck(IKeyManager keys, IDataProtectionProvider protection, TimeProvider clock) : CachedCheck(clock)
{
    private static readonly byte[] Probe = [1, 2, 3, 4];

    protected override Task<HealthCheckResult> ProbeAsync(CancellationToken ct)
    {
        // GetAllKeys reads the ring's rows now; the round trip proves the keys can be decrypted and used.
        _ = keys.GetAllKeys().Count;
        var protector = protection.CreateProtector("MobilnyUrzednik.Health");
        var back = protector.Unprotect(protector.Protect(Probe));
        return Task.FromResult(back.AsSpan().SequenceEqual(Probe)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("Klucze nie odczytują tego, co zapisały. / The key ring does not round-trip."));
    }
}
