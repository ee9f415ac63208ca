namespace MobilnyUrzednik.PublicSite.Staff;

/// <summary>
/// The staff area's settings that belong to the site (section "Staff" of the configuration). The limits of sign-in and
/// sessions are in <see cref="Core.Staff.StaffSecurityOptions"/>, bound from the same section.
/// </summary>
public sealed class StaffOptions
{
    /// <summary>Two-factor sign-in (authenticator app) for every staff account. Null: on everywhere except Development.</summary>
    public bool? RequireTwoFactor { get; set; }

    /// <summary>How often an open session re-checks the account (disabled, roles changed, signed out elsewhere).</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);
}
