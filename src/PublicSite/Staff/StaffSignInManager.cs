using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.PublicSite.Staff;

/// <summary>
/// Identity's sign-in with the staff area's rules: a disabled account can neither sign in nor keep a session; every
/// sign-in opens a server-side session (<see cref="StaffSessions"/>) whose id the cookie carries, and signing out ends
/// it; Identity's own account lockout is not used (<see cref="SignInThrottle"/> decides, and lets the owner in with the
/// password and the code).
/// </summary>
public sealed class StaffSignInManager(
    UserManager<StaffUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<StaffUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<StaffUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation,
    StaffSessions sessions)
    : SignInManager<StaffUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private bool _refreshing;

    public override async Task<bool> CanSignInAsync(StaffUser user) => !user.IsDisabled && await base.CanSignInAsync(user);

    public override async Task<StaffUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsDisabled: false } ? user : null;
    }

    // The throttle, not Identity's lockout, decides who may try (see SignInThrottle).
    protected override Task<bool> IsLockedOut(StaffUser user) => Task.FromResult(false);

    public override async Task RefreshSignInAsync(StaffUser user)
    {
        _refreshing = true;
        try
        {
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            _refreshing = false;
        }
    }

    /// <summary>
    /// Every sign-in ends here. A new sign-in (password, code) opens a new session and ends the one this browser had;
    /// a refresh (a changed password, a renewed cookie) keeps the session it had.
    /// </summary>
    public override async Task SignInWithClaimsAsync(StaffUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.Where(c => c.Type != StaffClaims.SessionId).ToList();
        var current = StaffClaims.Session(Context.User);
        string session;
        if (_refreshing && current is not null && StaffClaims.UserId(Context.User) == user.Id)
        {
            session = current;
        }
        else
        {
            await sessions.EndAsync(current);
            session = await sessions.StartAsync(user.Id);
        }

        claims.Add(new Claim(StaffClaims.SessionId, session));
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    public override async Task SignOutAsync()
    {
        await sessions.EndAsync(StaffClaims.Session(Context.User));
        await base.SignOutAsync();
    }

    /// <summary>After the code of the second step was verified: the session opens, marked as opened with a second factor.</summary>
    public async Task CompleteTwoFactorAsync(StaffUser user)
    {
        await Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await SignInWithClaimsAsync(user, new AuthenticationProperties { IsPersistent = false }, [new Claim(SecondFactorRequirement.ClaimType, SecondFactorRequirement.ClaimValue)]);
    }

    /// <summary>After the password was verified: either the session opens, or (an account with an authenticator) the code step begins.</summary>
    public Task<SignInResult> PasswordVerifiedAsync(StaffUser user) => SignInOrTwoFactorAsync(user, isPersistent: false);
}

/// <summary>Puts the display name, the staff member's roles and a pending password change into the sign-in cookie.</summary>
public sealed class StaffClaimsPrincipalFactory(
    UserManager<StaffUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(StaffActor.DisplayNameClaim, user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(StaffClaims.PasswordMustChange, "change"));
        }

        return identity;
    }
}
