using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Notifications;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MobilnyUrzednik.Core.Common;

/// <summary>
/// Metrics and traces with OpenTelemetry, exported over OTLP only when <see cref="EndpointSetting"/> is set (the standard
/// variable; <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_SERVICE_NAME</c>, <c>OTEL_METRIC_EXPORT_INTERVAL</c> and the
/// rest are read as the SDK documents them). Without it nothing is collected or sent. What is recorded: ASP.NET Core's
/// requests (by route template: the path's values and the query string are removed), HttpClient calls to the gateways
/// and speech engines (scheme, host and path only), Npgsql's commands (the SQL text with parameters, never their
/// values), Blazor's circuit and component metrics, the runtime's, and ours (<see cref="MeterName"/>). Logs are not
/// exported. No span or metric carries a name, a phone number, an address, a description or a tracking code.
/// </summary>
public static class Telemetry
{
    /// <summary>Our meter.</summary>
    public const string MeterName = "MobilnyUrzednik";

    /// <summary>The setting that turns export on, e.g. <c>http://otel-collector:4317</c>.</summary>
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Requests filed, tagged <c>channel</c> (Online, Kiosk, Phone…).</summary>
    public static readonly Counter<long> RequestsFiled = Meter.CreateCounter<long>("mu.requests.filed", "{request}", "Requests filed, by channel");

    /// <summary>Gateway attempts, tagged <c>channel</c> (Sms, Email) and <c>outcome</c> (sent, retry, failed, refused, unconfirmed).</summary>
    public static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("mu.outbox.deliveries", "{attempt}", "Attempts to hand a message to its gateway, by channel and outcome");

    /// <summary>Day-before confirmations queued.</summary>
    public static readonly Counter<long> DayBeforeQueued = Meter.CreateCounter<long>("mu.day_before.queued", "{message}", "Day-before confirmations queued");

    /// <summary>Status look-ups refused, tagged <c>reason</c> (CallerLimited, CodeLocked).</summary>
    public static readonly Counter<long> LookupsRefused = Meter.CreateCounter<long>("mu.status_lookups.refused", "{lookup}", "Status look-ups refused by the limits");

    /// <summary>Whether export is configured.</summary>
    public static bool IsEnabled(IHostApplicationBuilder builder) =>
        !string.IsNullOrWhiteSpace(builder?.Configuration[EndpointSetting]);

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsEnabled(builder))
        {
            return builder;
        }

        var service = "mobilny-urzednik-" + builder.Environment.ApplicationName.Split('.')[^1].ToLowerInvariant();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(service))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = context => !context.Request.Path.StartsWithSegments("/healthz") && !context.Request.Path.StartsWithSegments("/_framework");
                    o.EnrichWithHttpResponse = (activity, _) => RedactServerSpan(activity);
                    o.RecordException = false;
                })
                .AddHttpClientInstrumentation(o =>
                {
                    o.EnrichWithHttpRequestMessage = (activity, request) => activity.SetTag("url.full", request.RequestUri?.GetLeftPart(UriPartial.Path));
                    o.RecordException = false;
                })
                .AddNpgsql()
                .AddOtlpExporter())
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(MeterName, "System.Runtime", "Npgsql", "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Lifecycle", "Microsoft.AspNetCore.Components.Server.Circuits")

                // Kestrel tags its connection metrics with the caller's address (network.peer.address): personal data.
                .AddView("kestrel.*", new MetricStreamConfiguration { TagKeys = ["network.protocol.name", "network.protocol.version", "network.transport", "network.type", "tls.protocol.version", "error.type"] })
                .AddOtlpExporter());
        return builder;
    }

    /// <summary>The outbox's depth and the age of its oldest waiting message, in the app that sends (the public site).</summary>
    public static IHostApplicationBuilder AddOutboxGauges(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (IsEnabled(builder))
        {
            builder.Services.AddSingleton<OutboxGauges>();
            builder.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddInstrumentation(sp => sp.GetRequiredService<OutboxGauges>()));
        }

        return builder;
    }

    // The path is recorded as its route template (/status/{code} rather than the code) or not at all; no query string.
    private static void RedactServerSpan(Activity activity)
    {
        activity.SetTag("url.path", activity.GetTagItem("http.route") as string);
        activity.SetTag("url.query", null);
    }
}

/// <summary>Observable gauges over the outbox: one small query per collection (every export interval).</summary>
public sealed class OutboxGauges
{
    private readonly IDbContextFactory<AppDbContext> _contexts;
    private readonly TimeProvider _clock;
    private readonly Meter _meter;

    public OutboxGauges(IMeterFactory meters, IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _contexts = contexts;
        _clock = clock;
        _meter = meters.Create(Telemetry.MeterName);
        _meter.CreateObservableGauge("mu.outbox.depth", () => Read().Depth, "{message}", "Messages waiting to be sent");
        _meter.CreateObservableGauge("mu.outbox.oldest_age", () => Read().OldestSeconds, "s", "Age of the oldest message waiting to be sent");
    }

    private (IEnumerable<Measurement<long>> Depth, IEnumerable<Measurement<double>> OldestSeconds) Read()
    {
        try
        {
            using var db = _contexts.CreateDbContext();
            var waiting = db.Outbox.AsNoTracking().Where(m => m.State == OutboxState.Pending);
            var depth = waiting.Count();
            var oldest = waiting.OrderBy(m => m.CreatedAt).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefault();
            var age = oldest is { } at ? Math.Max(0, (_clock.GetUtcNow() - at).TotalSeconds) : 0;
            return ([new(depth)], [new(age)]);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
        {
            // The database is away: no reading this time (the health endpoint says so).
            return ([], []);
        }
    }
}
