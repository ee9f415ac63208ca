using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;

namespace MobilnyUrzednik.Core.Requests;

/// <summary>
/// The public status look-up: a tracking code plus the last four digits of a contact phone.
/// A wrong pair is one answer, "not found", whichever half was wrong. Every front end (the website, the kiosk, the
/// follower sign-up that checks the pair again) goes through <see cref="LookUpAsync"/>, so the limits of
/// <see cref="StatusLookupLimiter"/> hold wherever a pair can be tried.
/// </summary>
public sealed class StatusLookup(IDbContextFactory<AppDbContext> dbFactory, StatusLookupLimiter limiter)
{
    /// <summary>The look-up form's fields (ids and names), the same on the site and the kiosk.</summary>
    public const string CodeField = "numer";

    public const string DigitsField = "cyfry";

    /// <summary>
    /// The look-up as a person types it, one piece of logic for the public site, the kiosk and the follower sign-up that
    /// checks the pair again: both halves are checked (each problem a key of <c>StatusText</c>), then the pair is looked
    /// up within the limits; a wrong pair is one answer, "not found", on the code field, whichever half was wrong, and a
    /// locked code or a used-up hour is said on the code field too (<see cref="StatusLookupResult.Refusal"/>). A malformed
    /// half is never counted.
    /// </summary>
    public async Task<StatusLookupResult> LookUpAsync(string? codeInput, string? digitsInput, LookupCaller caller, CancellationToken ct = default)
    {
        var errors = new List<AnswerError>();
        var code = TrackingCode.Parse(codeInput);
        if (!code.IsValid)
        {
            errors.Add(new(CodeField, code.Problem switch
            {
                TrackingCodeProblem.Empty => nameof(StatusText.CodeError_Empty),
                TrackingCodeProblem.WrongLength => nameof(StatusText.CodeError_WrongLength),
                TrackingCodeProblem.WrongCharacters => nameof(StatusText.CodeError_WrongCharacters),
                _ => nameof(StatusText.CodeError_Mistyped),
            }));
        }

        var digits = ParseLastFour(digitsInput);
        if (digits is null)
        {
            errors.Add(new(DigitsField, string.IsNullOrWhiteSpace(digitsInput) ? nameof(StatusText.DigitsError_Empty) : nameof(StatusText.DigitsError_Invalid)));
        }

        if (errors.Count > 0)
        {
            return new(null, null, errors);
        }

        var (view, refusal) = await CheckAsync(code.Code!, digits!, caller, ct);
        if (view is not null)
        {
            return new(view, digits, []);
        }

        if (refusal is null)
        {
            return new(null, null, [new(CodeField, nameof(StatusText.NotFound))]);
        }

        // Refused by the limits: the words name the office's phone and hours, and never tell whether the code exists.
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var office = await db.Municipalities.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.Phone, m.PhoneHours }).FirstAsync(ct);
        var key = refusal switch
        {
            LookupRefusal.CodeLocked => nameof(StatusText.CodeLocked),
            _ when caller.IsKiosk => nameof(StatusText.CallerLimited_Kiosk),
            _ => nameof(StatusText.CallerLimited),
        };
        return new(null, null, [new(CodeField, key, office.Phone, office.PhoneHours)], refusal);
    }

    /// <summary>The status in words (the key of <c>StatusText</c>): never a colour alone.</summary>
    public static string StatusKey(RequestStatus status) => status switch
    {
        RequestStatus.Submitted => nameof(StatusText.Status_Submitted),
        RequestStatus.InReview => nameof(StatusText.Status_InReview),
        RequestStatus.NeedsInformation => nameof(StatusText.Status_NeedsInformation),
        RequestStatus.VisitScheduled => nameof(StatusText.Status_VisitScheduled),
        RequestStatus.VisitConfirmed => nameof(StatusText.Status_VisitConfirmed),
        RequestStatus.Completed => nameof(StatusText.Status_Completed),
        RequestStatus.Cancelled => nameof(StatusText.Status_Cancelled),
        RequestStatus.Rejected => nameof(StatusText.Status_Rejected),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>What the status means for the resident, and what happens next (the key of <c>StatusText</c>).</summary>
    public static string ExplanationKey(RequestStatus status) => status switch
    {
        RequestStatus.Submitted => nameof(StatusText.Explain_Submitted),
        RequestStatus.InReview => nameof(StatusText.Explain_InReview),
        RequestStatus.NeedsInformation => nameof(StatusText.Explain_NeedsInformation),
        RequestStatus.VisitScheduled => nameof(StatusText.Explain_VisitScheduled),
        RequestStatus.VisitConfirmed => nameof(StatusText.Explain_VisitConfirmed),
        RequestStatus.Completed => nameof(StatusText.Explain_Completed),
        RequestStatus.Cancelled => nameof(StatusText.Explain_Cancelled),
        RequestStatus.Rejected => nameof(StatusText.Explain_Rejected),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>Checks the pair within the limits: found, not found, or refused (the code is locked, or the caller used up its hour).</summary>
    private async Task<(RequestStatusView? View, LookupRefusal? Refusal)> CheckAsync(string normalisedCode, string phoneLastFour, LookupCaller caller, CancellationToken ct)
    {
        using var turn = await limiter.TakeTurnAsync(normalisedCode, ct);
        var claim = await limiter.ClaimAsync(normalisedCode, caller, ct);
        if (claim.Refusal is { } refusal)
        {
            return (null, refusal);
        }

        var (requestId, view) = await FindCoreAsync(normalisedCode, phoneLastFour, ct);
        if (view is not null)
        {
            await limiter.SucceededAsync(normalisedCode, caller, ct);
            return (view, null);
        }

        await limiter.FailedAsync(claim, caller, requestId, ct);
        return (null, claim.LocksCode ? LookupRefusal.CodeLocked : null);
    }

    /// <summary>The request's public view, or null when the pair does not match. No limits: for tests and staff tools only.</summary>
    internal async Task<RequestStatusView?> FindAsync(string normalisedCode, string phoneLastFour, CancellationToken ct = default) =>
        (await FindCoreAsync(normalisedCode, phoneLastFour, ct)).View;

    /// <summary>The request's id when the code exists (whatever the digits), and its view when the digits match too.</summary>
    private async Task<(int? RequestId, RequestStatusView? View)> FindCoreAsync(string normalisedCode, string phoneLastFour, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.VisitRequests.AsNoTracking()
            .Where(r => r.TrackingCode == normalisedCode)
            .Select(r => new
            {
                r.Id,
                r.TrackingCode,
                r.Status,
                r.ResidentPhone,
                r.SubmitterPhone,
                MatterName = r.Matter!.Name,
                History = r.History.OrderBy(h => h.Id).Select(h => new StatusEvent(h.Status, h.At, h.PublicNote)).ToList(),
                Visit = r.Visits.Where(v => v.State == Visits.VisitState.Booked || v.State == Visits.VisitState.Confirmed)
                    .OrderByDescending(v => v.Id)
                    .Select(v => new VisitView(v.Date, v.Start, v.End, v.Clerk!.DisplayName, v.State == Visits.VisitState.Confirmed))
                    .FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);

        if (row is null)
        {
            return (null, null);
        }

        var matches = new[] { row.ResidentPhone, row.SubmitterPhone }
            .Any(p => p is not null && string.Equals(PolishPhone.LastFour(p), phoneLastFour, StringComparison.Ordinal));
        return (row.Id, matches ? new RequestStatusView(row.TrackingCode, row.Status, row.MatterName, row.History) { RequestId = row.Id, Visit = row.Visit } : null);
    }

    /// <summary>Reads what a person typed as "the last four digits": digits only, exactly four.</summary>
    public static string? ParseLastFour(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var digits = new string(input.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        return digits.Length == 4 && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}

/// <summary>
/// The answer to a look-up: the request's public view and the digits that found it, or the problems (keys of
/// <c>StatusText</c>); <paramref name="Refusal"/> says when the limits, not the pair, stopped it.
/// </summary>
public sealed record StatusLookupResult(RequestStatusView? View, string? Digits, IReadOnlyList<AnswerError> Errors, LookupRefusal? Refusal = null)
{
    public bool Found => View is not null;
}

/// <summary>What the status page shows: no resident's name, no address; the matter, the timeline and the booked visit.</summary>
public sealed record RequestStatusView(string TrackingCode, RequestStatus Status, string MatterName, IReadOnlyList<StatusEvent> History)
{
    /// <summary>The visit that is going to happen (booked or confirmed), if any.</summary>
    public VisitView? Visit { get; init; }

    /// <summary>The request's id, for what the page does next (subscribing to news); never shown.</summary>
    public int RequestId { get; init; }
}

/// <summary>A booked visit as the resident is told it: the day, the time window and the clerk who will come.</summary>
public sealed record VisitView(DateOnly Date, TimeOnly Start, TimeOnly End, string ClerkName, bool Confirmed);

/// <summary>One step of the public timeline.</summary>
public sealed record StatusEvent(RequestStatus Status, DateTimeOffset At, string? PublicNote);
