namespace MobilnyUrzednik.Core.Requests;

/// <summary>
/// One change in a request's life. Append-only: entries are added, never edited or removed
/// (the context refuses updates and deletes of this type).
/// </summary>
public sealed class RequestHistoryEntry
{
    public long Id { get; set; }
    public int VisitRequestId { get; set; }
    public DateTimeOffset At { get; set; }
    public RequestStatus Status { get; set; }

    /// <summary>Who made the change: "mieszkaniec", a kiosk's location or a staff member's name.</summary>
    public required string Actor { get; set; }

    /// <summary>A note the resident sees on the status page, in plain words. Optional.</summary>
    public string? PublicNote { get; set; }
}
