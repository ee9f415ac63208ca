using System.Data;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Office;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Visits;

/// <summary>A clerk who can be booked.</summary>
public sealed record ClerkOption(string Id, string Name);

/// <summary>A free time window of one clerk on one day.</summary>
public sealed record FreeSlot(string ClerkId, DateOnly Date, TimeOnly Start, TimeOnly End);

/// <summary>
/// Booking home visits: the clerks' free windows (working days and hours, absences and holidays, minus what is
/// booked), and booking or re-booking one. A booking is refused with a plain message when it is in the past,
/// outside the clerk's hours, on a day off, overlaps the clerk's other visit (checked again inside the write
/// transaction, so two coordinators cannot book the same window at once), or the note is wrong. The request's
/// history gets the date, window and clerk's name, which the resident sees on /status.
/// </summary>
public sealed class VisitBooking(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    private static readonly CultureInfo Polish = new("pl-PL");

    /// <summary>Active clerk accounts, by name.</summary>
    public async Task<IReadOnlyList<ClerkOption>> ClerksAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ClerkUsers(db).OrderBy(u => u.DisplayName).Select(u => new ClerkOption(u.Id, u.DisplayName)).ToListAsync(ct);
    }

    /// <summary>Enabled accounts with the clerk role.</summary>
    private static IQueryable<StaffUser> ClerkUsers(AppDbContext db) =>
        from user in db.Users
        where !user.IsDisabled && db.UserRoles.Any(ur => ur.UserId == user.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == StaffRoles.Clerk))
        select user;

    /// <summary>Free windows from <paramref name="from"/> to <paramref name="to"/> (inclusive), for one clerk or all.</summary>
    public async Task<IReadOnlyList<FreeSlot>> FreeSlotsAsync(DateOnly from, DateOnly to, string? clerkId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var window = await WindowMinutesAsync(db, ct);
        var clerks = await ClerkUsers(db).Where(u => clerkId == null || u.Id == clerkId).Select(u => u.Id).ToListAsync(ct);
        var hours = await db.ClerkWorkingHours.AsNoTracking().Where(h => clerks.Contains(h.ClerkId)).ToListAsync(ct);
        var absences = await db.ClerkAbsences.AsNoTracking().Where(a => clerks.Contains(a.ClerkId) && a.From <= to && a.To >= from).ToListAsync(ct);
        var booked = await db.Visits.AsNoTracking()
            .Where(v => clerks.Contains(v.ClerkId) && v.Date >= from && v.Date <= to && (v.State == VisitState.Booked || v.State == VisitState.Confirmed))
            .ToListAsync(ct);
        var now = WarsawTime.ToWarsaw(clock.GetUtcNow());

        var slots = new List<FreeSlot>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (!WorkingDays.IsWorkingDay(day))
            {
                continue;
            }

            foreach (var clerk in clerks)
            {
                if (absences.Any(a => a.ClerkId == clerk && a.Covers(day)) || hours.FirstOrDefault(h => h.ClerkId == clerk && h.Day == day.DayOfWeek) is not { } h)
                {
                    continue;
                }

                for (var start = h.Start; start.AddMinutes(window) <= h.End && start.AddMinutes(window) > start; start = start.AddMinutes(window))
                {
                    var end = start.AddMinutes(window);
                    var past = day.ToDateTime(start) <= now.DateTime;
                    if (!past && !booked.Any(v => v.ClerkId == clerk && v.Overlaps(day, start, end)))
                    {
                        slots.Add(new FreeSlot(clerk, day, start, end));
                    }
                }
            }
        }

        return slots;
    }

    /// <summary>Books (or re-books) the request's visit. Problems come back as field errors (keys of OfficeMessages.resx).</summary>
    public async Task<IReadOnlyList<AnswerError>> BookAsync(StaffActor actor, int requestId, string? clerkId, DateOnly? date, TimeOnly? start, TimeOnly? end, string? note, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.BookVisits);
        var errors = new List<AnswerError>();
        var text = RequestActions.Text(note, "BookingNote", RequestActions.NoteMaxLength, required: false, errors);
        if (string.IsNullOrEmpty(clerkId))
        {
            errors.Add(new("Clerk", "Clerk_Required"));
        }

        if (date is null)
        {
            errors.Add(new("Date", "Date_Required"));
        }
        else if (start is null || end is null || end <= start)
        {
            errors.Add(new("Window", "Window_Required"));
        }
        else if (date.Value.ToDateTime(start.Value) <= WarsawTime.ToWarsaw(clock.GetUtcNow()).DateTime)
        {
            errors.Add(new("Date", "Date_Past"));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clerk = await ClerkUsers(db).Where(u => u.Id == clerkId).Select(u => new ClerkOption(u.Id, u.DisplayName)).FirstOrDefaultAsync(ct);
        if (clerk is null)
        {
            return [new("Clerk", "Clerk_NotAvailable")];
        }

        var (day, from, to) = (date!.Value, start!.Value, end!.Value);
        if (!WorkingDays.IsWorkingDay(day))
        {
            return [new("Date", "Date_DayOff")];
        }

        if (await db.ClerkAbsences.AnyAsync(a => a.ClerkId == clerkId && a.From <= day && a.To >= day, ct))
        {
            return [new("Date", "Clerk_Absent", clerk.Name)];
        }

        var hours = await db.ClerkWorkingHours.AsNoTracking().FirstOrDefaultAsync(h => h.ClerkId == clerkId && h.Day == day.DayOfWeek, ct);
        if (hours is null || from < hours.Start || to > hours.End)
        {
            return [new("Window", "Window_OutsideHours", clerk.Name)];
        }

        // One writer at a time from here: the overlap check and the insert cannot interleave with another booking.
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        var request = await db.VisitRequests.Include(r => r.Visits).FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
        {
            return [new("Status", "Request_NotFound")];
        }

        var rebooking = request.Status is RequestStatus.VisitScheduled or RequestStatus.VisitConfirmed;
        if (!rebooking && request.Status is not (RequestStatus.Submitted or RequestStatus.InReview or RequestStatus.NeedsInformation))
        {
            return [new("Status", "Status_NotAllowed", request.Status)];
        }

        var clash = await db.Visits.AnyAsync(v => v.ClerkId == clerkId && v.Date == day && v.VisitRequestId != requestId
            && (v.State == VisitState.Booked || v.State == VisitState.Confirmed) && v.Start < to && from < v.End, ct);
        if (clash)
        {
            return [new("Window", "Window_Taken", clerk.Name)];
        }

        var now = clock.GetUtcNow();
        foreach (var old in request.Visits.Where(v => v.IsActive))
        {
            old.State = VisitState.Rebooked;
        }

        request.Visits.Add(new Visit { ClerkId = clerk.Id, Date = day, Start = from, End = to, BookedAt = now, BookedBy = actor.DisplayName });
        if (request.Status == RequestStatus.Submitted)
        {
            request.MoveTo(RequestStatus.InReview, actor.DisplayName, null, now);
        }

        var when = string.Format(Polish, "{0}, {1}–{2}", day.ToString("dddd, d MMMM yyyy", Polish), from.ToString("HH:mm", Polish), to.ToString("HH:mm", Polish));
        var publicNote = string.Format(Polish, rebooking ? "Nowy termin wizyty: {0}. Przyjdzie: {1}." : "Wizyta: {0}. Przyjdzie: {1}.", when, clerk.Name);
        request.MoveTo(RequestStatus.VisitScheduled, actor.DisplayName, text.Length == 0 ? publicNote : publicNote + " " + text, now);
        audit.Add(db, actor, rebooking ? AuditActions.VisitRebooked : AuditActions.VisitBooked, AuditLog.RequestSubject(requestId), $"{day:yyyy-MM-dd} {from:HH\\:mm}-{to:HH\\:mm} clerk:{clerk.Id}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return [];
    }

    private static async Task<int> WindowMinutesAsync(AppDbContext db, CancellationToken ct) =>
        Math.Clamp(await db.Municipalities.Select(m => (int?)m.VisitWindowMinutes).FirstOrDefaultAsync(ct) ?? 120, 30, 240);
}
