using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Visits;

/// <summary>What the clerk types at the door or in the car: a plain form, every field as posted.</summary>
public sealed class OutcomeForm
{
    /// <summary><see cref="VisitOutcomes.Yes"/> (held) or <see cref="VisitOutcomes.No"/> (not held).</summary>
    public string? Held { get; set; }

    /// <summary>Held: an <see cref="OutcomeChannel"/> name.</summary>
    public string? Channel { get; set; }

    /// <summary>Held: the ePUAP UPO number (required for ePUAP) or another reference.</summary>
    public string? Reference { get; set; }

    /// <summary>Held: <see cref="VisitOutcomes.Yes"/> when another visit is needed.</summary>
    public string? AnotherVisit { get; set; }

    /// <summary>Not held: a <see cref="NotHeldReason"/> name.</summary>
    public string? Reason { get; set; }

    /// <summary>Not held: a <see cref="NotHeldNextStep"/> name.</summary>
    public string? NextStep { get; set; }

    /// <summary>For the office (required when the reason is "other").</summary>
    public string? Note { get; set; }

    /// <summary>The idempotency key the form was rendered with; the same key sent twice records once.</summary>
    public string? Key { get; set; }
}

/// <summary>A recorded outcome as the clerk and the office read it.</summary>
public sealed record RecordedOutcome(
    VisitState State,
    DateTimeOffset At,
    string By,
    OutcomeChannel? Channel,
    string? Reference,
    bool AnotherVisitNeeded,
    NotHeldReason? Reason,
    NotHeldNextStep? NextStep,
    string? Note);

/// <summary>One visit with everything the clerk needs at the door, and whether its outcome can be recorded now.</summary>
/// <param name="Visit">Where, who, what to bring.</param>
/// <param name="StartsAt">The visit's start as an instant: the outcome can be recorded from then on.</param>
/// <param name="CanRecord">Still booked or confirmed, and begun.</param>
/// <param name="Outcome">The outcome, once recorded.</param>
public sealed record VisitCard(DaySheetVisit Visit, DateTimeOffset StartsAt, bool CanRecord, RecordedOutcome? Outcome);

/// <summary>
/// The clerk closes their own visit: held (how the matter was filed, with the UPO number for ePUAP; whether another
/// visit is needed) or not held (why, and what happens next). Only the visit's clerk, or the office
/// (<see cref="StaffPermission.ChangeRequest"/>), and only from the visit's start time. The request moves on through the
/// lifecycle with a note the resident reads on /status and the message the change sends; the change is audited.
/// The form's key makes it idempotent: the same form sent twice (a double tap, a phone re-sending what it kept offline)
/// records one outcome and answers success both times.
/// </summary>
public sealed class VisitOutcomes(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock, NotificationOutbox outbox)
{
    public const string Yes = "tak";
    public const string No = "nie";
    public const int NoteMaxLength = 2000;
    public const int ReferenceMaxLength = 100;
    public const int KeyMaxLength = 64;

    public const string FieldVisit = "Visit";
    public const string FieldHeld = "Held";
    public const string FieldChannel = "Channel";
    public const string FieldReference = "Reference";
    public const string FieldAnotherVisit = "AnotherVisit";
    public const string FieldReason = "Reason";
    public const string FieldNextStep = "NextStep";
    public const string FieldNote = "Note";

    /// <summary>A fresh idempotency key for a rendered form.</summary>
    public static string NewKey() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// One visit for its clerk (or the office), with its outcome; null when there is none or it is someone else's
    /// (the same answer, so a clerk cannot learn which visits exist). Every read is audited;
    /// <paramref name="detail"/> says how (e.g. "offline" for the copy kept on the phone).
    /// </summary>
    public async Task<VisitCard?> ReadAsync(StaffActor actor, int visitId, string? detail = null, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.RecordVisitOutcome);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await MyVisits.Project(db.Visits.AsNoTracking().Where(v => v.Id == visitId)).FirstOrDefaultAsync(ct);
        if (row is null || !MayRecord(actor, row.ClerkId))
        {
            return null;
        }

