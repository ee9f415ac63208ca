using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Accessibility;

/// <summary>Arranging visits for the browser tests through the site's own services, as the coordinator would.</summary>
internal static class VisitsTestKit
{
    /// <summary>The next working day in Warsaw: the day-before list's day.</summary>
    public static DateOnly NextWorkingDay => WorkingDays.Next(WarsawTime.Today(TimeProvider.System));

    public static async Task<StaffActor> ActorAsync(SiteFixture site, string email)
    {
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        return new StaffActor(user.Id, user.DisplayName, [.. await users.GetRolesAsync(user)]);
    }

    /// <summary>Books the request with the clerk on <paramref name="day"/> at <paramref name="startHour"/> for two hours; returns the visit id.</summary>
    public static async Task<int> BookAsync(SiteFixture site, int requestId, string clerkEmail, DateOnly day, int startHour)
    {
        var coordinator = await ActorAsync(site, Staff.Coordinator);
        var clerk = await ActorAsync(site, clerkEmail);
        var result = await site.Services.GetRequiredService<VisitBooking>()
            .BookAsync(coordinator, requestId, clerk.UserId, day, new TimeOnly(startHour, 0), new TimeOnly(startHour + 2, 0), null);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Code)));
        return result.Id!.Value;
    }

    public static async Task<int> VisitCountAsync(SiteFixture site)
    {
        await using var db = site.OpenDatabase();
        return await db.Visits.CountAsync();
    }

    /// <summary>Presses Tab until the element with <paramref name="id"/> has focus (keyboard only), at most 60 times.</summary>
    public static async Task TabToAsync(IPage page, string id)
    {
        for (var i = 0; i < 60; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''") == id)
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached #{id}.");
    }
}
