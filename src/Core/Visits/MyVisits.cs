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
    string? DoorWord = null);

/// <summary>A clerk's day.</summary>
public sealed record DaySheet(DateOnly Day, IReadOnlyList<DaySheetVisit> Visits);

/// <summary>
/// "Moje wizyty": the signed-in staff member's own visits, never anyone else's. Demands
/// <see cref="StaffPermission.ViewOwnVisits"/>; each read of a day (page, sheet or feed) writes <see cref="AuditActions.DaySheetRead"/>.
/// </summary>
public sealed class MyVisits(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    /// <summary>How far ahead the calendar feed reaches.</summary>
    public const int FeedDays = 60;

    public DateOnly Today() => WarsawTime.Today(clock);

    /// <summary>The actor's visits on <paramref name="day"/> in time order (booked, confirmed, completed).</summary>
    public async Task<DaySheet> DayAsync(StaffActor actor, DateOnly day, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ViewOwnVisits);
        var visits = await LoadAsync(actor, day, day, ct);
        await audit.RecordAsync(actor, AuditActions.DaySheetRead, ClerkSchedule.StaffSubject(actor.UserId), day.ToString("yyyy-MM-dd", VisitText.Polish), ct);
        return new DaySheet(day, visits);
    }

    /// <summary>The actor's visits from today for <see cref="FeedDays"/> days, for the calendar feed.</summary>
    public async Task<IReadOnlyList<DaySheetVisit>> UpcomingAsync(StaffActor actor, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ViewOwnVisits);
        var today = Today();
        var visits = await LoadAsync(actor, today, today.AddDays(FeedDays), ct);
        await audit.RecordAsync(actor, AuditActions.DaySheetRead, ClerkSchedule.StaffSubject(actor.UserId), "feed", ct);
        return visits;
    }

    /// <summary>The visits as calendar events (no resident name or phone in the title).</summary>
    public static IReadOnlyList<IcsEvent> ToEvents(IEnumerable<DaySheetVisit> visits) =>
        [.. visits.Where(v => v.State != VisitState.Completed).Select(v => new IcsEvent(
            IcsCalendar.VisitUid(v.VisitId),
            v.Date,
            v.Start,
            v.End,
            VisitText.Get("Ics_Summary", v.MatterName, v.Town),
            $"{v.Street}, {v.PostalCode} {v.Town}",
            VisitText.Get("Ics_Description", TrackingCode.Format(v.TrackingCode)),
            v.State == VisitState.Confirmed))];

    private async Task<List<DaySheetVisit>> LoadAsync(StaffActor actor, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Visits.AsNoTracking()
            .Where(v => v.ClerkId == actor.UserId && v.Date >= from && v.Date <= to
                && (v.State == VisitState.Booked || v.State == VisitState.Confirmed || v.State == VisitState.Completed))
            .Select(v => new
            {
                v.Id,
                v.Request!.TrackingCode,
                v.Date,
                v.Start,
                v.End,
                v.State,
                MatterName = v.Request.Matter!.Name,
                Checklist = v.Request.Matter.Checklist.OrderBy(c => c.SortOrder).Select(c => c.Text).ToList(),
                v.Request.Description,
                v.Request.ResidentName,
                v.Request.Street,
                v.Request.PostalCode,
                v.Request.Town,
                v.Request.NeedsSignLanguage,
                v.Request.NeedsCallBeforeVisit,
                v.Request.AccessNotes,
                v.Request.SubmitterRelation,
                v.Request.SubmitterName,
                v.Request.SubmitterPhone,
                v.Request.ResidentPhone,
                v.Request.ContactChannel,
                v.Request.ContactEmail,
                v.DoorWord,
            })
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Date).ThenBy(r => r.Start).Select(r =>
        {
            var self = r.SubmitterRelation == SubmitterRelation.Self;
            return new DaySheetVisit(
                r.Id, r.TrackingCode, r.Date, r.Start, r.End, r.State, r.MatterName, r.Checklist, r.Description, r.ResidentName,
                r.Street, r.PostalCode, r.Town, r.NeedsSignLanguage, r.NeedsCallBeforeVisit, r.AccessNotes,
                self ? r.ResidentName : r.SubmitterName ?? r.ResidentName,
                self ? r.ResidentPhone : r.SubmitterPhone,
                r.ContactChannel, r.ContactEmail, r.DoorWord);
        })];
    }
}
