namespace MobilnyUrzednik.Core.Requests;

/// <summary>
/// A half-filled request kept on the server under a random key (held by the browser in a cookie),
/// so a dropped connection or a closed tab does not wipe what someone typed. Drafts expire.
/// </summary>
public sealed class RequestDraft
{
    /// <summary>Random, unguessable key (128 bits, base64url).</summary>
    public required string Key { get; set; }

    /// <summary>The answers as JSON; emptied once the request is sent, so no personal data lingers.</summary>
    public required string AnswersJson { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The request this draft became, once sent.</summary>
    public int? SubmittedRequestId { get; set; }
}
