using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.PublicSite.Components.Panel;

namespace MobilnyUrzednik.PublicSite.Staff;

/// <summary>
/// The staff cookie is only a key: each request's session is checked on the server (<see cref="StaffSessions"/>) before
/// the account's security stamp. A session that ended (no input for the idle time, past the absolute limit, signed out)
/// is refused and the cookie removed, whatever its own expiry says; the sign-in page then says "Sesja się skończyła" and
/// takes the staff member back to where they were. Only requests for staff pages count as input: the framework's own
/// traffic (a live page's connection, scripts, styles) keeps nothing alive.
/// </summary>
public sealed class StaffCookieEvents(StaffSessions sessions) : CookieAuthenticationEvents
{
    private const string EndedKey = "mu:session-ended";

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var activity = request.Path.StartsWithSegments(PanelRoutes.Home, StringComparison.Ordinal);
        var state = await sessions.CheckAsync(StaffClaims.Session(context.Principal), StaffClaims.UserId(context.Principal), activity, http.RequestAborted);
        if (!state.IsOpen)
        {
            http.Items[EndedKey] = true;
            context.RejectPrincipal();
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (context.HttpContext.Items.ContainsKey(EndedKey))
        {
            context.RedirectUri += (context.RedirectUri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "wygaslo=1";
        }

        return base.RedirectToLogin(context);
    }
}
