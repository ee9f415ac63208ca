using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Administration;

/// <summary>What the audit log is filtered by; every part is optional. Dates are Warsaw days, inclusive.</summary>
public sealed record AuditFilter(string? ActorId = null, string? Action = null, string? Subject = null, DateOnly? From = null, DateOnly? To = null, int Page = 1);

/// <summary>One page of the audit log, newest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Reads the audit log for the administrator (<see cref="StaffPermission.ReadAuditLog"/>). Read-only: there is nothing to change.</summary>
public sealed class AuditQuery(IDbContextFactory<AppDbContext> dbFactory)
{
    public const int PageSize = 50;

    public async Task<AuditPage> FindAsync(StaffActor actor, AuditFilter filter, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ReadAuditLog);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.ActorId))
        {
            query = query.Where(a => a.ActorId == filter.ActorId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(a => a.Action == filter.Action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Subject))
        {
            // "request:42" finds that request; "request" finds every request.
            var subject = filter.Subject.Trim();
            query = subject.Contains(':', StringComparison.Ordinal)
                ? query.Where(a => a.Subject == subject)
                : query.Where(a => a.Subject != null && a.Subject.StartsWith(subject + ":"));
        }

        // Stored as UTC instants: compare with UTC bounds of the Warsaw days.
        if (filter.From is { } from)
        {
            var start = WarsawTime.StartOfDay(from);
            query = query.Where(a => a.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = WarsawTime.StartOfDay(to.AddDays(1));
            query = query.Where(a => a.At < end);
        }

        var total = await query.CountAsync(ct);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var entries = await query.OrderByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new AuditPage(entries, total, page, PageSize);
    }

    /// <summary>The staff accounts that can appear as actors, for the filter's list.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> ActorsAsync(StaffActor actor, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ReadAuditLog);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => EF.Functions.Collate(u.DisplayName, PolishCollation.For(db))).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        return users.Select(u => (u.Id, u.DisplayName)).ToList();
    }

    /// <summary>Every kind of action, for the filter's list.</summary>
    public static IReadOnlyList<string> Actions { get; } =
    [
        AuditActions.RequestRead, AuditActions.RequestChanged, AuditActions.RequestCreated, AuditActions.VisitBooked,
        AuditActions.VisitConfirmed, AuditActions.VisitRebooked, AuditActions.DaySheetRead, AuditActions.ClerkDaysChanged,
        AuditActions.CatalogueChanged, AuditActions.SettingsChanged, AuditActions.StaffChanged, AuditActions.SignIn,
        AuditActions.SignInFailed, AuditActions.ReportExported, AuditActions.MessagesRead, AuditActions.MessageHandedOver,
        AuditActions.MessageRetried, AuditActions.RequestAnonymised, AuditActions.PersonalDataSearched, AuditActions.PersonalDataExported,
        AuditActions.PersonalDataErased, AuditActions.InboxRead, AuditActions.CalendarRead, AuditActions.DayBeforeRead,
        AuditActions.StatusLookupLocked, AuditActions.StatusLookupLimited,
    ];

    internal static DateOnly WarsawDate(DateTimeOffset at) => DateOnly.FromDateTime(WarsawTime.ToWarsaw(at).DateTime);
}
