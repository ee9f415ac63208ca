using System.Security.Claims;

namespace MobilnyUrzednik.PublicSite.Staff;

/// <summary>The claims of the staff sign-in cookie beyond Identity's own.</summary>
public static class StaffClaims
{
    /// <summary>The id of the server-side session (<see cref="Core.Staff.StaffSessions"/>); the cookie is only its key.</summary>
    public const string SessionId = "mu:sid";

    /// <summary>Present (value "change") while the account's password was set by an administrator and must be changed first.</summary>
    public const string PasswordMustChange = "mu:pw";

    public static string? Session(ClaimsPrincipal? user) => user?.FindFirstValue(SessionId);

    public static string? UserId(ClaimsPrincipal? user) => user?.FindFirstValue(ClaimTypes.NameIdentifier);
}
