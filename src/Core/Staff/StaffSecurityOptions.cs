namespace MobilnyUrzednik.Core.Staff;

/// <summary>
/// Limits of staff sign-in and sessions (section "Staff" of the configuration; README lists each with its default).
/// </summary>
public sealed class StaffSecurityOptions
{
    /// <summary>A session ends after this long without input (<c>Staff:SessionTimeout</c>).</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however active (<c>Staff:AbsoluteSessionLimit</c>).</summary>
    public TimeSpan AbsoluteSessionLimit { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Wrong passwords or codes for one e-mail address before it needs the password and the code together (<c>Staff:MaxFailedAttempts</c>).</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long that lock lasts, and the window its failures are counted in (<c>Staff:LockoutDuration</c>).</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed sign-ins from one address (IPv4, or IPv6 /64), whatever the account, before it must wait (<c>Staff:FailuresPerAddress</c>).</summary>
    public int FailuresPerAddress { get; set; } = 20;

    /// <summary>The window in which an address's failures are counted, and its wait (<c>Staff:AddressWindow</c>).</summary>
    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(15);
}
