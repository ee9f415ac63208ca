namespace MobilnyUrzednik.PublicSite.Staff;

/// <summary>The staff area's security settings (section "Staff" of the configuration).</summary>
public sealed class StaffOptions
{
    /// <summary>Two-factor sign-in (authenticator app) for every staff account. Null: on everywhere except Development.</summary>
    public bool? RequireTwoFactor { get; set; }

    /// <summary>How often an open session re-checks the account (disabled, roles changed, signed out elsewhere).</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A session ends after this long without a request.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Wrong passwords in a row before the account is locked.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
