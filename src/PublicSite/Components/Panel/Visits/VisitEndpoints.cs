using System.Text;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.PublicSite.Components.Panel.Visits;

/// <summary>The signed-in staff member's own upcoming visits as an iCalendar file (<see cref="PanelRoutes.MyVisitsFeed"/>).</summary>
internal static class VisitEndpoints
{
    public static WebApplication MapVisitEndpoints(this WebApplication app)
    {
        app.MapGet(PanelRoutes.MyVisitsFeed, async (HttpContext context, MyVisits visits, TimeProvider clock) =>
        {
            var actor = StaffActor.From(context.User);
            if (actor is null || !actor.Can(StaffPermission.ViewOwnVisits))
            {
                return Results.Forbid();
            }

            var upcoming = await visits.UpcomingAsync(actor, context.RequestAborted);
            var ics = IcsCalendar.Write(MyVisits.ToEvents(upcoming), clock.GetUtcNow(), VisitText.Get("Ics_CalendarName", actor.DisplayName));
            context.Response.Headers.CacheControl = "no-store";
            return Results.File(
                Encoding.UTF8.GetBytes(ics),
                IcsCalendar.ContentType,
                $"moje-wizyty-{WarsawTime.Today(clock):yyyy-MM-dd}.ics");
        }).RequireAuthorization(StaffPermissions.Policy(StaffPermission.ViewOwnVisits));
        return app;
    }
}
