using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using MobilnyUrzednik.Components.Forms;
using MobilnyUrzednik.Core.Dictation;
using MobilnyUrzednik.Core.Health;
using MobilnyUrzednik.Core.Security;
using MobilnyUrzednik.Core.Speech;
using MobilnyUrzednik.Kiosk.Components;
using Microsoft.AspNetCore.Components.Server.Circuits;
using MobilnyUrzednik.Kiosk.Devices;
using MobilnyUrzednik.Kiosk.Journey;
using MobilnyUrzednik.Kiosk.Speech;

namespace MobilnyUrzednik.Kiosk;

/// <summary>The kiosk's registrations and pipeline, kept out of Program.cs.</summary>
internal static class KioskExtensions
{
    public static WebApplicationBuilder AddKiosk(this WebApplicationBuilder builder)
    {
        RequireTheOfficeDatabase(builder);
        builder.Services.AddLocalization();
        builder.AddPublicPostLimits();
        builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddTextToSpeech(builder.Configuration);
        builder.Services.Configure<KioskOptions>(builder.Configuration.GetSection("Kiosk"));
        builder.Services.AddSingleton<KioskDeviceMiddleware>();
        builder.Services.AddOptions<KioskOptions>()
            .Validate(o => o.IdleSeconds >= 1 && o.WarningSeconds >= 1, "Kiosk:IdleSeconds and Kiosk:WarningSeconds must be positive.")
            .Validate(o => o.WarningSeconds >= 20, "Kiosk:WarningSeconds must be at least 20 (EN 301 549, WCAG 2.2.1).")
            .Validate(o => o.ConnectionLostSeconds >= 1, "Kiosk:ConnectionLostSeconds must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<KioskSessions>();
        builder.Services.AddSingleton<KioskSendLimit>();
        DictationSettings.AddDictationSettings(builder.Services);
        builder.Services.AddScoped<KioskSession>();
        builder.Services.AddScoped<KioskSpeaker>();
        builder.Services.AddScoped<JourneyScript>();
        builder.Services.AddScoped<CircuitHandler, KioskCircuitHandler>();
        return builder;
    }

    /// <summary>
    /// Outside Development the kiosk never makes a database of its own (it once did, silently, and its requests never
    /// reached the office): the connection string must be given, and an SQLite file must already exist (the public
    /// site creates and migrates it).
    /// </summary>
    private static void RequireTheOfficeDatabase(WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment())
        {
            return;
        }

        var connectionString = builder.Configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Default is not set. Outside Development the kiosk does not create a database of its own: set it to the public site's database (the same file or server), e.g. ConnectionStrings__Default=\"Data Source=/var/lib/mobilny-urzednik/mobilny-urzednik.db\".");
        }

        string? file = null;
        try
        {
            var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
            if (!string.IsNullOrEmpty(source) && source != ":memory:" && !source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            {
                file = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, source));
            }
        }
        catch (ArgumentException)
        {
            // Not an SQLite connection string (a server database): nothing to look for on disk.
        }

        if (file is not null && !File.Exists(file))
        {
            throw new InvalidOperationException(
                $"The database {file} does not exist. Outside Development the kiosk does not create one: start the public site first (it creates and migrates the database), and give the kiosk the same ConnectionStrings:Default.");
        }
    }

    public static WebApplication UseKiosk(this WebApplication app)
    {
        // First: HSTS, the error page, the limits and the HTTPS-only cookies need the caller's scheme and address,
        // not those of the TLS proxy in front (without this, HSTS was never sent behind a proxy).
        app.UseTrustedProxies();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);

            // Browsers are told to come back over HTTPS only; never in Development (it would stick to localhost). The
            // redirect from http:// to https:// is the TLS proxy's (the apps listen on plain HTTP behind it).
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UsePublicPostLimits();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

        // Polish first; a person may choose English or Ukrainian for their own visit (KioskLanguage), never for the next one.
        app.UseRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(KioskLanguage.Cultures[0]);
            o.SupportedCultures = KioskLanguage.Cultures;
            o.SupportedUICultures = KioskLanguage.Cultures;
            o.RequestCultureProviders = [new CustomRequestCultureProvider(context => Task.FromResult(KioskLanguage.Chosen(context)))];
        });
        var devices = app.Services.GetRequiredService<KioskDeviceMiddleware>();
        app.Use((context, next) => devices.InvokeAsync(context, next));
        app.UseLiveConnectionCap(context => KioskDeviceMiddleware.Current(context) is { } device ? "kiosk:" + device.Id : null, o => o.LiveConnectionsPerKiosk);
        app.UseAntiforgery();
        // Answered first, before any of the middleware above (ShortCircuit): see HealthEndpoints.
        app.MapHealth();
        app.MapStaticAssets();
        app.MapKioskSetup();
        app.MapKioskLanguage();
        app.MapSpeech();
        app.MapDictation(DictationCaller.KioskDevice, context => "kiosk:" + (KioskDeviceMiddleware.Current(context)?.Id ?? "?"));
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
