using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace MobilnyUrzednik.Kiosk.Devices;

/// <summary><c>GET/POST /urzadzenie</c>: the kiosk's key entered once (a plain form, no live connection: it sets the device cookie).</summary>
internal static class KioskSetupEndpoints
{
    public static IEndpointRouteBuilder MapKioskSetup(this IEndpointRouteBuilder app)
    {
        app.MapGet(KioskDeviceMiddleware.SetupPath, IResult (HttpContext context, KioskDeviceMiddleware devices) => devices.IsSecureEnough(context)
            ? new RazorComponentResult<KioskSetupPage>()
            : HttpsRefusal());
        app.MapPost(KioskDeviceMiddleware.SetupPath, IResult (HttpContext context, [FromForm(Name = KioskSetupPage.KeyField)] string? key, KioskDeviceMiddleware devices, IStringLocalizer<SetupText> loc) =>
        {
            // The key is refused unread over plain HTTP: it would have crossed the network in the clear.
            if (!devices.IsSecureEnough(context))
            {
                return HttpsRefusal();
            }

            if (devices.TryEnrol(context, key))
            {
                return Results.Redirect("/");
            }

            var error = string.IsNullOrWhiteSpace(key) ? loc[nameof(SetupText.KeyRequired)] : loc[nameof(SetupText.KeyUnknown)];
            return new RazorComponentResult<KioskSetupPage>(new { Error = error.Value }) { StatusCode = StatusCodes.Status403Forbidden };
        }).DisableAntiforgery();
        return app;
    }

    /// <summary>
    /// The refusal a browser without a kiosk key gets (403), with the way to the set-up form; over plain HTTP (outside
    /// Development) it says the key is entered over an encrypted connection only.
    /// </summary>
    public static Task RefuseAsync(HttpContext context, bool overHttp = false) =>
        new RazorComponentResult<KioskSetupPage>(new { Refused = true, OverHttp = overHttp }) { StatusCode = StatusCodes.Status403Forbidden }.ExecuteAsync(context);

    private static RazorComponentResult<KioskSetupPage> HttpsRefusal() =>
        new(new { OverHttp = true }) { StatusCode = StatusCodes.Status403Forbidden };
}
