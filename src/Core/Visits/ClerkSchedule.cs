using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Visits;

/// <summary>A clerk as the office plans with them: hours per weekday and absences.</summary>
public sealed record ClerkPlan(string ClerkId, string DisplayName, bool IsDisabled, IReadOnlyList<ClerkWorkingHours> Hours, IReadOnlyList<ClerkAbsence> Absences);

/// <summary>One weekday's hours as typed: <see cref="Works"/> off means no visits that day.</summary>
public sealed class DayHoursForm
{
    public DayOfWeek Day { get; set; }
    public bool Works { get; set; }
    public string? Start { get; set; }
    public string? End { get; set; }
}

/// <summary>An absence as typed: the first and last day (inclusive) and an optional short reason.</summary>
public sealed class AbsenceForm
{
    public string? FromDay { get; set; }
    public string? FromMonth { get; set; }
    public string? FromYear { get; set; }
    public string? ToDay { get; set; }
    public string? ToMonth { get; set; }
    public string? ToYear { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// Clerks' weekly working hours and absences, which decide the free windows offered when booking.
/// Demands <see cref="StaffPermission.ManageClerkDays"/>; every change writes <see cref="AuditActions.ClerkDaysChanged"/>.
/// </summary>
public sealed class ClerkSchedule(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit)
{
    public static readonly TimeOnly EarliestStart = new(6, 0);
    public static readonly TimeOnly LatestEnd = new(22, 0);
    public const int AbsenceNoteMaxLength = 200;

    /// <summary>Field names of the absence form (and "Hours-{day}" for a weekday's hours).</summary>
    public const string FieldFrom = "From";
    public const string FieldTo = "To";
    public const string FieldNote = "Note";
    public const string FieldClerk = "Clerk";

    public static string HoursField(DayOfWeek day) => "Hours-" + day.ToString();

    /// <summary>Every account with the clerk role, with their hours and absences (past absences left out).</summary>
    public async Task<IReadOnlyList<ClerkPlan>> ListAsync(StaffActor actor, DateOnly today, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManageClerkDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clerks = await Clerks(db).OrderBy(u => EF.Functions.Collate(u.DisplayName, PolishCollation.For(db))).Select(u => new { u.Id, u.DisplayName, u.IsDisabled }).ToListAsync(ct);
        var ids = clerks.Select(c => c.Id).ToList();
        var hours = await db.ClerkWorkingHours.AsNoTracking().Where(h => ids.Contains(h.ClerkId)).ToListAsync(ct);
        var absences = await db.ClerkAbsences.AsNoTracking().Where(a => ids.Contains(a.ClerkId) && a.To >= today).ToListAsync(ct);
        return [.. clerks.Select(c => new ClerkPlan(
            c.Id,
            c.DisplayName,
            c.IsDisabled,
            [.. hours.Where(h => h.ClerkId == c.Id).OrderBy(h => ((int)h.Day + 6) % 7)],
            [.. absences.Where(a => a.ClerkId == c.Id).OrderBy(a => a.From)]))];
    }

    /// <summary>Replaces a clerk's weekly hours with <paramref name="days"/> (days not listed or not worked: no visits).</summary>
    public async Task<CommandResult> SetWeeklyHoursAsync(StaffActor actor, string clerkId, IReadOnlyList<DayHoursForm> days, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManageClerkDays);
        var errors = new List<AnswerError>();
        var parsed = new List<ClerkWorkingHours>();
        foreach (var day in days.Where(d => d.Works))
        {
            var field = HoursField(day.Day);
            var dayName = PolishOn(day.Day);
            var start = ParseTime(day.Start);
            var end = ParseTime(day.End);
            if (start is null || end is null)
            {
                errors.Add(new(field, "Hours_Invalid", dayName));
            }
            else if (start < EarliestStart || end > LatestEnd)
            {
                errors.Add(new(field, "Hours_OutOfRange", dayName));
            }
            else if (start >= end)
            {
                errors.Add(new(field, "Hours_StartAfterEnd", dayName));
            }
            else
            {
                parsed.Add(new ClerkWorkingHours { ClerkId = clerkId, Day = day.Day, Start = start.Value, End = end.Value });
            }
        }

        if (parsed.GroupBy(p => p.Day).Any(g => g.Count() > 1))
        {
            throw new ArgumentException("Each weekday may be given once.", nameof(days));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await Clerks(db).AnyAsync(u => u.Id == clerkId, ct))
        {
            return CommandResult.Fail(FieldClerk, "Clerk_Unknown");
        }

        if (errors.Count > 0)
        {
            return new CommandResult(errors);
        }

        // Replace in one transaction: a failure leaves the old hours, never none.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.ClerkWorkingHours.Where(h => h.ClerkId == clerkId).ExecuteDeleteAsync(ct);
        db.ClerkWorkingHours.AddRange(parsed);
        audit.Add(db, actor, AuditActions.ClerkDaysChanged, StaffSubject(clerkId), "hours");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return CommandResult.Ok();
    }

    /// <summary>Adds an absence: the clerk is offered for no visits from the first to the last day.</summary>
    public async Task<CommandResult> AddAbsenceAsync(StaffActor actor, string clerkId, AbsenceForm form, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManageClerkDays);
        var errors = new List<AnswerError>();
        var from = ParseDate(form.FromDay, form.FromMonth, form.FromYear, FieldFrom, "Absence_From", errors);
        var to = ParseDate(form.ToDay, form.ToMonth, form.ToYear, FieldTo, "Absence_To", errors);
        if (from is { } f && to is { } t && t < f)
        {
            errors.Add(new(FieldTo, "Absence_ToBeforeFrom"));
        }

        var note = PlainText.Tidy(form.Note);
        if (PlainText.Length(note) > AbsenceNoteMaxLength)
        {
            errors.Add(new(FieldNote, "Absence_NoteTooLong", AbsenceNoteMaxLength, PlainText.Length(note)));
        }
        else if (HasMarkup(note))
        {
            errors.Add(new(FieldNote, "Absence_NoteMarkup"));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await Clerks(db).AnyAsync(u => u.Id == clerkId, ct))
        {
            return CommandResult.Fail(FieldClerk, "Clerk_Unknown");
        }

        if (errors.Count > 0)
        {
            return new CommandResult(errors);
        }

        var absence = new ClerkAbsence { ClerkId = clerkId, From = from!.Value, To = to!.Value, Note = note.Length == 0 ? null : note };
        db.ClerkAbsences.Add(absence);
        audit.Add(db, actor, AuditActions.ClerkDaysChanged, StaffSubject(clerkId), "absence added");
        await db.SaveChangesAsync(ct);
        return CommandResult.Ok(absence.Id);
    }

