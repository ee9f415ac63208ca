using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MobilnyUrzednik.Core.Catalogue;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Dictation;
using MobilnyUrzednik.Core.Health;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Privacy;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Core;

/// <summary>Registers the domain and its database for either app.</summary>
public static class CoreExtensions
{
    /// <summary>
    /// Adds the database (<see cref="DatabaseSettings"/>: SQLite by default, or PostgreSQL), its data-protection key
    /// ring and the domain services.
    /// </summary>
    public static IHostApplicationBuilder AddCore(this IHostApplicationBuilder builder)
    {
        var database = DatabaseSettings.From(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(database);

        // The settings and the catalogue are kept in memory (MatterCatalogue) until a save in this process changes them.
        // Another process does not see that save — the kiosk app shares the public site's database, even on SQLite, and
        // PostgreSQL may have several nodes — so a copy lives 30 seconds at most.
        var referenceData = new ReferenceDataChanges(TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton(referenceData);
        // Pooled: a page view takes a context that is already built and returns it when done (EF resets it), instead of
        // building one per operation. The options are the same for every context (interceptors are shared instances;
        // SQLite's set-up runs on each connection open, so a reused context gets it too). The pool also lends the
        // scoped AppDbContext that Identity's stores use.
        builder.Services.AddPooledDbContextFactory<AppDbContext>((sp, o) => database.Configure(o)
            .AddInterceptors(new Notifications.NotificationsExtensions.SignalInterceptor(sp.GetRequiredService<Notifications.OutboxSignal>()))
            .AddInterceptors(referenceData.Interceptors));
        builder.AddKeyRing();
        builder.AddClock();
        builder.AddPublicSiteAddress();
        builder.Services.AddSingleton<DraftStore>();
        builder.Services.AddSingleton<RequestSubmission>();
        builder.AddStatusLookup();
        builder.Services.AddSingleton<MatterCatalogue>();
        builder.Services.AddSingleton<Audit.AuditLog>();
        builder.Services.AddSingleton<Office.RequestDetails>();
        builder.Services.AddSingleton<Office.RequestActions>();
        builder.Services.AddSingleton<Office.Inbox>();
        builder.Services.AddSingleton<Office.PhoneIntake>();
        builder.Services.AddSingleton<Office.WaitingWork>();
        builder.Services.AddSingleton<Visits.VisitBooking>();
        builder.Services.AddSingleton<Administration.CatalogueAdmin>();
        builder.Services.AddSingleton<Administration.SettingsAdmin>();
        builder.Services.AddSingleton<Administration.StaffAdmin>();
        builder.Services.Configure<Staff.StaffSecurityOptions>(builder.Configuration.GetSection("Staff"));
        builder.Services.AddSingleton<Staff.StaffSessions>();
        builder.Services.AddSingleton<Staff.SignInThrottle>();
        builder.Services.AddSingleton<Administration.AuditQuery>();
        builder.Services.AddSingleton<Administration.Reports>();
        builder.Services.AddSingleton<Visits.ClerkSchedule>();
        builder.Services.AddSingleton<Visits.DayBefore>();
        builder.Services.AddSingleton<Visits.MyVisits>();
        builder.Services.AddSingleton<Visits.VisitOutcomes>();
        builder.Services.AddSingleton<Visits.CalendarFeeds>();
        builder.AddDictation();
        builder.AddNotificationOutbox();
        builder.AddPrivacy();
        builder.AddHealth();
        builder.AddTelemetry();

        // No personal data in logs, whatever level an operator turns on: at Debug, the framework logs every message of
        // a live connection (SignalR hub invocations, Blazor's events) with its arguments — what people type.
        foreach (var category in new[] { "Microsoft.AspNetCore.SignalR", "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Components.Server" })
        {
            builder.Logging.AddFilter(category, level => level >= LogLevel.Information);
        }

        return builder;
    }

    /// <summary>
    /// Brings the database to where the app can start (<see cref="DatabaseStartup.PrepareDatabaseAsync"/>): SQLite
    /// migrates itself, PostgreSQL must already be migrated; the first-start data is seeded once.
    /// </summary>
    public static Task PrepareDatabaseAsync(this WebApplication app) => DatabaseStartup.PrepareDatabaseAsync(app.Services);

    /// <summary>
    /// Keeps the data-protection keys (staff sign-in cookies, kiosk device cookies, anti-forgery tokens) in the
    /// database, so a restart or a second node reads what the first one signed. The application name is fixed,
    /// not the default content path, so nodes installed in different folders share one ring. With
    /// <c>DataProtection:CertificatePath</c> (a PFX file, <c>DataProtection:CertificatePassword</c>) the keys are
    /// encrypted at rest with that certificate.
    /// </summary>
    private static void AddKeyRing(this IHostApplicationBuilder builder)
    {
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName("MobilnyUrzednik." + builder.Environment.ApplicationName.Split('.')[^1])
            .PersistKeysToDbContext<AppDbContext>();
        var certificatePath = builder.Configuration["DataProtection:CertificatePath"];
        if (string.IsNullOrWhiteSpace(certificatePath))
        {
            return;
        }

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(certificatePath, builder.Configuration["DataProtection:CertificatePassword"]);
            if (!certificate.HasPrivateKey)
            {
                throw new StartupFailureException($"Certyfikat {certificatePath} (DataProtection:CertificatePath) nie ma klucza prywatnego. / The certificate has no private key.");
            }

            dataProtection.ProtectKeysWithCertificate(certificate);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new StartupFailureException(
                $"Nie można wczytać certyfikatu {certificatePath} (DataProtection:CertificatePath): {ex.Message} / Cannot load the key-ring certificate.", ex);
        }
        catch (IOException ex)
        {
            throw new StartupFailureException(
                $"Nie można odczytać pliku certyfikatu {certificatePath} (DataProtection:CertificatePath): {ex.Message} / Cannot read the key-ring certificate.", ex);
        }
    }
}
