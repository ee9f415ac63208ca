using MobilnyUrzednik.Core.Privacy;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.PublicSite.Components.Panel.Admin;

/// <summary>The download of everything held about one request (RODO art. 15), for the ManagePersonalData policy only.</summary>
internal static class PersonalDataEndpoints
{
    public static WebApplication MapPersonalDataEndpoints(this WebApplication app)
    {
        app.MapGet(PanelRoutes.PersonalData + "/eksport/{id:int}", async (int id, HttpContext context, PersonalData data) =>
        {
            var actor = StaffActor.From(context.User);
            if (actor is null || !actor.Can(StaffPermission.ManagePersonalData))
            {
                return Results.Forbid();
            }

            var bytes = await data.ExportAsync(actor, id, context.RequestAborted);
            if (bytes is null)
            {
                return Results.NotFound();
            }

            // Personal data: never kept by a browser cache or a proxy.
            context.Response.Headers.CacheControl = "no-store";
            return Results.File(bytes, "application/json; charset=utf-8", $"dane-zgloszenia-{id}.json");
        }).RequireAuthorization(StaffPermissions.Policy(StaffPermission.ManagePersonalData));
        return app;
    }
}
