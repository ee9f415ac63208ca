using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Office;

/// <summary>How the inbox is sorted.</summary>
public enum InboxSort
{
    Newest,
    Oldest,
    Status,
}

/// <summary>The inbox's filters, as staff set them. Everything optional.</summary>
public sealed record InboxQuery
{
    /// <summary>A tracking code (any case, spacing, dashes) or part of the resident's name.</summary>
    public string? Search { get; init; }

    public RequestStatus? Status { get; init; }
    public int? MatterId { get; init; }
    public RequestChannel? Channel { get; init; }

    /// <summary>Received on or after this day (Warsaw).</summary>
    public DateOnly? From { get; init; }

    /// <summary>Received on or before this day (Warsaw).</summary>
    public DateOnly? To { get; init; }

    public bool OverdueOnly { get; init; }
    public InboxSort Sort { get; init; } = InboxSort.Newest;
    public int Page { get; init; } = 1;
}

/// <summary>One line of the inbox.</summary>
public sealed record InboxRow(
    int Id, string TrackingCode, DateTimeOffset CreatedAt, RequestStatus Status, string MatterName,
    RequestChannel Channel, string ResidentName, string Town, bool Overdue, DateOnly? VisitDate, bool NewVisitNeeded = false);

/// <summary>A page of the inbox and where it sits in the whole.</summary>
public sealed record InboxResult(IReadOnlyList<InboxRow> Rows, int Total, int Page, int PageCount);

/// <summary>
/// The office's list of requests: filters, search, sorting and paging, all in SQL with only the shown
/// columns, so it stays quick with tens of thousands of requests. A request still open with no visit booked
/// after the municipality's number of working days is overdue. Every page shown writes
/// <see cref="AuditActions.InboxRead"/> for each request on it (names and towns are personal data); the search words never.
/// </summary>
public sealed class Inbox(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    public const int PageSize = 25;

    private static readonly RequestStatus[] Open = [RequestStatus.Submitted, RequestStatus.InReview, RequestStatus.NeedsInformation];

    /// <summary>How many requests match, reading none of them (no name is shown, so there is nothing to audit).</summary>
    public async Task<int> CountAsync(StaffActor actor, InboxQuery query, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ViewInbox);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (requests, _) = await FilterAsync(db, query, ct);
        return await requests.CountAsync(ct);
    }

    private async Task<(IQueryable<VisitRequest> Requests, DateTimeOffset OverdueBefore)> FilterAsync(AppDbContext db, InboxQuery query, CancellationToken ct)
    {
        var overdueDays = await db.Municipalities.Select(m => (int?)m.OverdueAfterWorkingDays).FirstOrDefaultAsync(ct) ?? 5;
        var overdueBefore = WarsawTime.StartOfDay(WorkingDays.Add(WarsawTime.Today(clock), -overdueDays));

        var requests = db.VisitRequests.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var parsed = TrackingCode.Parse(query.Search);
            if (parsed.Code is { } code)
            {
                requests = requests.Where(r => r.TrackingCode == code);
            }
            else
            {
                var term = "%" + PlainText.Tidy(query.Search).ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
                    .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
                requests = requests.Where(r => EF.Functions.Like(r.ResidentNameSearch!, term, "\\"));
            }
        }

        if (query.Status is { } status)
        {
            requests = requests.Where(r => r.Status == status);
        }

        if (query.MatterId is { } matterId)
        {
            requests = requests.Where(r => r.MatterId == matterId);
        }

        if (query.Channel is { } channel)
        {
            requests = requests.Where(r => r.Channel == channel);
        }

        if (query.From is { } from)
        {
            var start = WarsawTime.StartOfDay(from);
            requests = requests.Where(r => r.CreatedAt >= start);
        }

        if (query.To is { } to)
        {
            var end = WarsawTime.StartOfDay(to.AddDays(1));
            requests = requests.Where(r => r.CreatedAt < end);
        }

        if (query.OverdueOnly)
        {
            requests = requests.Where(r => Open.Contains(r.Status) && r.CreatedAt < overdueBefore
                && !r.Visits.Any(v => v.State == VisitState.Booked || v.State == VisitState.Confirmed));
        }

        return (requests, overdueBefore);
    }

    public async Task<InboxResult> QueryAsync(StaffActor actor, InboxQuery query, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ViewInbox);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (requests, overdueBefore) = await FilterAsync(db, query, ct);
        var total = await requests.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var sorted = query.Sort switch
        {
            InboxSort.Oldest => requests.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id),
            InboxSort.Status => requests.OrderBy(r => r.Status).ThenByDescending(r => r.CreatedAt),
            _ => requests.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
        };

        var rows = await sorted
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(r => new
            {
                r.Id,
                r.TrackingCode,
                r.CreatedAt,
                r.Status,
                MatterName = r.Matter!.Name,
                r.Channel,
                r.ResidentName,
                r.Town,
                Visit = r.Visits.Where(v => v.State == VisitState.Booked || v.State == VisitState.Confirmed)
                    .OrderBy(v => v.Date).Select(v => (DateOnly?)v.Date).FirstOrDefault(),
                Returned = r.Visits.Any(v => v.State == VisitState.NotHeld || (v.State == VisitState.Completed && v.AnotherVisitNeeded)),
            })
            .ToListAsync(ct);

        await audit.RecordReadsAsync(actor, AuditActions.InboxRead, rows.Select(r => AuditLog.RequestSubject(r.Id)), ct: ct);
        return new InboxResult(
            [.. rows.Select(r => new InboxRow(r.Id, r.TrackingCode, r.CreatedAt, r.Status, r.MatterName, r.Channel, r.ResidentName, r.Town,
                Open.Contains(r.Status) && r.Visit is null && r.CreatedAt < overdueBefore, r.Visit,
                // Back from a visit that did not take place (or needs another): the coordinator books a new one.
                Open.Contains(r.Status) && r.Visit is null && r.Returned))],
            total, page, pageCount);
    }
}
