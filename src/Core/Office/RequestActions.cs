using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Office;

/// <summary>What staff type when completing a request after the visit.</summary>
public sealed class CompletionForm
{
    /// <summary>An <see cref="OutcomeChannel"/> name: how the matter was filed.</summary>
    public string? Channel { get; set; }

    /// <summary>The ePUAP receipt (UPO) number or another filing reference.</summary>
    public string? Reference { get; set; }

    /// <summary>What was filed, for staff.</summary>
    public string? Note { get; set; }

    public bool AnotherVisitNeeded { get; set; }

    /// <summary>What the resident reads on /status.</summary>
    public string? PublicNote { get; set; }
}

/// <summary>
/// A request as the staff member saw it: its id and, from a page, the <see cref="VisitRequest.Version"/> it showed. A
/// change made from a page that shows an older version is refused ("Request_Changed"), so a coordinator never acts on
/// a state someone else has just changed. A plain id (no version) skips that check.
/// </summary>
public readonly record struct RequestRef(int Id, int? SeenVersion)
{
    public static implicit operator RequestRef(int id) => new(id, null);

    public static RequestRef FromInt32(int id) => new(id, null);
}

/// <summary>
/// The changes staff make to a request. Each one: demands <see cref="StaffPermission.ChangeRequest"/>, is
/// refused when the lifecycle does not allow it, checks what was typed (nothing changes when anything is
/// wrong), and writes the history entry (with the note the resident sees on /status) and an audit record in
/// the same SaveChanges. Problems come back as field errors with keys of OfficeMessages.resx.
/// </summary>
public sealed class RequestActions(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock, NotificationOutbox outbox)
{
    public const int NoteMaxLength = 2000;
    public const int ReferenceMaxLength = 100;

    public Task<IReadOnlyList<AnswerError>> TakeIntoReviewAsync(StaffActor actor, RequestRef requestId, string? note, CancellationToken ct = default) =>
        MoveAsync(actor, requestId, RequestStatus.InReview, "ReviewNote", note, required: false, ct);

    /// <summary>Asks the resident for information; the message is what they read on /status.</summary>
    public Task<IReadOnlyList<AnswerError>> AskForInformationAsync(StaffActor actor, RequestRef requestId, string? message, CancellationToken ct = default) =>
        MoveAsync(actor, requestId, RequestStatus.NeedsInformation, "InfoMessage", message, required: true, ct);

    /// <summary>Back to review once the resident has answered.</summary>
    public Task<IReadOnlyList<AnswerError>> ResumeReviewAsync(StaffActor actor, RequestRef requestId, string? note, CancellationToken ct = default) =>
        MoveAsync(actor, requestId, RequestStatus.InReview, "ResumeNote", note, required: false, ct);

    public Task<IReadOnlyList<AnswerError>> CancelAsync(StaffActor actor, RequestRef requestId, string? reason, CancellationToken ct = default) =>
        MoveAsync(actor, requestId, RequestStatus.Cancelled, "CancelReason", reason, required: true, ct);

    public Task<IReadOnlyList<AnswerError>> RejectAsync(StaffActor actor, RequestRef requestId, string? reason, CancellationToken ct = default) =>
        MoveAsync(actor, requestId, RequestStatus.Rejected, "RejectReason", reason, required: true, ct);

    /// <summary>Completes the request with the visit's outcome; the active visit is marked completed.</summary>
    public async Task<IReadOnlyList<AnswerError>> CompleteAsync(StaffActor actor, RequestRef request, CompletionForm form, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ChangeRequest);
        var errors = new List<AnswerError>();
        OutcomeChannel? channel = Enum.TryParse<OutcomeChannel>(form.Channel, out var c) && Enum.IsDefined(c) ? c : null;
        if (channel is null)
        {
            errors.Add(new("OutcomeChannel", "OutcomeChannel_Required"));
        }

        var reference = Text(form.Reference, "OutcomeReference", ReferenceMaxLength, required: channel == OutcomeChannel.Epuap, errors, multiline: false);
        var note = Text(form.Note, "OutcomeNote", NoteMaxLength, required: false, errors);
        var publicNote = Text(form.PublicNote, "CompletePublicNote", NoteMaxLength, required: false, errors);
        if (errors.Count > 0)
        {
            return errors;
        }

        var requestId = request.Id;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.VisitRequests.Include(r => r.Visits).FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (Changed(stored, request) is { } problem)
        {
            return problem;
        }

        if (!RequestLifecycle.CanMove(stored!.Status, RequestStatus.Completed))
        {
            return [new("Status", "Status_NotAllowed", stored.Status)];
        }

