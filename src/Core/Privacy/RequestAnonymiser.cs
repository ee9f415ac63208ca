using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Privacy;

/// <summary>
/// Removes a request's personal data, in one transaction: who the resident is and where they live, who filed, how to
/// reach them, what they wrote, the office's notes to them, the visit's door word, the people following it and the
/// messages sent to them. What the programme's statistics need and identifies nobody stays: status, matter, channel,
/// dates, the eligibility category, the kiosk's place, how the matter was filed. The history keeps its entries (who
/// did what, when) without their notes: the one change its append-only trigger allows.
/// </summary>
public sealed class RequestAnonymiser(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    /// <summary>What stands where a required text was.</summary>
    public const string Removed = "—";

    /// <summary>Why the data went, as the audit log records it.</summary>
    public const string ReasonRetention = "retention";

    /// <inheritdoc cref="ReasonRetention"/>
    public const string ReasonErasure = "erasure";

    /// <summary>The system's own actor for the audit log (the retention job).</summary>
    public static StaffActor System { get; } = new("system", "Zadanie retencji danych", []);

    /// <summary>Anonymises the request; false when it does not exist or already was.</summary>
    public async Task<bool> AnonymiseAsync(StaffActor actor, int requestId, string reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.BeginLockedAsync($"request:{requestId}", ct);
        var done = await AnonymiseInAsync(db, actor, requestId, reason, ct);
        await tx.CommitAsync(ct);
        return done;
    }

    /// <summary>The same, inside the caller's transaction on <paramref name="db"/> (saved here; the caller commits).</summary>
    internal async Task<bool> AnonymiseInAsync(AppDbContext db, StaffActor actor, int requestId, string reason, CancellationToken ct)
    {
        var request = await db.VisitRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null || request.AnonymisedAt is not null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        request.ResidentName = Removed;
        request.ResidentPhone = null;
        request.Street = Removed;
        request.PostalCode = Removed;
        request.Town = Removed;
        request.Description = Removed;
        request.SubmitterName = null;
        request.SubmitterPhone = null;
        request.ContactEmail = null;
        request.AccessNotes = null;
        request.NeedsSignLanguage = false;
        request.NeedsCallBeforeVisit = false;
        request.OutcomeReference = null;
        request.OutcomeNote = null;
        request.AnonymisedAt = now;
        audit.Add(db, actor, AuditActions.RequestAnonymised, AuditLog.RequestSubject(requestId), reason);
        await db.SaveChangesAsync(ct);

        // Bulk statements: the history's notes (the only update its trigger lets through), the visits' door words and outcome
        // notes, the followers,
        // and the messages' addresses and texts (waiting ones will never go now).
        await db.RequestHistory.Where(h => h.VisitRequestId == requestId && h.PublicNote != null)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.PublicNote, (string?)null), ct);
        await db.Visits.Where(v => v.VisitRequestId == requestId).ExecuteUpdateAsync(s => s
            .SetProperty(v => v.DoorWord, (string?)null)
            .SetProperty(v => v.OutcomeReference, (string?)null)
            .SetProperty(v => v.OutcomeNote, (string?)null), ct);
        await db.Outbox.Where(m => m.VisitRequestId == requestId && (m.State == OutboxState.Pending || m.State == OutboxState.AwaitingStaff || m.State == OutboxState.Failed))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, OutboxState.Obsolete), ct);
        await db.Outbox.Where(m => m.VisitRequestId == requestId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Recipient, Removed).SetProperty(m => m.Body, Removed).SetProperty(m => m.Subject, (string?)null), ct);
        await db.Subscriptions.Where(s => s.VisitRequestId == requestId).ExecuteDeleteAsync(ct);
        await db.RequestDrafts.Where(d => d.SubmittedRequestId == requestId).ExecuteUpdateAsync(s => s.SetProperty(d => d.AnswersJson, "{}"), ct);
        return true;
    }
}