        audit.Add(db, actor, AuditActions.VisitRead, AuditLog.RequestSubject(row.RequestId), $"visit:{visitId}" + (detail is null ? null : " " + detail));
        await db.SaveChangesAsync(ct);
        var startsAt = StartsAt(row.Date, row.Start);
        return new VisitCard(row, startsAt, row.State is VisitState.Booked or VisitState.Confirmed && clock.GetUtcNow() >= startsAt, row.Outcome);
    }

    /// <summary>
    /// Records the outcome. Problems come back as field errors in Polish and nothing changes. A second form with the
    /// key of the one that recorded the outcome succeeds without changing anything.
    /// </summary>
    public async Task<CommandResult> RecordAsync(StaffActor actor, int visitId, OutcomeForm form, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.RecordVisitOutcome);
        var key = form.Key?.Trim() ?? string.Empty;
        if (key.Length is 0 or > KeyMaxLength || !key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return CommandResult.Fail(FieldVisit, "Outcome_Key_Missing");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // One lock for the check and the change (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock on the visit), so
        // two copies of the same form sent at once record one outcome: the second waits, then finds the first one's key.
        // (A serializable transaction on PostgreSQL failed the second copy with 40001 instead of letting it wait.)
        await using var tx = await db.BeginLockedAsync($"visit:{visitId}", ct);
        var visit = await db.Visits.Include(v => v.Request).Include(v => v.Clerk).FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null || !MayRecord(actor, visit.ClerkId))
        {
            return CommandResult.Fail(FieldVisit, visit is null ? "Outcome_NotFound" : "Outcome_NotYours");
        }

        if (visit.OutcomeKey == key)
        {
            return CommandResult.Ok(visit.Id);
        }

        if (visit.State is VisitState.Completed or VisitState.NotHeld)
        {
            var at = visit.OutcomeAt is { } o ? WarsawTime.ToWarsaw(o).ToString("d MMMM, HH:mm", VisitText.Polish) : "—";
            return CommandResult.Fail(FieldVisit, "Outcome_Already", at, visit.OutcomeBy ?? "—");
        }

        if (!visit.IsActive)
        {
            return CommandResult.Fail(FieldVisit, "Outcome_NotActive");
        }

        var now = clock.GetUtcNow();
        if (now < StartsAt(visit.Date, visit.Start))
        {
            return CommandResult.Fail(FieldVisit, "Outcome_NotStarted", VisitText.Day(visit.Date), VisitText.Time(visit.Start));
        }

        var checkedForm = Check(form);
        if (checkedForm.Errors.Count > 0)
        {
            return new CommandResult(checkedForm.Errors);
        }

        var request = visit.Request!;
        var from = request.Status;
        var day = VisitText.Date(visit.Date);
        var facts = VisitFacts.Of(visit, visit.Clerk!.DisplayName);
        visit.OutcomeKey = key;
        visit.OutcomeAt = now;
        visit.OutcomeBy = actor.DisplayName;
        visit.OutcomeNote = checkedForm.Note;
        visit.Sequence++;
        if (checkedForm.Held)
        {
            visit.State = VisitState.Completed;
            visit.OutcomeChannel = checkedForm.Channel;
            visit.OutcomeReference = checkedForm.Reference;
            visit.AnotherVisitNeeded = checkedForm.AnotherVisit;
            var channelSentence = checkedForm.Channel == OutcomeChannel.Epuap && checkedForm.Reference is { } upo
                ? VisitText.Get("History_Held_Channel_Epuap_Upo", upo)
                : VisitText.Get("History_Held_Channel_" + checkedForm.Channel);
            var sentence = VisitText.Get("History_Held", day) + " " + channelSentence;
            if (checkedForm.AnotherVisit)
            {
                sentence += " " + VisitText.Get("History_Held_Another");
                request.MoveTo(RequestStatus.InReview, actor.DisplayName, sentence, now);
                await outbox.QueueAsync(db, request, NotificationKind.AnotherVisitNeeded, facts, ct: ct);
            }
            else
            {
                request.MoveTo(RequestStatus.Completed, actor.DisplayName, sentence, now);
                request.OutcomeChannel = checkedForm.Channel;
                request.OutcomeReference = checkedForm.Reference;
                request.OutcomeNote = checkedForm.Note;
                request.AnotherVisitNeeded = false;
                await outbox.QueueAsync(db, request, NotificationKind.Completed, facts, note: channelSentence, ct: ct);
            }
        }
        else
        {
            visit.State = VisitState.NotHeld;
            visit.NotHeldReason = checkedForm.Reason;
            visit.NextStep = checkedForm.NextStep;

            // The reason is told to the resident only when it is "nobody home": refusals and hospital stays are not
            // written where anyone with the code and phone digits can read them.
            var reason = checkedForm.Reason == NotHeldReason.NobodyHome ? VisitText.Get("History_NotHeld_NobodyHome") + " " : string.Empty;
            if (checkedForm.NextStep == NotHeldNextStep.NewVisit)
            {
                var next = reason + VisitText.Get("History_NotHeld_NewVisit");
                request.MoveTo(RequestStatus.InReview, actor.DisplayName, VisitText.Get("History_NotHeld", day) + " " + next, now);
                await outbox.QueueAsync(db, request, NotificationKind.VisitNotHeld, facts, note: next, ct: ct);
            }
            else
            {
                var sentence = VisitText.Get("History_NotHeld", day) + " " + reason + VisitText.Get("History_NotHeld_Close");
                request.MoveTo(RequestStatus.Cancelled, actor.DisplayName, sentence, now);
                await outbox.QueueAsync(db, request, NotificationKind.Cancelled, facts, note: sentence, ct: ct);
            }
        }

        audit.Add(db, actor, AuditActions.VisitOutcome, AuditLog.RequestSubject(request.Id), $"visit:{visit.Id} {visit.State}; {from} → {request.Status}");
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // The same key on another visit: a form copied between visits. Nothing was saved.
            return CommandResult.Fail(FieldVisit, "Outcome_Key_Missing");
        }

        return CommandResult.Ok(visit.Id);
    }

    /// <summary>The instant a visit begins (its day and start, Warsaw wall-clock time).</summary>
    public static DateTimeOffset StartsAt(DateOnly date, TimeOnly start)
    {
        // The wall-clock time in Warsaw, whatever the offset that day (summer or winter time).
        var local = date.ToDateTime(start, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, WarsawZone), TimeSpan.Zero);
    }

    private static readonly TimeZoneInfo WarsawZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    private static bool MayRecord(StaffActor actor, string clerkId) => actor.UserId == clerkId || actor.Can(StaffPermission.ChangeRequest);

    private sealed record CheckedForm(List<AnswerError> Errors, bool Held, OutcomeChannel? Channel, string? Reference, bool AnotherVisit, NotHeldReason? Reason, NotHeldNextStep? NextStep, string? Note);

    /// <summary>Checks the form in the order of its fields; only the part for the chosen answer (held or not) counts.</summary>
    private static CheckedForm Check(OutcomeForm form)
    {
        var errors = new List<AnswerError>();
        bool? held = form.Held switch
        {
            Yes => true,
            No => false,
            _ => null,
        };
        if (held is null)
        {
            errors.Add(new(FieldHeld, "Outcome_Held_Required"));
        }

        OutcomeChannel? channel = null;
        string? reference = null;
        var another = false;
        NotHeldReason? reason = null;
        NotHeldNextStep? next = null;
        if (held == true)
        {
            channel = Enum.TryParse<OutcomeChannel>(form.Channel, out var c) && Enum.IsDefined(c) ? c : null;
            if (channel is null)
            {
                errors.Add(new(FieldChannel, "Outcome_Channel_Required"));
            }

            var text = PlainText.Tidy(form.Reference);
            if (text.Length == 0 && channel == OutcomeChannel.Epuap)
            {
                errors.Add(new(FieldReference, "Outcome_Reference_Required"));
            }
            else if (PlainText.Length(text) > ReferenceMaxLength)
            {
                errors.Add(new(FieldReference, "Outcome_Reference_TooLong", ReferenceMaxLength, PlainText.Length(text)));
            }
            else if (ClerkSchedule.HasMarkup(text))
            {
                errors.Add(new(FieldReference, "Outcome_Reference_Markup"));
            }

            reference = text.Length == 0 ? null : text;
            if (form.AnotherVisit is not (Yes or No))
            {
                errors.Add(new(FieldAnotherVisit, "Outcome_AnotherVisit_Required"));
            }

            another = form.AnotherVisit == Yes;
        }
        else if (held == false)
        {
            reason = Enum.TryParse<NotHeldReason>(form.Reason, out var r) && Enum.IsDefined(r) ? r : null;
            if (reason is null)
            {
                errors.Add(new(FieldReason, "Outcome_Reason_Required"));
            }

            next = Enum.TryParse<NotHeldNextStep>(form.NextStep, out var n) && Enum.IsDefined(n) ? n : null;
            if (next is null)
            {
                errors.Add(new(FieldNextStep, "Outcome_NextStep_Required"));
            }
        }

        var note = PlainText.Tidy(form.Note, multiline: true);
        if (note.Length == 0 && reason == NotHeldReason.Other)
        {
            errors.Add(new(FieldNote, "Outcome_Note_Required"));
        }
        else if (PlainText.Length(note) > NoteMaxLength)
        {
            errors.Add(new(FieldNote, "Outcome_Note_TooLong", NoteMaxLength, PlainText.Length(note)));
        }
        else if (ClerkSchedule.HasMarkup(note))
        {
            errors.Add(new(FieldNote, "Outcome_Note_Markup"));
        }

        return new CheckedForm(errors, held == true, channel, reference, another, reason, next, note.Length == 0 ? null : note);
    }
}
