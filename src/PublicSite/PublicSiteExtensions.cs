using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using MobilnyUrzednik.Components.Forms;
using MobilnyUrzednik.Core.Dictation;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Privacy;
using MobilnyUrzednik.Core.Health;
using MobilnyUrzednik.Core.Security;
using MobilnyUrzednik.PublicSite.Components;
using MobilnyUrzednik.PublicSite.Components.Pages.Notifications;
using MobilnyUrzednik.PublicSite.Components.Panel.Admin;
using MobilnyUrzednik.PublicSite.Components.Panel.Reports;
using MobilnyUrzednik.PublicSite.Components.Panel.Visits;
using MobilnyUrzednik.PublicSite.Components.Shared;
using MobilnyUrzednik.PublicSite.Staff;

namespace MobilnyUrzednik.PublicSite;

/// <summary>The public site's registrations and pipeline, kept out of Program.cs.</summary>
internal static class PublicSiteExtensions
{
    /// <summary>Polish first; English and Ukrainian available through the language switch.</summary>
    public static readonly CultureInfo[] Cultures = [new("pl-PL"), new("en-GB"), new("uk-UA")];

    /// <summary>Each language named in itself, as the switch offers it.</summary>
    public static readonly IReadOnlyList<(CultureInfo Culture, string Name)> Languages =
        [(Cultures[0], "Polski"), (Cultures[1], "English"), (Cultures[2], "Українська")];

    public static WebApplicationBuilder AddPublicSite(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.AddPublicPostLimits();
        builder.AddNotificationSending();
        builder.AddRetentionWorker();
        builder.AddVisitEndpoints();

        // Polish letters are written as they are, not as &#x119; entities: smaller pages, readable source.
        builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddHttpContextAccessor();
        DictationSettings.AddDictationSettings(builder.Services);
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "mu_af";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        return builder;
    }

    /// <summary>
    /// A page's form post whose anti-forgery token or cookie is gone never meets the framework's bare English 400: it is
    /// sent (303, so the browser asks with GET) to a Polish page in the site's layout with a link back to the form.
    /// </summary>
    private static Task FormExpiredAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is { IsValid: false }
            && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null)
        {
            var back = Preferences.SafeReturn(context.Request.Path + context.Request.QueryString);
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = "/formularz-wygasl?powrot=" + Uri.EscapeDataString(back);
            return Task.CompletedTask;
        }

        return next(context);
    }

    private static readonly Task<ProviderCultureResult?> Polish = Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult("pl-PL"));

    private static readonly Task<ProviderCultureResult?> NotStaffArea = Task.FromResult<ProviderCultureResult?>(null);

    // The panel's pages, and "/_blazor": the site's only live connections are the panel's (public pages are plain forms).
    private static Task<ProviderCultureResult?> StaffAreaCultureAsync(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/panel", StringComparison.OrdinalIgnoreCase) || context.Request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase)
            ? Polish
            : NotStaffArea;

    public static WebApplication UsePublicSite(this WebApplication app)
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
        app.UseRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Only the visitor's own choice (the language switch's cookie) changes the language;
            // browser headers do not, so every resident sees Polish first.
            // The staff area (its pages and their live connections) is in Polish only, whatever the browser kept from the
            // public site: otherwise its pages said lang="en" over Polish text.
            o.RequestCultureProviders = [new CustomRequestCultureProvider(StaffAreaCultureAsync), new CookieRequestCultureProvider()];
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(LeanPageAttribute.LoadWholeAsync);

        // Residents' live connections are capped per address; staff (signed in) are not counted.
        app.UseLiveConnectionCap(context => context.User.Identity?.IsAuthenticated == true ? null : ClientAddress.Partition(context), o => o.LiveConnectionsPerAddress);
        app.UseAntiforgery();
        app.Use(FormExpiredAsync);
        // Answered first, before any of the middleware above (ShortCircuit): see HealthEndpoints.
        app.MapHealth();
        app.MapStaticAssets();
        app.MapPreferenceEndpoints();
        app.MapStaffEndpoints();
        app.MapReportEndpoints();
        app.MapPersonalDataEndpoints();
        app.MapVisitEndpoints();
        app.MapStopEndpoints();
        app.MapDictation(DictationCaller.AntiforgeryToken, ClientAddress.Partition);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
