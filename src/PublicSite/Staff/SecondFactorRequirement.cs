using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace MobilnyUrzednik.PublicSite.Staff;

/// <summary>The session was opened with a second factor (Identity marks it with the claim amr = "mfa").</summary>
public sealed class SecondFactorRequirement : IAuthorizationRequirement
{
    public const string ClaimType = "amr";
    public const string ClaimValue = "mfa";
}

/// <summary>Grants <see cref="SecondFactorRequirement"/> when two-factor is not required here, or the session has it.</summary>
public sealed class SecondFactorHandler(IOptions<StaffOptions> options, IHostEnvironment environment) : AuthorizationHandler<SecondFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SecondFactorRequirement requirement)
    {
        if (!Required(options.Value, environment) || context.User.HasClaim(SecondFactorRequirement.ClaimType, SecondFactorRequirement.ClaimValue))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    /// <summary>Whether staff must use two-factor sign-in in this environment.</summary>
    public static bool Required(StaffOptions options, IHostEnvironment environment) => options.RequireTwoFactor ?? !environment.IsDevelopment();
}

/// <summary>The password is the staff member's own: not a first password an administrator set (<see cref="StaffClaims.PasswordMustChange"/>).</summary>
public sealed class OwnPasswordRequirement : AuthorizationHandler<OwnPasswordRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OwnPasswordRequirement requirement)
    {
        if (!context.User.HasClaim(c => c.Type == StaffClaims.PasswordMustChange))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
