using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace MobilnyUrzednik.Core.Security;

/// <summary>Limits on what the public may send (section "Abuse").</summary>
public sealed class AbuseOptions
{
    /// <summary>Form posts one address may make a minute on the public site (a whole request takes about 12).</summary>
    public int PostsPerMinute { get; set; } = 60;

    /// <summary>Requests one kiosk may send a minute.</summary>
    public int KioskRequestsPerMinute { get; set; } = 6;

    /// <summary>A request sent from the public site sooner than this after its first question is held back with a
    /// request to check the answers and send again (people need far longer; scripts do not).</summary>
    public int MinimumFillSeconds { get; set; } = 8;

    /// <summary>Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For and X-Forwarded-Proto are believed;
    /// empty: loopback only (<see cref="Security.TrustedProxies"/>).</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>
    /// Largest body of a form post or a JSON call (bytes). The largest form, the description, is at most 1,000
    /// characters: about 12 KB even when every character is a percent-encoded Polish letter. (Dictation's recordings
    /// have their own limit, Dictation:MaxSeconds.)
    /// </summary>
    public int MaxFormBytes { get; set; } = 64 * 1024;

    /// <summary>Live connections (Blazor circuits) one address (an IPv6 /64) may hold open at once on the public site;
    /// signed-in staff are not counted.</summary>
    public int LiveConnectionsPerAddress { get; set; } = 20;

    /// <summary>Live connections one kiosk may hold open at once (its screen needs one; a reload briefly two).</summary>
    public int LiveConnectionsPerKiosk { get; set; } = 3;
}

