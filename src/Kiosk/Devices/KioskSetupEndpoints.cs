using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace MobilnyUrzednik.Kiosk.Devices;

/// <summary><c>GET/POST /urzadzenie</c>: the kiosk's key entered once (a plain form, no live connection: it sets the device cookie).</summary>
internal static class KioskSetupEndpoints
{
    public static IEndpointRouteBuilder MapKioskSetup(this IEndpointRouteBuilder app)
    {
        app.MapGet(KioskDeviceMiddleware.SetupPath, () => new RazorComponentResult<KioskSetupPage>());
        app.MapPost(KioskDeviceMiddleware.SetupPath, IResult (HttpContext context, [FromForm(Name = KioskSetupPage.KeyField)] string? key, KioskDeviceMiddleware devices, IStringLocalizer<SetupText> loc) =>
        {
            if (devices.TryEnrol(context, key))
            {
                return Results.Redirect("/");
            }

            var error = string.IsNullOrWhiteSpace(key) ? loc[nameof(SetupText.KeyRequired)] : loc[nameof(SetupText.KeyUnknown)];
            return new RazorComponentResult<KioskSetupPage>(new { Error = error.Value }) { StatusCode = StatusCodes.Status403Forbidden };
        }).DisableAntiforgery();
        return app;
    }

    /// <summary>The refusal a browser without a kiosk key gets (403), with the way to the set-up form.</summary>
    public static Task RefuseAsync(HttpContext context) =>
        new RazorComponentResult<KioskSetupPage>(new { Refused = true }) { StatusCode = StatusCodes.Status403Forbidden }.ExecuteAsync(context);
}
