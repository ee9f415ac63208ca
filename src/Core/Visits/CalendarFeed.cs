namespace MobilnyUrzednik.Core.Visits;

/// <summary>
/// A clerk's private calendar subscription address: only the SHA-256 of its secret token is kept, so the address can be
/// shown once (when made) and never read back. Renewing replaces the hash, and the old address stops working.
/// </summary>
public sealed class CalendarFeed
{
    public int Id { get; set; }

    public required string ClerkId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token in the address.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a calendar app last fetched it (the audit log keeps every fetch).</summary>
    public DateTimeOffset? LastReadAt { get; set; }
}