/// <summary>
/// Rate limits without puzzles: every public form post counts against its address (the real one, through a trusted
/// reverse proxy), and what goes over the limit gets a plain Polish page saying to wait a minute — the answers already
/// saved stay saved. Staff pages and Blazor's own connection are not counted here (staff sign-in has its lockout).
/// </summary>
public static class PublicPostLimits
{
    public static IHostApplicationBuilder AddPublicPostLimits(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Abuse");
        builder.Services.AddOptions<AbuseOptions>().Bind(section)
            .Validate(o => o.PostsPerMinute >= 1 && o.KioskRequestsPerMinute >= 1 && o.MinimumFillSeconds >= 0, "Abuse limits must be at least 1 (MinimumFillSeconds at least 0).")
            .Validate(o => o.MaxFormBytes >= 16 * 1024, "Abuse:MaxFormBytes must be at least 16384: the description form needs about 12 KB.")
            .Validate(o => o.LiveConnectionsPerAddress >= 1 && o.LiveConnectionsPerKiosk >= 1, "Abuse:LiveConnectionsPerAddress and LiveConnectionsPerKiosk must be at least 1.")
            .ValidateOnStart();
        var options = section.Get<AbuseOptions>() ?? new AbuseOptions();

        builder.Services.AddTrustedProxies(options.TrustedProxies);

        builder.Services.TryAddSingleton<SharedLimits>();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;

            // In memory on SQLite's one node; on PostgreSQL the shared count (UsePublicPostLimits) takes its place.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsPublicPost(context) && !context.RequestServices.GetRequiredService<SharedLimits>().IsShared
                ? RateLimitPartition.GetFixedWindowLimiter(
                    "adres:" + ClientAddress.Partition(context),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PostsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("bez-limitu"));
            o.OnRejected = (rejected, ct) => TooManyAsync(rejected.HttpContext.Response, ct);
        });
        return builder;
    }

    private static async ValueTask TooManyAsync(HttpResponse response, CancellationToken ct)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = "60";
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(TooManyPage, ct);
    }

    /// <summary>The body size limit and the limiter (the forwarded addresses are applied before, at the pipeline's start,
    /// so limits count residents, not the proxy).</summary>
    public static IApplicationBuilder UsePublicPostLimits(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AbuseOptions>>().Value;
        var dictationMaxBytes = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Dictation.DictationOptions>>().Value.MaxBytes;
        var shared = app.ApplicationServices.GetRequiredService<SharedLimits>();
        app.Use((context, next) => LimitBodyAsync(context, next, context.Request.Path.StartsWithSegments(Dictation.DictationEndpoints.Path) ? dictationMaxBytes : options.MaxFormBytes));
        if (shared.IsShared)
        {
            // Every node counts an address's posts in one place, so the limit holds for the nodes together; each app
            // (the site, the kiosk) counts its own, as it did in memory.
            var appName = app.ApplicationServices.GetRequiredService<IHostEnvironment>().ApplicationName;
            app.Use(async (context, next) =>
            {
                if (IsPublicPost(context)
                    && await shared.TakeAsync($"posts:{appName}:{ClientAddress.Partition(context)}", options.PostsPerMinute, TimeSpan.FromMinutes(1), context.RequestAborted) != LimitOutcome.Taken)
                {
                    await TooManyAsync(context.Response, context.RequestAborted);
                    return;
                }

                await next(context);
            });
        }

        return app.UseRateLimiter();
    }

    /// <summary>
    /// Caps the live connections (Blazor circuits: the long-lived requests under /_blazor) that one caller holds open at
    /// once; <paramref name="partition"/> names the caller, or null for one that is not counted (signed-in staff).
    /// Over the cap: 429, and the page's own reconnect dialog tells the person.
    /// </summary>
    public static IApplicationBuilder UseLiveConnectionCap(this IApplicationBuilder app, Func<HttpContext, string?> partition, Func<AbuseOptions, int> cap)
    {
        var options = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AbuseOptions>>().Value;
        var open = new LiveConnections();
        return app.Use(async (context, next) =>
        {
            var key = IsLiveConnection(context.Request.Path) ? partition(context) : null;
            if (key is null)
            {
                await next(context);
                return;
            }

            if (!open.TryEnter(key, cap(options)))
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "10";
                return;
            }

            try
            {
                await next(context);
            }
            finally
            {
                open.Leave(key);
            }
        });
    }

    // The connection itself (WebSocket, server-sent events or a long poll), not the short negotiate and disconnect calls.
    private static bool IsLiveConnection(PathString path) =>
        path.StartsWithSegments("/_blazor", out var rest) && (!rest.HasValue || rest == "/");

    /// <summary>
    /// No form or API call of ours is bigger than <paramref name="limit"/> bytes: a larger body is refused with 413 before
    /// it is read (a declared length), or as soon as it grows past the limit (a chunked one), with a Polish page or
    /// problem. Blazor's own connection is left to SignalR's message size limit.
    /// </summary>
    private static async Task LimitBodyAsync(HttpContext context, RequestDelegate next, long limit)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || request.Path.StartsWithSegments("/_blazor"))
        {
            await next(context);
            return;
        }

        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (request.Path.StartsWithSegments(Dictation.DictationEndpoints.Path))
        {
            // Dictation refuses an overlong recording itself, in its own words ("Nagranie jest za długie").
            await next(context);
            return;
        }

        if (request.ContentLength > limit)
        {
            await TooLargeAsync(context);
            return;
        }

        if (request.ContentLength is null)
        {
            // A body of unknown length is read here, up to the limit, so that no handler meets an oversize one halfway.
            var buffer = new MemoryStream();
            var chunk = new byte[8192];
            try
            {
                int read;
                while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
                {
                    if (buffer.Length + read > limit)
                    {
                        await TooLargeAsync(context);
                        return;
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // The server's own limit (set above) caught it first.
                await TooLargeAsync(context);
                return;
            }

            buffer.Position = 0;
            request.Body = buffer;
            request.ContentLength = buffer.Length;
        }

        await next(context);
    }

    private static async Task TooLargeAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;

        // The rest of the body is not read: the connection closes after this answer.
        context.Response.Headers.Connection = "close";
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(detail: "Wysłano więcej danych, niż przyjmujemy naraz. Skróć tekst i spróbuj jeszcze raz.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Za dużo danych").ExecuteAsync(context);
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(TooLargePage);
    }

    /// <summary>Who holds how many live connections now.</summary>
    private sealed class LiveConnections
    {
        private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public bool TryEnter(string key, int cap)
        {
            lock (_gate)
            {
                var count = _open.GetValueOrDefault(key);
                if (count >= cap)
                {
                    return false;
                }

                _open[key] = count + 1;
                return true;
            }
        }

        public void Leave(string key)
        {
            lock (_gate)
            {
                var count = _open.GetValueOrDefault(key) - 1;
                if (count <= 0)
                {
                    _open.Remove(key);
                }
                else
                {
                    _open[key] = count;
                }
            }
        }
    }

    // The one-click stop (/api/powiadomienia, RFC 8058) is a public post without anti-forgery, so it counts here; the
    // other /api endpoints (dictation) keep limits of their own.
    private static bool IsPublicPost(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && !context.Request.Path.StartsWithSegments("/panel")
        && !context.Request.Path.StartsWithSegments("/_blazor")
        && (!context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/api/powiadomienia"));

    private const string TooLargePage = """
        <!DOCTYPE html>
        <html lang="pl">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Za dużo danych – Mobilny Urzędnik</title></head>
        <body>
        <main>
        <h1>Formularz jest za duży</h1>
        <p>Wysłano więcej tekstu, niż mieści się w tym formularzu. Wróć do poprzedniej strony przyciskiem „Wstecz” w przeglądarce, skróć tekst i wyślij jeszcze raz.</p>
        <p>Odpowiedzi, które już zapisaliśmy, nie zginęły. Możesz też zadzwonić do urzędu.</p>
        <p><a href="/zgloszenie">Wróć do zgłoszenia</a></p>
        </main>
        </body>
        </html>
        """;

    private const string TooManyPage = """
        <!DOCTYPE html>
        <html lang="pl">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Za dużo prób – Mobilny Urzędnik</title></head>
        <body>
        <main>
        <h1>Za dużo prób w krótkim czasie</h1>
        <p>Z tego adresu wysłano w ostatniej minucie więcej formularzy, niż przyjmujemy. Odczekaj minutę i wyślij formularz jeszcze raz.</p>
        <p>Odpowiedzi, które już zapisaliśmy, nie zginęły. Możesz też zadzwonić do urzędu.</p>
        <p><a href="/zgloszenie">Wróć do zgłoszenia</a></p>
        </main>
        </body>
        </html>
        """;
}
