using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MobilnyUrzednik.Core.Catalogue;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Dictation;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Privacy;
using MobilnyUrzednik.Core.Requests;
using System.Data.Common;

namespace MobilnyUrzednik.Core;

/// <summary>Registers the domain and its database for either app.</summary>
public static class CoreExtensions
{
    /// <summary>
    /// Adds the database (SQLite by default: <c>ConnectionStrings:Default</c>, a relative file path
    /// resolved against the app's content root) and the domain services.
    /// </summary>
    public static IHostApplicationBuilder AddCore(this IHostApplicationBuilder builder)
    {
        var connectionString = ResolveSqlitePath(
            builder.Configuration.GetConnectionString("Default") ?? "Data Source=mobilny-urzednik.db",
            builder.Environment.ContentRootPath);

        builder.Services.AddDbContextFactory<AppDbContext>((sp, o) => o
            .UseSqlite(connectionString)
            .AddInterceptors(new SqliteDurabilityInterceptor(), new Notifications.NotificationsExtensions.SignalInterceptor(sp.GetRequiredService<Notifications.OutboxSignal>())));
        builder.Services.AddSingleton(TimeProvider.System);
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
        builder.Services.AddSingleton<Visits.VisitBooking>();
        builder.Services.AddSingleton<Administration.CatalogueAdmin>();
        builder.Services.AddSingleton<Administration.SettingsAdmin>();
        builder.Services.AddSingleton<Administration.StaffAdmin>();
        builder.Services.AddSingleton<Administration.AuditQuery>();
        builder.Services.AddSingleton<Administration.Reports>();
        builder.Services.AddSingleton<Visits.ClerkSchedule>();
        builder.Services.AddSingleton<Visits.DayBefore>();
        builder.Services.AddSingleton<Visits.MyVisits>();
        builder.AddDictation();
        builder.AddNotificationOutbox();
        builder.AddPrivacy();

        // No personal data in logs, whatever level an operator turns on: at Debug, the framework logs every message of
        // a live connection (SignalR hub invocations, Blazor's events) with its arguments — what people type.
        foreach (var category in new[] { "Microsoft.AspNetCore.SignalR", "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Components.Server" })
        {
            builder.Logging.AddFilter(category, level => level >= LogLevel.Information);
        }

        return builder;
    }

    /// <summary>
    /// Brings the embedded SQLite schema up to date and seeds the first-start data, so a plain
    /// <c>dotnet run</c> works. (PostgreSQL deployments migrate as an explicit step.)
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        if (db.Database.IsSqlite())
        {
            var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                PrivateFiles.CreateFolder(folder);
            }

            if (!string.IsNullOrEmpty(path) && path != ":memory:" && !path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            {
                // The database holds health data: readable by the service's user only (its WAL follows the file's mode).
                PrivateFiles.PrepareSqliteFile(Path.GetFullPath(path));
            }

            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        await DemoData.EnsureSeededAsync(db);
    }

    internal static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(csb.DataSource) && csb.DataSource != ":memory:" && !Path.IsPathRooted(csb.DataSource)
            && !csb.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            csb.DataSource = Path.GetFullPath(Path.Combine(contentRoot, csb.DataSource));
        }

        return csb.ToString();
    }

    // Every connection commits durably (a confirmed request survives a power cut) and waits
    // rather than failing when another writer holds the lock.
    private sealed class SqliteDurabilityInterceptor : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }
}
