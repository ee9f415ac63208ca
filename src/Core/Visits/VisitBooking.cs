using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Visits;

/// <summary>A free time window of one clerk.</summary>
public sealed record FreeSlot(string ClerkId, string ClerkName, DateOnly Date, TimeOnly Start, TimeOnly End);

/// <summary>A clerk who can be booked.</summary>
public sealed record ClerkOption(string Id, string DisplayName);

/// <summary>A visit that is still going to happen (booked or confirmed).</summary>
public sealed record ActiveVisit(int Id, DateOnly Date, TimeOnly Start, TimeOnly End, string ClerkId, string ClerkName, VisitState State);

/// <summary>What the booking page shows at the top, and whether the request can be booked at all.</summary>
public sealed record BookingContext(
    int RequestId,
    string TrackingCode,
    string MatterName,
    string Town,
    RequestStatus Status,
    DateOnly? EarliestDate,
    PartOfDay PartOfDay,
    bool CanBook,
    ActiveVisit? Current,
    IReadOnlyList<ClerkOption> Clerks);

/// <summary>One visit in the office's calendar.</summary>
public sealed record CalendarVisit(int VisitId, int RequestId, string TrackingCode, DateOnly Date, TimeOnly Start, TimeOnly End, VisitState State, string ClerkName, string MatterName, string Town);

/// <summary>
/// Booking and re-booking home visits from the clerks' free windows. Demands <see cref="StaffPermission.BookVisits"/>.
/// A booking is refused, with a Polish message for the field and nothing changed, when it is in the past, outside
/// the clerk's hours, on a day off or an absence, overlaps another of the clerk's visits, or the request cannot
/// move to <see cref="RequestStatus.VisitScheduled"/>.
/// </summary>
public sealed class VisitBooking(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock, NotificationOutbox outbox)
{
    public const int NoteMaxLength = 2000;

    public const string FieldRequest = "Request";
    public const string FieldClerk = "Clerk";
    public const string FieldDate = "Date";
    public const string FieldWindow = "Window";
    public const string FieldNote = "Note";

    /// <summary>The request's code, matter and town, its current visit, and the clerks who can be booked.</summary>
    public async Task<BookingContext?> GetContextAsync(StaffActor actor, int requestId, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.BookVisits);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.VisitRequests.AsNoTracking().Where(r => r.Id == requestId)
            .Select(r => new { r.Id, r.TrackingCode, MatterName = r.Matter!.Name, r.Town, r.Status, r.EarliestDate, r.PartOfDay })
            .FirstOrDefaultAsync(ct);
        if (request is null)
        {
            return null;
        }

