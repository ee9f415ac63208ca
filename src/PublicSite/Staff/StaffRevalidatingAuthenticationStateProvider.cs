using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.PublicSite.Staff;

/// <summary>
/// Re-checks an open interactive page's staff member every <see cref="StaffOptions.RevalidationInterval"/>:
/// a disabled account, changed roles, a changed security stamp (password changed, signed out everywhere) or a server-side
/// session that ended (<see cref="StaffSessions"/>) ends the session on the open page too
/// (<see cref="Components.Panel.PanelPage"/> then leaves for the sign-in page).
/// </summary>
public sealed class StaffRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> identityOptions,
    IOptions<StaffOptions> staffOptions,
    StaffSessions sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => staffOptions.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (authenticationState.User.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        var session = await sessions.CheckAsync(
            StaffClaims.Session(authenticationState.User), StaffClaims.UserId(authenticationState.User), activity: false, cancellationToken);
        if (!session.IsOpen)
        {
            return false;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.GetUserAsync(authenticationState.User);
        if (user is null || user.IsDisabled)
        {
            return false;
        }

        if (users.SupportsUserSecurityStamp)
        {
            var stamp = authenticationState.User.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
            if (stamp != await users.GetSecurityStampAsync(user))
            {
                return false;
            }
        }

        var roles = await users.GetRolesAsync(user);
        var claimed = authenticationState.User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return claimed.SetEquals(roles);
    }
}
