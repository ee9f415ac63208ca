using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using MobilnyUrzednik.Components.Forms;
using MobilnyUrzednik.Core.Dictation;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Privacy;
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

    public static WebApplication UsePublicSite(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);

            // Browsers are told to come back over HTTPS only; never in Development (it would stick to localhost).
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
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapPreferenceEndpoints();
        app.MapStaffEndpoints();
        app.MapReportEndpoints();
        app.MapPersonalDataEndpoints();
        app.MapVisitEndpoints();
        app.MapStopEndpoints();
        app.MapDictation(DictationCaller.AntiforgeryToken, context => context.Connection.RemoteIpAddress?.ToString() ?? "nieznany");
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
