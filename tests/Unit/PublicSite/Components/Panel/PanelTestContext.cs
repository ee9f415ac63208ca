using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Administration;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.PublicSite.Components.Panel;

/// <summary>
/// bUnit for the interactive staff pages: a signed-in staff member, the real administration services over a
/// real SQLite database (Identity included), and the focus module the pages import.
/// </summary>
public abstract class PanelTestContext : PublicSiteTestContext
{
    protected TestDatabase Database { get; private set; } = default!;
    protected FakeClock Clock { get; } = new();

    /// <summary>The server-side sessions; the signed-in staff member has an open one.</summary>
    protected StaffSessions Sessions { get; private set; } = default!;

    protected async Task StartAsync(string role = StaffRoles.Administrator, string userId = "admin-1")
    {
        Database = await TestDatabase.CreateAsync();
        UseDatabase(Database, Clock);
        Services.AddLogging();
        Services.AddScoped(_ => Database.CreateDbContext());
        Services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>();
        Services.AddSingleton<AuditLog>();
        Services.AddSingleton<CatalogueAdmin>();
        Services.AddSingleton<SettingsAdmin>();
        Services.AddSingleton<StaffAdmin>();
        Services.AddSingleton<AuditQuery>();
        Services.AddSingleton<Core.Administration.Reports>();

        // Every event of a staff page first asks whether its server-side session is open: give the staff member one.
        var limits = Microsoft.Extensions.Options.Options.Create(new StaffSecurityOptions());
        Sessions = new StaffSessions(Database, Clock, limits);
        Services.AddSingleton(Sessions);
        Services.AddSingleton(new SignInThrottle(Database, Clock, limits));
        Services.AddSingleton<PublicSite.Staff.StaffDrafts>();
        Services.AddScoped<PublicSite.Staff.PanelCircuit>();
        var session = await Sessions.StartAsync(userId, Ct);

        var auth = AddAuthorization();
        auth.SetAuthorized("Ewa Administratorka");
        auth.SetRoles(role);
        auth.SetClaims(
            new Claim(ClaimTypes.NameIdentifier, userId),
            new Claim(StaffActor.DisplayNameClaim, "Ewa Administratorka"),
            new Claim(PublicSite.Staff.StaffClaims.SessionId, session));

        var module = JSInterop.SetupModule("./panel-admin.js");
        module.SetupVoid("focus", _ => true).SetVoidResult();
    }

    /// <summary>The selectors the page moved focus to, in order.</summary>
    protected IEnumerable<string> Focused() =>
        JSInterop.Invocations.Where(i => i.Identifier == "focus").Select(i => (string)i.Arguments[0]!);

    protected async Task<int> CountAsync<T>(Func<AppDbContext, IQueryable<T>> query)
    {
        await using var db = Database.CreateDbContext();
        return await query(db).CountAsync(Ct);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }
}
