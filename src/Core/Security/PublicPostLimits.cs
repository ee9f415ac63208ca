using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>Reverse proxies (addresses) whose X-Forwarded-For is believed, besides the loopback one.</summary>
    public List<string> TrustedProxies { get; set; } = [];
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
            .ValidateOnStart();
        var options = section.Get<AbuseOptions>() ?? new AbuseOptions();

        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in options.TrustedProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });

        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsPublicPost(context)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    "adres:" + (context.Connection.RemoteIpAddress?.ToString() ?? "nieznany"),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PostsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("bez-limitu"));
            o.OnRejected = async (rejected, ct) =>
            {
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = "60";
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync(TooManyPage, ct);
            };
        });
        return builder;
    }

    /// <summary>Forwarded addresses first (so limits count residents, not the proxy), then the limiter.</summary>
    public static IApplicationBuilder UsePublicPostLimits(this IApplicationBuilder app) => app.UseForwardedHeaders().UseRateLimiter();

    // The one-click stop (/api/powiadomienia, RFC 8058) is a public post without anti-forgery, so it counts here; the
    // other /api endpoints (dictation) keep limits of their own.
    private static bool IsPublicPost(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && !context.Request.Path.StartsWithSegments("/panel")
        && !context.Request.Path.StartsWithSegments("/_blazor")
        && (!context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/api/powiadomienia"));

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
