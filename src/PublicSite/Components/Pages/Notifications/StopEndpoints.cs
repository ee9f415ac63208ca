using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Localization;
using MobilnyUrzednik.Core.Notifications;

namespace MobilnyUrzednik.PublicSite.Components.Pages.Notifications;

/// <summary>
/// One-click stop for mail clients (RFC 8058): <c>POST /api/powiadomienia/stop/{token}</c> with the form body
/// <c>List-Unsubscribe=One-Click</c>. The client posts without our page, so it has no anti-forgery token: that check is
/// off on purpose. The token is the secret, as in the stop link; the per-address post limit (PublicPostLimits) covers it.
/// </summary>
internal static class StopEndpoints
{
    /// <summary>The address an e-mail's <c>List-Unsubscribe</c> header should give, with <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>.</summary>
    public const string OneClickPattern = "/api/powiadomienia/stop/{token}";

    // The body is one short field; anything longer is not a mail client.
    private const long MaxBodyBytes = 4096;

    public static void MapStopEndpoints(this WebApplication app)
    {
        // A mail client that opens the List-Unsubscribe address rather than posting to it gets the stop page, which asks.
        app.MapGet(OneClickPattern, (string token) => Results.Redirect("/powiadomienia/stop/" + Uri.EscapeDataString(token)));
        app.MapPost(OneClickPattern, async (string token, HttpContext context, Subscriptions subscriptions, IStringLocalizer<SubscriptionText> loc, CancellationToken ct) =>
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = MaxBodyBytes;
            }

            // Answers carry a body of their own so the status-code pages (meant for people) leave them alone.
            IResult Answer(string key, int status) => Results.Text(loc[key], "text/plain; charset=utf-8", statusCode: status);

            IFormCollection form;
            try
            {
                if (!context.Request.HasFormContentType)
                {
                    return Answer("OneClickBadRequest", StatusCodes.Status400BadRequest);
                }

                form = await context.Request.ReadFormAsync(ct);
            }
            catch (Exception e) when (e is BadHttpRequestException or InvalidDataException)
            {
                return Answer("OneClickBadRequest", StatusCodes.Status400BadRequest);
            }

            if (form["List-Unsubscribe"] != "One-Click")
            {
                return Answer("OneClickBadRequest", StatusCodes.Status400BadRequest);
            }

            return await subscriptions.StopAsync(token, ct) == StopOutcome.NotFound
                ? Answer("OneClickNotFound", StatusCodes.Status404NotFound)
                : Answer("OneClickStopped", StatusCodes.Status200OK);
        })
        .DisableAntiforgery();
    }
}
