using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Administration;

/// <summary>One bar of a chart: a label and a count.</summary>
public sealed record ReportRow(string Label, int Count);

/// <summary>The programme's figures over the last twelve months: from the day after the same day a year ago to today.</summary>
/// <param name="From">First day of the period (Warsaw): today a year ago, plus one day.</param>
/// <param name="To">Today (Warsaw).</param>
/// <param name="PerMonth">The calendar months the period touches, oldest first (13 unless today is a month's last day: the
/// first and last only partly); labels "yyyy-MM".</param>
/// <param name="PerMatter">Matters with at least one request, most requested first; retired matters keep their name.</param>
/// <param name="PerChannel">Every channel (<see cref="RequestChannel"/> names), zero counts included.</param>
/// <param name="MedianDaysToVisit">Median days from the request's day to its first booked visit's day; null without any visit.</param>
/// <param name="RequestsWithVisit">How many requests the median is taken over.</param>
/// <param name="Total">Requests in the period.</param>
/// <param name="Closed">Of those, completed, cancelled or rejected.</param>
/// <param name="Completed">Of those, completed.</param>
public sealed record ProgrammeReport(
    DateOnly From,
    DateOnly To,
    IReadOnlyList<ReportRow> PerMonth,
    IReadOnlyList<ReportRow> PerMatter,
    IReadOnlyList<ReportRow> PerChannel,
    double? MedianDaysToVisit,
    int RequestsWithVisit,
    int Total,
    int Closed,
    int Completed)
{
    /// <summary>Completed as a share of closed requests (0–1); null while none is closed.</summary>
    public double? CompletedShareOfClosed => Closed == 0 ? null : (double)Completed / Closed;
}

/// <summary>
/// Requests per month, matter and channel, days to the first visit and the share completed
/// (<see cref="StaffPermission.ViewReports"/>). Reads only the columns it counts, so 10,000 requests
/// are a few hundred kilobytes; months are Warsaw months.
/// </summary>
public sealed class Reports(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int Months = 12;

    public async Task<ProgrammeReport> GetAsync(StaffActor actor, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ViewReports);
        var today = WarsawTime.Today(clock);

        // Really twelve months: from the day after the same day a year ago, to today (e.g. 23 November 2025 to
        // 22 November 2026). The chart shows the calendar months those days fall in, the first and last partly.
        var from = today.AddMonths(-Months).AddDays(1);
        var start = WarsawTime.StartOfDay(from);
        var firstMonth = new DateOnly(from.Year, from.Month, 1);
        var monthCount = ((today.Year - from.Year) * 12) + today.Month - from.Month + 1;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var requests = await db.VisitRequests.AsNoTracking()
            .Where(r => r.CreatedAt >= start)
            .Select(r => new { r.Id, r.CreatedAt, r.MatterId, r.Channel, r.Status })
            .ToListAsync(ct);

        // The first visit booked for each request (the lowest id), whatever became of it later.
        var firstVisits = await db.Visits.AsNoTracking()
            .Where(v => v.Request!.CreatedAt >= start)
            .GroupBy(v => v.VisitRequestId)
            .Select(g => g.OrderBy(v => v.Id).Select(v => new { v.VisitRequestId, v.Date }).First())
            .ToListAsync(ct);
        var names = await db.Matters.AsNoTracking().Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, ct);

        var rows = requests.Select(r => new { r.Id, Day = AuditQuery.WarsawDate(r.CreatedAt), r.MatterId, r.Channel, r.Status }).ToList();

        var perMonth = Enumerable.Range(0, monthCount)
            .Select(i => firstMonth.AddMonths(i))
            .Select(m => new ReportRow($"{m.Year:D4}-{m.Month:D2}", rows.Count(r => r.Day.Year == m.Year && r.Day.Month == m.Month)))
            .ToList();

        var perMatter = rows.GroupBy(r => r.MatterId)
            .Select(g => new ReportRow(names.GetValueOrDefault(g.Key, "?"), g.Count()))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Label, StringComparer.Ordinal)
            .ToList();

        var perChannel = Enum.GetValues<RequestChannel>()
            .Select(c => new ReportRow(c.ToString(), rows.Count(r => r.Channel == c)))
            .ToList();

        var created = rows.ToDictionary(r => r.Id, r => r.Day);
        var days = firstVisits
            .Where(v => created.ContainsKey(v.VisitRequestId))
            .Select(v => v.Date.DayNumber - created[v.VisitRequestId].DayNumber)
            .ToList();

        var closed = rows.Count(r => r.Status is RequestStatus.Completed or RequestStatus.Cancelled or RequestStatus.Rejected);
        var completed = rows.Count(r => r.Status == RequestStatus.Completed);
        return new ProgrammeReport(from, today, perMonth, perMatter, perChannel, Median(days), days.Count, rows.Count, closed, completed);
    }

    /// <summary>The middle value; with an even count, the mean of the two middle values. Null for none.</summary>
    public static double? Median(IReadOnlyCollection<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