    /// <summary>Removes an absence (e.g. entered by mistake).</summary>
    public async Task<CommandResult> RemoveAbsenceAsync(StaffActor actor, int absenceId, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManageClerkDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var absence = await db.ClerkAbsences.FirstOrDefaultAsync(a => a.Id == absenceId, ct);
        if (absence is null)
        {
            return CommandResult.Fail(FieldFrom, "Absence_Gone");
        }

        db.ClerkAbsences.Remove(absence);
        audit.Add(db, actor, AuditActions.ClerkDaysChanged, StaffSubject(absence.ClerkId), "absence removed");
        await db.SaveChangesAsync(ct);
        return CommandResult.Ok(absenceId);
    }

    /// <summary>The accounts with the clerk role (disabled ones included).</summary>
    internal static IQueryable<StaffUser> Clerks(AppDbContext db) =>
        from u in db.Users
        where db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == StaffRoles.Clerk))
        select u;

    internal static string StaffSubject(string id) => "staff:" + id;

    internal static bool HasMarkup(string text) => PlainText.HasAngleBracketsOrControl(text);

    /// <summary>"8:00", "08:00", "8.00", "8" → 08:00; null when it is not a time of day.</summary>
    public static TimeOnly? ParseTime(string? text)
    {
        var t = text?.Trim().Replace('.', ':') ?? string.Empty;
        if (t.Length is > 0 and <= 2 && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var hour) && hour < 24)
        {
            return new TimeOnly(hour, 0);
        }

        return TimeOnly.TryParseExact(t, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
    }

    /// <summary>The weekday's Polish name, "poniedziałek".</summary>
    public static string Polish(DayOfWeek day) => VisitText.Polish.DateTimeFormat.GetDayName(day);

    /// <summary>"On" the weekday, as a sentence needs it: "w poniedziałek", "we wtorek", "w środę".</summary>
    public static string PolishOn(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "w poniedziałek",
        DayOfWeek.Tuesday => "we wtorek",
        DayOfWeek.Wednesday => "w środę",
        DayOfWeek.Thursday => "w czwartek",
        DayOfWeek.Friday => "w piątek",
        DayOfWeek.Saturday => "w sobotę",
        _ => "w niedzielę",
    };

    private static DateOnly? ParseDate(string? day, string? month, string? year, string field, string key, List<AnswerError> errors)
    {
        if (string.IsNullOrWhiteSpace(day) && string.IsNullOrWhiteSpace(month) && string.IsNullOrWhiteSpace(year))
        {
            errors.Add(new(field, key + "_Required"));
            return null;
        }

        var date = RequestJourney.ParseDate(day, month, year);
        if (date is null)
        {
            errors.Add(new(field, key + "_Invalid"));
        }

        return date;
    }
}
