using System.Globalization;
using System.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Administration;

/// <summary>A migrated test database with Identity on it, the clock, and actors of each role.</summary>
internal sealed class AdminTestKit : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private AdminTestKit(TestDatabase database, FakeClock clock, ServiceProvider services)
    {
        Database = database;
        Clock = clock;
        _services = services;
        Audit = new AuditLog(database, clock);
    }

    public TestDatabase Database { get; }
    public FakeClock Clock { get; }
    public AuditLog Audit { get; }
    public IServiceScopeFactory ScopeFactory => _services.GetRequiredService<IServiceScopeFactory>();

    public SignInThrottle Throttle => new(Database, Clock, Microsoft.Extensions.Options.Options.Create(new StaffSecurityOptions()));

    public StaffSessions Sessions { get; private set; } = default!;

    /// <summary>The staff administration as the site wires it, on this kit's database and clock.</summary>
    public StaffAdmin StaffAdmin() => new(ScopeFactory, Database, Audit, Clock, Throttle, Sessions);

    public static StaffActor Administrator { get; } = new("admin-1", "Ewa Administratorka", [StaffRoles.Administrator]);
    public static StaffActor Coordinator { get; } = new("coord-1", "Anna Kowalska", [StaffRoles.Coordinator]);
    public static StaffActor Clerk { get; } = new("clerk-1", "Tomasz Wiśniewski", [StaffRoles.Clerk]);

    public static async Task<AdminTestKit> CreateAsync()
    {
        var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddScoped(_ => database.CreateDbContext());
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" });
        services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Password.RequiredUniqueChars = 5;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddPasswordValidator<StaffPasswords>();
        var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in StaffRoles.All)
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var kit = new AdminTestKit(database, clock, provider);
        kit.Sessions = new StaffSessions(database, clock, Microsoft.Extensions.Options.Options.Create(new StaffSecurityOptions()));
        return kit;
    }

    /// <summary>Creates an account directly (as the command line would) and returns its actor.</summary>
    public async Task<StaffActor> AddStaffAsync(string email, string name, string role)
    {
        await using var scope = ScopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = email, Email = email, DisplayName = name, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, "bardzo-dlugie-haslo-1")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return new StaffActor(user.Id, name, [role]);
    }

    public async Task<StaffUser> FindUserAsync(string id)
    {
        await using var db = Database.CreateDbContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    public async Task<List<AuditEntry>> AuditEntriesAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.AuditLog.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    /// <summary>The Polish message a user reads for an error.</summary>
    public static string Message(AnswerError error)
    {
        var text = Resources.GetString(error.Code, CultureInfo.GetCultureInfo("pl-PL"));
        Assert.False(string.IsNullOrEmpty(text), $"No message for {error.Code}");
        return string.Format(CultureInfo.GetCultureInfo("pl-PL"), text!, error.Args);
    }

    public static ResourceManager Resources { get; } = new("MobilnyUrzednik.Core.Administration.AdminMessages", typeof(AdminMessages).Assembly);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
