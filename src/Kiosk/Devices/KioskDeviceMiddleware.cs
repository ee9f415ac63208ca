using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace MobilnyUrzednik.Kiosk.Devices;

/// <summary>
/// Every kiosk page and endpoint is served only to a configured device: one that once presented its key at
/// <c>/urzadzenie</c> and holds the protected device cookie. Anything else gets a plain Polish refusal. Outside
/// Development the key and the cookie travel over HTTPS only (directly, or through a trusted proxy's
/// X-Forwarded-Proto): over plain HTTP the cookie is not accepted and the key cannot be entered.
/// </summary>
internal sealed class KioskDeviceMiddleware(IDataProtectionProvider protection, IOptionsMonitor<KioskOptions> options, IHostEnvironment environment, ILogger<KioskDeviceMiddleware> logger)
{
    public const string CookieName = "mu_kiosk";
    public const string SetupPath = "/urzadzenie";
    private const string Purpose = "MobilnyUrzednik.Kiosk.Device";

    public static KioskDevice? Current(HttpContext context) => context.Items[typeof(KioskDevice)] as KioskDevice;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith(SetupPath, StringComparison.OrdinalIgnoreCase) || IsStaticFile(path))
        {
            await next(context);
            return;
        }

        if (!IsSecureEnough(context))
        {
            await RefuseAsync(context, overHttp: true);
            return;
        }

        var device = Read(context);
        if (device is null && environment.IsDevelopment() && options.CurrentValue.DevelopmentDevice is { } devId
            && options.CurrentValue.Devices.FirstOrDefault(d => d.Id == devId) is { } dev)
        {
            device = new KioskDevice(dev.Id, dev.Location);
            Write(context, device);
        }

        if (device is null)
        {
            await RefuseAsync(context);
            return;
        }

        context.Items[typeof(KioskDevice)] = device;
        await next(context);
    }

    /// <summary>Outside Development, only a request that came over HTTPS may carry or receive a kiosk's key or cookie.</summary>
    public bool IsSecureEnough(HttpContext context) => environment.IsDevelopment() || context.Request.IsHttps;

    /// <summary>Accepts a key: the matching device's cookie is set; false when no device has that key.</summary>
    public bool TryEnrol(HttpContext context, string? key)
    {
        var config = KioskDevice.Match(options.CurrentValue.Devices, key);
        if (config is null)
        {
            logger.LogWarning("A kiosk key was refused");
            return false;
        }

        Write(context, new KioskDevice(config.Id, config.Location));
        logger.LogInformation("Kiosk device {DeviceId} enrolled", config.Id);
        return true;
    }

    private KioskDevice? Read(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        string id;
        try
        {
            id = protection.CreateProtector(Purpose).Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        // A device removed from the configuration loses access at once.
        var config = options.CurrentValue.Devices.FirstOrDefault(d => d.Id == id);
        return config is null ? null : new KioskDevice(config.Id, config.Location);
    }

    private void Write(HttpContext context, KioskDevice device) =>
        context.Response.Cookies.Append(CookieName, protection.CreateProtector(Purpose).Protect(device.Id), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps || !environment.IsDevelopment(),
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(400),
        });

    private static bool IsStaticFile(string path)
    {
        var last = path[(path.LastIndexOf('/') + 1)..];
        return last.Contains('.', StringComparison.Ordinal) && !path.StartsWith("/api/", StringComparison.Ordinal);
    }

    private static async Task RefuseAsync(HttpContext context, bool overHttp = false)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/_blazor"))
        {
            await Results.Problem(detail: overHttp ? context.RequestServices.GetRequiredService<IStringLocalizer<SetupText>>()[nameof(SetupText.HttpsNeeded)].Value : "Ten kiosk nie jest skonfigurowany: brak ważnego klucza kiosku.", statusCode: 403, title: "Kiosk nieskonfigurowany").ExecuteAsync(context);
            return;
        }

        await KioskSetupEndpoints.RefuseAsync(context, overHttp);
    }
}
