using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;

namespace MobilnyUrzednik.Core.Requests;

/// <summary>
/// The public status look-up: a tracking code plus the last four digits of a contact phone.
/// A wrong pair is one answer, "not found", whichever half was wrong.
/// </summary>
public sealed class StatusLookup(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The request's public view, or null when the pair does not match.</summary>
    public async Task<RequestStatusView?> FindAsync(string normalisedCode, string phoneLastFour, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.VisitRequests.AsNoTracking()
            .Where(r => r.TrackingCode == normalisedCode)
            .Select(r => new
            {
                r.TrackingCode,
                r.Status,
                r.ResidentPhone,
                r.SubmitterPhone,
                ServiceName = r.Service!.Name,
                History = r.History.OrderBy(h => h.Id).Select(h => new StatusEvent(h.Status, h.At, h.PublicNote)).ToList(),
                Visit = r.Visits
                    .Where(v => v.State == Visits.VisitState.Booked || v.State == Visits.VisitState.Confirmed)
                    .OrderByDescending(v => v.Id)
                    .Select(v => new StatusVisit(v.Date, v.Start, v.End, v.Clerk!.DisplayName))
                    .FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);

        if (row is null)
        {
            return null;
        }

        var matches = new[] { row.ResidentPhone, row.SubmitterPhone }
            .Any(p => p is not null && string.Equals(PolishPhone.LastFour(p), phoneLastFour, StringComparison.Ordinal));
        return matches ? new RequestStatusView(row.TrackingCode, row.Status, row.ServiceName, row.History, row.Visit) : null;
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
/// What the status page shows: no resident's name, no address, only the matter, the timeline and the visit
/// that is still going to happen (day, window and the clerk's name, so the resident knows whom to let in).
/// </summary>
public sealed record RequestStatusView(string TrackingCode, RequestStatus Status, string ServiceName, IReadOnlyList<StatusEvent> History, StatusVisit? Visit = null);

/// <summary>The booked or confirmed visit, in Warsaw wall-clock time.</summary>
public sealed record StatusVisit(DateOnly Date, TimeOnly Start, TimeOnly End, string ClerkName);

/// <summary>One step of the public timeline.</summary>
public sealed record StatusEvent(RequestStatus Status, DateTimeOffset At, string? PublicNote);
