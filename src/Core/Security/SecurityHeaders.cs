using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MobilnyUrzednik.Core.Security;

/// <summary>
/// Security headers for both apps. The content security policy allows scripts only from our own address, plus the one
/// inline script Blazor writes (the import map), which carries a nonce made fresh for every response; there is no
/// <c>unsafe-eval</c> and no <c>unsafe-inline</c> anywhere. Styles come from our files only (scripts change styles
/// through the CSSOM, which the policy allows). The microphone is allowed for our own pages only (dictation).
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "mu-csp-nonce";

    /// <summary>The nonce for this response's inline script (the import map).</summary>
    public static string Nonce(HttpContext? context) => context?.Items[NonceKey] as string ?? string.Empty;

    public static string PolicyFor(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self'; " +
        "img-src 'self' data:; " +
        "media-src 'self' blob:; " +
        "connect-src 'self'; " +
        "font-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = PolicyFor(nonce);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), geolocation=(), payment=(), usb=(), microphone=(self)";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next(context);
    });
}
