using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.PublicSite.Components.Panel.Visits;

/// <summary>
/// The visits' addresses that are not pages: the outcome a phone kept offline (sent by moje-wizyty.js, answered in JSON)
/// and the clerk's private calendar feed (no sign-in: a secret token in the address).
/// </summary>
internal static class VisitEndpoints
{
    public const string FeedLimit = "kalendarz";

    /// <summary>Fetches of calendar feeds one address may make a minute (calendar apps poll every few minutes at most).</summary>
    public const int FeedFetchesPerMinute = 30;

    public static WebApplicationBuilder AddVisitEndpoints(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RateLimiterOptions>(o => o.AddPolicy(FeedLimit, context => RateLimitPartition.GetFixedWindowLimiter(
            "kalendarz:" + (context.Connection.RemoteIpAddress?.ToString() ?? "nieznany"),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = FeedFetchesPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        return builder;
    }

    public static WebApplication MapVisitEndpoints(this WebApplication app)
    {
        // The page's own form posts to the page; this is the same command for the page script, which needs an answer it
        // can read: 200 stored (or already stored with this key), 422 with the problems, 401 when the session ended
        // (the script sends X-Requested-With, so the sign-in cookie answers 401 rather than a redirect).
        app.MapPost("/panel/moje-wizyty/wynik/{visitId:int}", async (int visitId, HttpContext context, VisitOutcomes outcomes, IAntiforgery antiforgery) =>
        {
            var actor = StaffActor.From(context.User);
            if (actor is null || !actor.Can(StaffPermission.RecordVisitOutcome))
            {
                return Results.Forbid();
            }

            // The form carries the page's anti-forgery token, as the plain post does.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            var posted = await context.Request.ReadFormAsync(context.RequestAborted);
            var form = new OutcomeForm
            {
                Key = posted["Key"],
                Held = posted["Held"],
                Channel = posted["Channel"],
                Reference = posted["Reference"],
                AnotherVisit = posted["AnotherVisit"],
                Reason = posted["Reason"],
                NextStep = posted["NextStep"],
                Note = posted["Note"],
            };
            var result = await outcomes.RecordAsync(actor, visitId, form, context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            return result.Succeeded
                ? Results.Json(new { stored = true, visit = visitId })
                : Results.Json(new { stored = false, errors = result.Errors.Select(e => new { field = e.Field, message = VisitText.Get(e.Code, e.Args) }) }, statusCode: StatusCodes.Status422UnprocessableEntity);
        })
        .RequireAuthorization(StaffPermissions.Policy(StaffPermission.RecordVisitOutcome))
        .DisableAntiforgery();

        // A calendar app has no staff cookie: the token is the key. Unknown or renewed tokens get 404.
        app.MapGet("/kalendarz/{token}.ics", async (string token, HttpContext context, CalendarFeeds feeds) =>
        {
            var ics = await feeds.ReadAsync(token, context.RequestAborted);
            if (ics is null)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "private, no-cache";
            return Results.Text(ics, IcsCalendar.ContentType, Encoding.UTF8);
        })
        .AllowAnonymous()
        .RequireRateLimiting(FeedLimit);
        return app;
    }
}
