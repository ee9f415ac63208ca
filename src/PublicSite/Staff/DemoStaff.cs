using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.PublicSite.Staff;

/// <summary>Development only: one demo account per role and two clerks with working hours (README lists them).</summary>
internal static class DemoStaff
{
    /// <summary>The demo password of every demo account. Development only: never seeded elsewhere.</summary>
    public const string Password = StaffPasswords.DemoPassword;

    public static readonly (string Email, string Name, string Role)[] Accounts =
    [
        ("admin@przykladowo.example.pl", "Ewa Administratorka", StaffRoles.Administrator),
        ("koordynator@przykladowo.example.pl", "Anna Kowalska", StaffRoles.Coordinator),
        ("urzednik@przykladowo.example.pl", "Tomasz Wiśniewski", StaffRoles.Clerk),
        ("urzedniczka@przykladowo.example.pl", "Maria Zielińska", StaffRoles.Clerk),
    ];

    public static async Task EnsureSeededAsync(IServiceProvider services)
    {
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        var clock = services.GetRequiredService<TimeProvider>();
        foreach (var (email, name, role) in Accounts)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = clock.GetUtcNow() };
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRoleAsync(user, role));
        }

        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        foreach (var (email, _, role) in Accounts.Where(a => a.Role == StaffRoles.Clerk))
        {
            var clerk = await users.FindByEmailAsync(email);
            if (clerk is null || await db.ClerkWorkingHours.AnyAsync(w => w.ClerkId == clerk.Id))
            {
                continue;
            }

            foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            {
                db.ClerkWorkingHours.Add(new ClerkWorkingHours { ClerkId = clerk.Id, Day = day, Start = new TimeOnly(8, 0), End = new TimeOnly(16, 0) });
            }
        }

        await db.SaveChangesAsync();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo staff: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