        // A visit is recorded as held only once it has begun: the calendar and the resident must never read that a
        // visit took place before its time.
        var now = clock.GetUtcNow();
        if (stored.Visits.Where(v => v.IsActive).OrderBy(v => v.Date).ThenBy(v => v.Start).FirstOrDefault() is { } pending
            && now < VisitOutcomes.StartsAt(pending.Date, pending.Start))
        {
            return [new("Status", "Complete_NotStarted", VisitText.Day(pending.Date), VisitText.Time(pending.Start))];
        }

        var from = stored.Status;
        stored.MoveTo(RequestStatus.Completed, actor.DisplayName, publicNote.Length == 0 ? null : publicNote, now);
        stored.OutcomeChannel = channel;
        stored.OutcomeReference = reference.Length == 0 ? null : reference;
        stored.OutcomeNote = note.Length == 0 ? null : note;
        stored.AnotherVisitNeeded = form.AnotherVisitNeeded;
        foreach (var visit in stored.Visits.Where(v => v.IsActive))
        {
            visit.State = VisitState.Completed;
            visit.Sequence++;
            visit.OutcomeAt = now;
            visit.OutcomeBy = actor.DisplayName;
            visit.OutcomeChannel = channel;
            visit.OutcomeReference = stored.OutcomeReference;
            visit.AnotherVisitNeeded = form.AnotherVisitNeeded;
            visit.OutcomeNote = stored.OutcomeNote;
        }

        await outbox.QueueAsync(db, stored, NotificationKind.Completed, note: publicNote, ct: ct);
        audit.Add(db, actor, AuditActions.RequestChanged, AuditLog.RequestSubject(requestId), $"{from} → {RequestStatus.Completed}");
        return await SaveAsync(db, ct);
    }

    private async Task<IReadOnlyList<AnswerError>> MoveAsync(StaffActor actor, RequestRef target, RequestStatus to, string field, string? note, bool required, CancellationToken ct)
    {
        actor.Demand(StaffPermission.ChangeRequest);
        var errors = new List<AnswerError>();
        var text = Text(note, field, NoteMaxLength, required, errors);
        if (errors.Count > 0)
        {
            return errors;
        }

        var requestId = target.Id;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.VisitRequests.Include(r => r.Visits).FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (Changed(request, target) is { } problem)
        {
            return problem;
        }

        if (!RequestLifecycle.CanMove(request!.Status, to))
        {
            return [new("Status", "Status_NotAllowed", request.Status)];
        }

        var from = request.Status;
        request.MoveTo(to, actor.DisplayName, text.Length == 0 ? null : text, clock.GetUtcNow());
        if (to == RequestStatus.Cancelled)
        {
            foreach (var visit in request.Visits.Where(v => v.IsActive))
            {
                visit.State = VisitState.Cancelled;
                visit.Sequence++;
            }
        }

        // What the resident must hear about goes out with the change (taking into review is the office's own step).
        NotificationKind? kind = to switch
        {
            RequestStatus.NeedsInformation => NotificationKind.InformationNeeded,
            RequestStatus.Cancelled => NotificationKind.Cancelled,
            RequestStatus.Rejected => NotificationKind.Rejected,
            _ => null,
        };
        if (kind is not null)
        {
            await outbox.QueueAsync(db, request, kind.Value, note: text, ct: ct);
        }

        audit.Add(db, actor, AuditActions.RequestChanged, AuditLog.RequestSubject(requestId), $"{from} → {to}");
        return await SaveAsync(db, ct);
    }

    // Missing, or changed since the page showed it.
    private static IReadOnlyList<AnswerError>? Changed(VisitRequest? stored, RequestRef seen) =>
        stored is null ? [new("Status", "Request_NotFound")]
        : seen.SeenVersion is { } version && version != stored.Version ? [new("Status", "Request_Changed")]
        : null;

    // The version token makes a save over someone else's change at the same moment fail as a whole (no history entry,
    // no message, no audit record), on either engine; the staff member is told and sees the new state.
    private static async Task<IReadOnlyList<AnswerError>> SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return [];
        }
        catch (DbUpdateConcurrencyException)
        {
            return [new("Status", "Request_Changed")];
        }
    }

    /// <summary>Tidies a note and adds "{field}_Required", "{field}_TooLong" (max, actual) or "{field}_Markup" when it is wrong.</summary>
    internal static string Text(string? value, string field, int max, bool required, List<AnswerError> errors, bool multiline = true)
    {
        var text = PlainText.Tidy(value, multiline);
        if (text.Length == 0)
        {
            if (required)
            {
                errors.Add(new(field, field + "_Required"));
            }
        }
        else if (PlainText.Length(text) > max)
        {
            errors.Add(new(field, "Note_TooLong", max, PlainText.Length(text)));
        }
        else if (PlainText.HasAngleBracketsOrControl(text))
        {
            errors.Add(new(field, "Note_Markup"));
        }

        return text;
    }
}
