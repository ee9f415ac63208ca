using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Office;

/// <summary>Staff actors and stored requests for the office's matters.</summary>
internal static class OfficeTestData
{
    public static readonly StaffActor Coordinator = new("coordinator-1", "Anna Kowalska", [StaffRoles.Coordinator]);
    public static readonly StaffActor Administrator = new("admin-1", "Ewa Administratorka", [StaffRoles.Administrator]);
    public static readonly StaffActor Clerk = new("clerk-1", "Tomasz Wiśniewski", [StaffRoles.Clerk]);

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Stores a submitted request made at <paramref name="createdAt"/> and returns its id.</summary>
    public static async Task<int> AddRequestAsync(TestDatabase database, DateTimeOffset createdAt, string name = "Janina Kowalczyk",
        RequestChannel channel = RequestChannel.Web, string? matterSlug = null)
    {
        await using var db = database.CreateDbContext();
        var matter = matterSlug is null ? await db.Matters.OrderBy(s => s.SortOrder).FirstAsync(Ct) : await db.Matters.FirstAsync(s => s.Slug == matterSlug, Ct);
        var request = TestRequests.New(matter.Id, name, channel);
        request.RecordSubmission("mieszkaniec", createdAt);
        db.VisitRequests.Add(request);
        await db.SaveChangesAsync(Ct);
        return request.Id;
    }

    /// <summary>Adds a clerk account (no password: these tests never sign in) working Mon–Fri 8:00–16:00.</summary>
    public static async Task<string> AddClerkAsync(TestDatabase database, string name = "Tomasz Wiśniewski")
    {
        await using var db = database.CreateDbContext();
        var role = await db.Roles.FirstOrDefaultAsync(r => r.Name == StaffRoles.Clerk, Ct);
        if (role is null)
        {
            role = new IdentityRole(StaffRoles.Clerk) { NormalizedName = StaffRoles.Clerk.ToUpperInvariant() };
            db.Roles.Add(role);
        }

        var user = new StaffUser { UserName = Guid.NewGuid().ToString("N"), DisplayName = name };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            db.ClerkWorkingHours.Add(new ClerkWorkingHours { ClerkId = user.Id, Day = day, Start = new TimeOnly(8, 0), End = new TimeOnly(16, 0) });
        }

        await db.SaveChangesAsync(Ct);
        return user.Id;
    }
}
