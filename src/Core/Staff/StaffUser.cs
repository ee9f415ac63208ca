using Microsoft.AspNetCore.Identity;

namespace MobilnyUrzednik.Core.Staff;

/// <summary>
/// A member of the office's staff: administrator, coordinator or clerk (roles through Identity).
/// Clerks are the people who visit; their name is given to the resident before a visit.
/// </summary>
public sealed class StaffUser : IdentityUser
{
    /// <summary>The name residents and colleagues know, e.g. "Tomasz Wiśniewski".</summary>
    public required string DisplayName { get; set; }

    /// <summary>A disabled account cannot sign in, and its open sessions end within a minute.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The password was set by an administrator (a first password handed over): the panel opens nothing but the
    /// password change until the person has chosen their own.
    /// </summary>
    public bool MustChangePassword { get; set; }

    /// <summary>The 30-second step of the last authenticator code accepted: that code and every earlier one are refused.</summary>
    public long? LastTotpStep { get; set; }
}