        var current = await ActiveVisits(db).Where(v => v.VisitRequestId == requestId).OrderByDescending(v => v.Id)
            .Select(v => new ActiveVisit(v.Id, v.Date, v.Start, v.End, v.ClerkId, v.Clerk!.DisplayName, v.State))
            .FirstOrDefaultAsync(ct);
        var clerks = await BookableClerks(db).OrderBy(u => EF.Functions.Collate(u.DisplayName, PolishCollation.For(db))).Select(u => new ClerkOption(u.Id, u.DisplayName)).ToListAsync(ct);
        return new BookingContext(request.Id, request.TrackingCode, request.MatterName, request.Town, request.Status, request.EarliestDate, request.PartOfDay, CanMoveToScheduled(request.Status), current, clerks);
    }

    /// <summary>
    /// The free windows from <paramref name="from"/> to <paramref name="to"/> (inclusive) of every bookable clerk,
    /// or of <paramref name="clerkId"/> only: working days within the clerk's hours, not absent, windows of the
    /// municipality's length from the start of the hours, minus booked visits and what has already begun.
    /// When re-booking, <paramref name="forRequestId"/>'s own visit does not block its windows.
    /// </summary>
    public async Task<IReadOnlyList<FreeSlot>> FreeSlotsAsync(StaffActor actor, DateOnly from, DateOnly to, string? clerkId = null, int? forRequestId = null, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.BookVisits);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.Municipalities.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.VisitWindowMinutes, m.TravelBufferMinutes }).FirstOrDefaultAsync(ct);
        var window = settings?.VisitWindowMinutes is > 0 and var w ? w : 120;
        var buffer = Math.Max(0, settings?.TravelBufferMinutes ?? 0);
        var clerkQuery = BookableClerks(db);
        if (clerkId is not null)
        {
            clerkQuery = clerkQuery.Where(u => u.Id == clerkId);
        }

        var clerks = await clerkQuery.OrderBy(u => EF.Functions.Collate(u.DisplayName, PolishCollation.For(db))).Select(u => new ClerkOption(u.Id, u.DisplayName)).ToListAsync(ct);
        var ids = clerks.Select(c => c.Id).ToList();
        var hours = await db.ClerkWorkingHours.AsNoTracking().Where(h => ids.Contains(h.ClerkId)).ToListAsync(ct);
        var absences = await db.ClerkAbsences.AsNoTracking().Where(a => ids.Contains(a.ClerkId) && a.To >= from && a.From <= to).ToListAsync(ct);
        var visits = await ActiveVisits(db).Where(v => ids.Contains(v.ClerkId) && v.Date >= from && v.Date <= to && v.VisitRequestId != forRequestId)
            .Include(v => v.Request).ToListAsync(ct);

        // Visits at the address of the request being booked need no travel time between them; without a request (no
        // address to travel from) the windows are offered without the travel time, and booking checks it.
        var target = forRequestId is { } rid
            ? await db.VisitRequests.AsNoTracking().Where(r => r.Id == rid).Select(r => new { r.Street, r.PostalCode, r.Town }).FirstOrDefaultAsync(ct)
            : null;
        var sameAddress = target is null
            ? new HashSet<int>()
            : visits.Where(v => AddressKey(v.Request!.Street, v.Request.PostalCode, v.Request.Town) == AddressKey(target.Street, target.PostalCode, target.Town)).Select(v => v.Id).ToHashSet();

        var now = WarsawTime.ToWarsaw(clock.GetUtcNow());
        var slots = new List<FreeSlot>();
        foreach (var clerk in clerks)
        {
            slots.AddRange(ComputeSlots(
                clerk,
                [.. hours.Where(h => h.ClerkId == clerk.Id)],
                [.. absences.Where(a => a.ClerkId == clerk.Id)],
                [.. visits.Where(v => v.ClerkId == clerk.Id)],
                from,
                to,
                window,
                DateOnly.FromDateTime(now.DateTime),
                TimeOnly.FromDateTime(now.DateTime),
                target is null ? 0 : buffer,
                sameAddress));
        }

        return [.. slots.OrderBy(s => s.Date).ThenBy(s => s.Start).ThenBy(s => s.ClerkName, StringComparer.Create(VisitText.Polish, false))];
    }

    /// <summary>
    /// The windows one clerk has free, by the rules of <see cref="FreeSlotsAsync"/>: windows follow one another from the
    /// start of the hours; one that would overlap a booked visit, or leave less than <paramref name="bufferMinutes"/> of
    /// travel to or from a visit at another address, moves to start right after that visit and its travel time.
    /// </summary>
    /// <remarks><c>sameAddressVisitIds</c>: visits at the address being booked (no travel time needed); null: none.</remarks>
    public static IEnumerable<FreeSlot> ComputeSlots(
        ClerkOption clerk,
        IReadOnlyList<ClerkWorkingHours> hours,
        IReadOnlyList<ClerkAbsence> absences,
        IReadOnlyList<Visit> visits,
        DateOnly from,
        DateOnly to,
        int windowMinutes,
        DateOnly today,
        TimeOnly now,
        int bufferMinutes = 0,
        IReadOnlySet<int>? sameAddressVisitIds = null)
    {
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            if (date < today || !WorkingDays.IsWorkingDay(date) || absences.Any(a => a.Covers(date)))
            {
                continue;
            }

            var day = hours.FirstOrDefault(h => h.Day == date.DayOfWeek);
            if (day is null)
            {
                continue;
            }

            // Minutes of the day, so nothing wraps past midnight.
            var dayVisits = visits.Where(v => v.IsActive && v.Date == date)
                .Select(v => (Start: Minutes(v.Start), End: Minutes(v.End), Gap: sameAddressVisitIds?.Contains(v.Id) == true ? 0 : bufferMinutes))
                .ToList();
            var nowMinutes = Minutes(now);
            var start = Minutes(day.Start);
            var close = Minutes(day.End);
            while (start + windowMinutes <= close)
            {
                var end = start + windowMinutes;
                if (date == today && start <= nowMinutes)
                {
                    start = end;
                    continue;
                }

                var blockers = dayVisits.Where(v => v.Start < end + v.Gap && start < v.End + v.Gap).ToList();
                if (blockers.Count == 0)
                {
                    yield return new FreeSlot(clerk.Id, clerk.DisplayName, date, At(start), At(end));
                    start = end;
                }
                else
                {
                    start = blockers.Max(v => v.End + v.Gap);
                }
            }
        }
    }

    /// <summary>
    /// Whether a window [<paramref name="start"/>, <paramref name="end"/>) leaves the travel time to and from another visit:
    /// no when it overlaps it, or when <paramref name="bufferMinutes"/> do not fit between them (0 for the same address).
    /// </summary>
    public static bool LeavesTravelTime(TimeOnly start, TimeOnly end, TimeOnly otherStart, TimeOnly otherEnd, int bufferMinutes) =>
        Minutes(end) + bufferMinutes <= Minutes(otherStart) || Minutes(otherEnd) + bufferMinutes <= Minutes(start);

    /// <summary>An address compared for travel: letters and digits only, lower case, without a leading "ul."/"ulica".</summary>
    public static string AddressKey(string street, string postalCode, string town)
    {
        static string Squash(string text) => new([.. text.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
        var s = street.Trim();
        foreach (var prefix in new[] { "ulica ", "ul.", "ul " })
        {
            if (s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                s = s[prefix.Length..];
                break;
            }
        }

        return Squash(s) + "|" + Squash(postalCode) + "|" + Squash(town);
    }

    private static int Minutes(TimeOnly time) => (time.Hour * 60) + time.Minute;

    private static TimeOnly At(int minutes) => new(minutes / 60, minutes % 60);

    /// <summary>
    /// Books a visit for the request (or re-books it: the current visit becomes <see cref="VisitState.Rebooked"/>).
    /// The request moves to <see cref="RequestStatus.VisitScheduled"/> (through InReview when it was just submitted)
    /// with a note naming the day, the window and the clerk, which the resident reads on the status page;
    /// <paramref name="note"/> (optional words for the resident) is added to that note.
    /// </summary>
    public async Task<CommandResult> BookAsync(StaffActor actor, int requestId, string? clerkId, DateOnly? date, TimeOnly? start, TimeOnly? end, string? note, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.BookVisits);
        var errors = new List<AnswerError>();
        var now = WarsawTime.ToWarsaw(clock.GetUtcNow());
        var today = DateOnly.FromDateTime(now.DateTime);

        var tidyNote = PlainText.Tidy(note, multiline: true);
        if (PlainText.Length(tidyNote) > NoteMaxLength)
        {
            errors.Add(new(FieldNote, "Note_TooLong", NoteMaxLength, PlainText.Length(tidyNote)));
        }
        else if (ClerkSchedule.HasMarkup(tidyNote))
        {
            errors.Add(new(FieldNote, "Note_Markup"));
        }

        if (string.IsNullOrEmpty(clerkId))
        {
            errors.Add(new(FieldClerk, "Clerk_Required"));
        }

        if (date is null)
        {
            errors.Add(new(FieldDate, "Date_Required"));
        }
        else if (date < today)
        {
            errors.Add(new(FieldDate, "Date_Past"));
        }
        else if (!WorkingDays.IsWorkingDay(date.Value))
        {
            errors.Add(new(FieldDate, "Date_DayOff", VisitText.Day(date.Value)));
        }

        if (start is null || end is null || start >= end)
        {
            errors.Add(new(FieldWindow, "Window_Required"));
        }
        else if (date == today && start <= TimeOnly.FromDateTime(now.DateTime))
        {
            errors.Add(new(FieldWindow, "Window_Past"));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // Check and write holding the request's and the clerk's locks (DbLocks: SQLite's single writer, PostgreSQL's
        // advisory locks), so two people booking the same clerk's window, or the same request, at the same moment
        // cannot both succeed: the second waits, then sees the first one's visit in the re-check below.
        string[] locks = string.IsNullOrEmpty(clerkId) ? [$"request:{requestId}"] : [$"request:{requestId}", $"clerk:{clerkId}"];
        await using var tx = await db.BeginLockedAsync(locks, ct);

        var request = await db.VisitRequests.Include(r => r.Visits).FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
        {
            return CommandResult.Fail(FieldRequest, "Request_NotFound");
        }

        if (!CanMoveToScheduled(request.Status))
        {
            errors.Insert(0, new(FieldRequest, "Request_WrongStatus"));
        }

        StaffUser? clerk = null;
        if (!string.IsNullOrEmpty(clerkId))
        {
            clerk = await ClerkSchedule.Clerks(db).FirstOrDefaultAsync(u => u.Id == clerkId, ct);
            if (clerk is null)
            {
                errors.Add(new(FieldClerk, "Clerk_Unknown"));
            }
            else if (clerk.IsDisabled)
            {
                errors.Add(new(FieldClerk, "Clerk_Disabled", clerk.DisplayName));
                clerk = null;
            }
        }

        if (clerk is not null && errors.All(e => e.Field is not (FieldDate or FieldWindow)))
        {
            var day = date!.Value;
            var absent = await db.ClerkAbsences.AsNoTracking().AnyAsync(a => a.ClerkId == clerk.Id && a.From <= day && a.To >= day, ct);
            var hours = await db.ClerkWorkingHours.AsNoTracking().FirstOrDefaultAsync(h => h.ClerkId == clerk.Id && h.Day == day.DayOfWeek, ct);
            if (absent)
            {
                errors.Add(new(FieldDate, "Date_Absent", clerk.DisplayName, VisitText.Day(day)));
            }
            else if (hours is null)
            {
                errors.Add(new(FieldDate, "Date_NotWorking", clerk.DisplayName, ClerkSchedule.PolishOn(day.DayOfWeek)));
            }
            else if (start < hours.Start || end > hours.End)
            {
                errors.Add(new(FieldWindow, "Window_OutsideHours", clerk.DisplayName, VisitText.Window(hours.Start, hours.End)));
            }
            else
            {
                // The re-check inside the lock: another of the clerk's visits in this window (this request's own
                // current visit does not count: it is the one being moved).
                var sameDay = await ActiveVisits(db).AsNoTracking()
                    .Where(v => v.ClerkId == clerk.Id && v.Date == day && v.VisitRequestId != requestId)
                    .Select(v => new { v.Date, v.Start, v.End, v.Request!.Street, v.Request.PostalCode, v.Request.Town })
                    .ToListAsync(ct);
                var clash = sameDay.FirstOrDefault(v => v.Start < end && start < v.End);
                var buffer = Math.Max(0, await db.Municipalities.AsNoTracking().OrderBy(m => m.Id).Select(m => m.TravelBufferMinutes).FirstOrDefaultAsync(ct));
                var here = AddressKey(request.Street, request.PostalCode, request.Town);
                var tooClose = sameDay.FirstOrDefault(v => AddressKey(v.Street, v.PostalCode, v.Town) != here
                    && !LeavesTravelTime(start!.Value, end!.Value, v.Start, v.End, buffer));
                if (clash is not null)
                {
                    errors.Add(new(FieldWindow, "Window_Taken", clerk.DisplayName, VisitText.Window(clash.Start, clash.End)));
                }
                else if (tooClose is not null)
                {
                    errors.Add(new(
                        FieldWindow,
                        "Window_NoTravelTime",
                        clerk.DisplayName,
                        VisitText.Window(tooClose.Start, tooClose.End),
                        tooClose.Town,
                        Plural.Format(buffer, "minuta|minuty|minut", Plural.Polish)));
                }
            }
        }

        if (errors.Count > 0)
        {
            return new CommandResult(errors);
        }

        var at = clock.GetUtcNow();
        var from = request.Status;
        var previous = request.Visits.Where(v => v.IsActive).ToList();
        foreach (var old in previous)
        {
            old.State = VisitState.Rebooked;
        }

        // A re-booking moves the same calendar event (same UID, next SEQUENCE), whoever the clerk is now.
        var moved = previous.OrderByDescending(v => v.Id).FirstOrDefault();

        var visit = new Visit
        {
            VisitRequestId = request.Id,
            ClerkId = clerk!.Id,
            Date = date!.Value,
            Start = start!.Value,
            End = end!.Value,
            State = VisitState.Booked,
            BookedAt = at,
            BookedBy = actor.DisplayName,
            DoorWord = DoorWords.Next(),
            SeriesId = moved?.SeriesKey,
            Sequence = moved is null ? 0 : moved.Sequence + 1,
        };
        request.Visits.Add(visit);

        if (request.Status == RequestStatus.Submitted)
        {
            request.MoveTo(RequestStatus.InReview, actor.DisplayName, null, at);
        }

        var sentence = VisitText.Get(previous.Count > 0 ? "History_Rebooked" : "History_Booked", VisitText.Day(visit.Date), VisitText.Window(visit.Start, visit.End), clerk.DisplayName);
        request.MoveTo(RequestStatus.VisitScheduled, actor.DisplayName, tidyNote.Length == 0 ? sentence : sentence + " " + tidyNote, at);
        await outbox.QueueAsync(db, request, previous.Count > 0 ? NotificationKind.VisitRebooked : NotificationKind.VisitBooked, VisitFacts.Of(visit, clerk.DisplayName), ct: ct);

        audit.Add(
            db,
            actor,
            previous.Count > 0 ? AuditActions.VisitRebooked : AuditActions.VisitBooked,
            AuditLog.RequestSubject(request.Id),
            $"{from} → {RequestStatus.VisitScheduled}; clerk:{clerk.Id}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return CommandResult.Ok(visit.Id);
    }

    /// <summary>
    /// The office's calendar: visits from <paramref name="from"/> to <paramref name="to"/> (booked, confirmed, completed).
    /// Writes <see cref="AuditActions.CalendarRead"/> for each request shown.
    /// </summary>
    public async Task<IReadOnlyList<CalendarVisit>> CalendarAsync(StaffActor actor, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.BookVisits);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Visits.AsNoTracking()
            .Where(v => v.Date >= from && v.Date <= to
                && (v.State == VisitState.Booked || v.State == VisitState.Confirmed || v.State == VisitState.Completed))
            .Select(v => new CalendarVisit(v.Id, v.VisitRequestId, v.Request!.TrackingCode, v.Date, v.Start, v.End, v.State, v.Clerk!.DisplayName, v.Request.Matter!.Name, v.Request.Town))
            .ToListAsync(ct);
        await audit.RecordReadsAsync(
            actor, AuditActions.CalendarRead, rows.Select(v => AuditLog.RequestSubject(v.RequestId)), $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}", ct);
        return [.. rows.OrderBy(v => v.Date).ThenBy(v => v.Start).ThenBy(v => v.ClerkName, StringComparer.Create(VisitText.Polish, false))];
    }

    /// <summary>
    /// One clerk's other visits on <paramref name="day"/> (booked or confirmed), with their towns, so the coordinator sees
    /// the route; the request being booked is left out. No resident's name: the town, window and matter only.
    /// </summary>
    public async Task<IReadOnlyList<CalendarVisit>> ClerkDayAsync(StaffActor actor, string clerkId, DateOnly day, int? exceptRequestId = null, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.BookVisits);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await ActiveVisits(db).AsNoTracking()
            .Where(v => v.ClerkId == clerkId && v.Date == day && v.VisitRequestId != exceptRequestId)
            .Select(v => new CalendarVisit(v.Id, v.VisitRequestId, v.Request!.TrackingCode, v.Date, v.Start, v.End, v.State, v.Clerk!.DisplayName, v.Request.Matter!.Name, v.Request.Town))
            .ToListAsync(ct);
        return [.. rows.OrderBy(v => v.Start)];
    }

    /// <summary>The travel time between visits at different addresses (minutes), from the municipality's settings.</summary>
    public async Task<int> TravelBufferAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return Math.Max(0, await db.Municipalities.AsNoTracking().OrderBy(m => m.Id).Select(m => m.TravelBufferMinutes).FirstOrDefaultAsync(ct));
    }

    /// <summary>Whether a request in <paramref name="status"/> can be given a (new) visit.</summary>
    public static bool CanMoveToScheduled(RequestStatus status) => status == RequestStatus.Submitted
        ? RequestLifecycle.CanMove(RequestStatus.Submitted, RequestStatus.InReview) && RequestLifecycle.CanMove(RequestStatus.InReview, RequestStatus.VisitScheduled)
        : RequestLifecycle.CanMove(status, RequestStatus.VisitScheduled);

    internal static IQueryable<Visit> ActiveVisits(AppDbContext db) =>
        db.Visits.Where(v => v.State == VisitState.Booked || v.State == VisitState.Confirmed);

    private static IQueryable<StaffUser> BookableClerks(AppDbContext db) => ClerkSchedule.Clerks(db).Where(u => !u.IsDisabled);
}
