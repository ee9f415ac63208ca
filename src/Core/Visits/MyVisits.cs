using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Visits;

/// <summary>One visit on a clerk's day sheet: where, what to bring, what the resident needs, how to reach them.</summary>
public sealed record DaySheetVisit(
    int VisitId,
    string TrackingCode,
    DateOnly Date,
    TimeOnly Start,
    TimeOnly End,
    VisitState State,
    string MatterName,
    IReadOnlyList<string> Checklist,
    string Description,
    string ResidentName,
    string Street,
    string PostalCode,
    string Town,
    bool NeedsSignLanguage,
    bool NeedsCallBeforeVisit,
    string? AccessNotes,
    string ContactName,
    string? Phone,
    ContactChannel Channel,
    string? Email,
    string? DoorWord = null,
    int RequestId = 0,
    string ClerkId = "",
    RecordedOutcome? Outcome = null);

/// <summary>A clerk's day.</summary>
public sealed record DaySheet(DateOnly Day, IReadOnlyList<DaySheetVisit> Visits);

/// <summary>
/// "Moje wizyty": the signed-in staff member's own visits, never anyone else's. Demands
/// <see cref="StaffPermission.ViewOwnVisits"/>; each read of a day (page or sheet) writes <see cref="AuditActions.DaySheetRead"/>.
/// </summary>
public sealed class MyVisits(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    public DateOnly Today() => WarsawTime.Today(clock);

    /// <summary>The actor's visits on <paramref name="day"/> in time order (booked, confirmed, held and not held).</summary>
    public async Task<DaySheet> DayAsync(StaffActor actor, DateOnly day, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ViewOwnVisits);
        var visits = await LoadAsync(actor, day, day, ct);
        await audit.RecordAsync(actor, AuditActions.DaySheetRead, ClerkSchedule.StaffSubject(actor.UserId), day.ToString("yyyy-MM-dd", VisitText.Polish), ct);
        return new DaySheet(day, visits);
    }

    /// <summary>
    /// The day "Moje wizyty" opens on: today when the actor has visits today, else the next day with a visit still to
    /// happen, else today.
    /// </summary>
    public async Task<DateOnly> OpeningDayAsync(StaffActor actor, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ViewOwnVisits);
        var today = Today();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mine = db.Visits.AsNoTracking().Where(v => v.ClerkId == actor.UserId);
        if (await mine.AnyAsync(v => v.Date == today && Shown.Contains(v.State), ct))
        {
            return today;
        }

        var next = await mine.Where(v => v.Date > today && (v.State == VisitState.Booked || v.State == VisitState.Confirmed))
            .OrderBy(v => v.Date).Select(v => (DateOnly?)v.Date).FirstOrDefaultAsync(ct);
        return next ?? today;
    }

    /// <summary>The nearest day before or after <paramref name="day"/> with one of the actor's visits; null when there is none.</summary>
    public async Task<DateOnly?> NearestDayAsync(StaffActor actor, DateOnly day, bool forward, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ViewOwnVisits);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mine = db.Visits.AsNoTracking().Where(v => v.ClerkId == actor.UserId && Shown.Contains(v.State));
        return forward
            ? await mine.Where(v => v.Date > day).OrderBy(v => v.Date).Select(v => (DateOnly?)v.Date).FirstOrDefaultAsync(ct)
            : await mine.Where(v => v.Date < day).OrderByDescending(v => v.Date).Select(v => (DateOnly?)v.Date).FirstOrDefaultAsync(ct);
    }

    /// <summary>The states a clerk's day shows: still to happen, and what happened.</summary>
    internal static readonly VisitState[] Shown = [VisitState.Booked, VisitState.Confirmed, VisitState.Completed, VisitState.NotHeld];

    /// <summary>Visits as the day sheet shows them (the contact is the submitter when someone else filed).</summary>
    internal static IQueryable<DaySheetVisit> Project(IQueryable<Visit> visits) => visits.Select(v => new DaySheetVisit(
        v.Id,
        v.Request!.TrackingCode,
        v.Date,
        v.Start,
        v.End,
        v.State,
        v.Request.Matter!.Name,
        v.Request.Matter.Checklist.OrderBy(c => c.SortOrder).Select(c => c.Text).ToList(),
        v.Request.Description,
        v.Request.ResidentName,
        v.Request.Street,
        v.Request.PostalCode,
        v.Request.Town,
        v.Request.NeedsSignLanguage,
        v.Request.NeedsCallBeforeVisit,
        v.Request.AccessNotes,
        v.Request.SubmitterRelation == SubmitterRelation.Self ? v.Request.ResidentName : v.Request.SubmitterName ?? v.Request.ResidentName,
        v.Request.SubmitterRelation == SubmitterRelation.Self ? v.Request.ResidentPhone : v.Request.SubmitterPhone,
        v.Request.ContactChannel,
        v.Request.ContactEmail,
        v.DoorWord,
        v.VisitRequestId,
        v.ClerkId,
        v.OutcomeAt == null
            ? null
            : new RecordedOutcome(v.State, v.OutcomeAt.Value, v.OutcomeBy ?? string.Empty, v.OutcomeChannel, v.OutcomeReference, v.AnotherVisitNeeded, v.NotHeldReason, v.NextStep, v.OutcomeNote)));

    private async Task<List<DaySheetVisit>> LoadAsync(StaffActor actor, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Project(db.Visits.AsNoTracking()
            .Where(v => v.ClerkId == actor.UserId && v.Date >= from && v.Date <= to && Shown.Contains(v.State)))
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Date).ThenBy(r => r.Start)];
    }
}
