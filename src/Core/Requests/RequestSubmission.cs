using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Catalogue;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Notifications;

namespace MobilnyUrzednik.Core.Requests;

/// <summary>
/// Turns a complete draft into a request. The request, its first history entry and the draft's
/// "sent" mark are committed in one transaction before anyone is told it worked, and the draft's
/// key is the idempotency key: the same form sent twice (double click, refresh, back and resend)
/// finds the request made the first time.
/// </summary>
public sealed class RequestSubmission(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, NotificationOutbox outbox)
{
    /// <summary>Sends the draft under <paramref name="draftKey"/> as a request filed in Polish.</summary>
    public Task<SubmissionResult> SubmitAsync(string draftKey, RequestChannel channel, string actor, CancellationToken ct = default) =>
        SubmitAsync(draftKey, channel, actor, language: null, ct);

    /// <summary>Sends the draft under <paramref name="draftKey"/> as a request, filed in <paramref name="language"/> ("pl", "en", "uk").</summary>
    public async Task<SubmissionResult> SubmitAsync(string draftKey, RequestChannel channel, string actor, string? language, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var draft = await db.RequestDrafts.FirstOrDefaultAsync(d => d.Key == draftKey, ct);
        if (draft is null)
        {
            return SubmissionResult.NoDraft;
        }

        if (draft.SubmittedRequestId is { } existingId)
        {
            return await ExistingAsync(db, existingId, ct);
        }

        var answers = System.Text.Json.JsonSerializer.Deserialize<RequestAnswers>(draft.AnswersJson, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)) ?? new RequestAnswers();
        var catalogue = await db.Matters.AsNoTracking().Where(s => !s.IsRetired).ToListAsync(ct);
        var today = WarsawTime.Today(clock);
        var errors = RequestJourney.Validate(JourneyStep.Check, answers, catalogue, today);
        if (errors.Count > 0 || RequestJourney.CheckEligibility(answers) != Ineligibility.None)
        {
            return SubmissionResult.Incomplete(errors);
        }

        var matter = RequestJourney.FindMatter(answers.MatterSlug, catalogue)!;
        for (var attempt = 0; ; attempt++)
        {
            var request = Build(answers, matter, channel);
            request.Language = Language(language);
            request.TrackingCode = TrackingCode.NewCode();
            request.SubmissionKey = draftKey;
            request.RecordSubmission(actor, clock.GetUtcNow());
            await QueueReceivedAsync(db, request, ct);

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                db.VisitRequests.Add(request);
                await db.SaveChangesAsync(ct);
                draft.SubmittedRequestId = request.Id;
                draft.AnswersJson = "{}";
                draft.UpdatedAt = clock.GetUtcNow();
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                Common.Telemetry.RequestsFiled.Add(1, new KeyValuePair<string, object?>("channel", channel.ToString()));
                return SubmissionResult.Created(request.Id, request.TrackingCode);
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();

                // Either the same form was sent twice at once (the key is taken) or, once in billions,
                // the random code collided: find the first, or try a new code.
                var existing = await db.VisitRequests.AsNoTracking().FirstOrDefaultAsync(r => r.SubmissionKey == draftKey, ct);
                if (existing is not null)
                {
                    return SubmissionResult.Created(existing.Id, existing.TrackingCode);
                }

                if (attempt >= 3)
                {
                    throw;
                }

                draft = await db.RequestDrafts.FirstAsync(d => d.Key == draftKey, ct);
            }
        }
    }

    /// <summary>Sends answers held by the caller as a request filed in Polish (see the overload with a language).</summary>
    public Task<SubmissionResult> SubmitAnswersAsync(
        string submissionKey,
        RequestAnswers answers,
        RequestChannel channel,
        string actor,
        string? kioskId = null,
        string? kioskLocation = null,
        CancellationToken ct = default) =>
        SubmitAnswersAsync(submissionKey, answers, channel, actor, kioskId, kioskLocation, language: null, ct);

    /// <summary>
    /// Sends answers held by the caller (the kiosk keeps them in its circuit, never in a draft) as a request.
    /// Every step is validated again and eligibility checked; <paramref name="submissionKey"/> (one per journey)
    /// is the idempotency key, so a second press of "Wyślij" returns the request made by the first.
    /// </summary>
    /// <param name="submissionKey">A per-journey key of at most 64 characters, e.g. a new GUID when the journey starts.</param>
    /// <param name="answers">The answers as typed.</param>
    /// <param name="channel">Where the request comes from.</param>
    /// <param name="actor">Who is recorded in the history (for a kiosk: its location), never a person's name.</param>
    /// <param name="kioskId">The kiosk's configured id, when <paramref name="channel"/> is <see cref="RequestChannel.Kiosk"/>.</param>
    /// <param name="kioskLocation">Where that kiosk stands.</param>
    /// <param name="language">The language the person filed in ("pl", "en", "uk"): the messages follow it.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<SubmissionResult> SubmitAnswersAsync(
        string submissionKey,
        RequestAnswers answers,
        RequestChannel channel,
        string actor,
        string? kioskId,
        string? kioskLocation,
        string? language,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(submissionKey);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.VisitRequests.AsNoTracking().Where(r => r.SubmissionKey == submissionKey)
            .Select(r => new { r.Id, r.TrackingCode }).FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            return SubmissionResult.Created(existing.Id, existing.TrackingCode);
        }

        var catalogue = await db.Matters.AsNoTracking().Where(s => !s.IsRetired).ToListAsync(ct);
        var errors = RequestJourney.Validate(JourneyStep.Check, answers, catalogue, WarsawTime.Today(clock)).ToList();
        switch (RequestJourney.CheckEligibility(answers))
        {
            case Ineligibility.OutsideMunicipality:
                errors.Add(new(nameof(RequestAnswers.LivesInMunicipality), "Ineligible_Residence"));
                break;
            case Ineligibility.CanComeToOffice:
                errors.Add(new(nameof(RequestAnswers.Reason), "Ineligible_CanCome"));
                break;
        }

        if (errors.Count > 0)
        {
            return SubmissionResult.Incomplete(errors);
        }

        var matter = RequestJourney.FindMatter(answers.MatterSlug, catalogue)!;
        for (var attempt = 0; ; attempt++)
        {
            var request = Build(answers, matter, channel);
            request.TrackingCode = TrackingCode.NewCode();
            request.SubmissionKey = submissionKey;
            request.Language = Language(language);
            request.KioskId = kioskId;
            request.KioskLocation = kioskLocation;
            request.RecordSubmission(actor, clock.GetUtcNow());
            await QueueReceivedAsync(db, request, ct);
            try
            {
                db.VisitRequests.Add(request);
                await db.SaveChangesAsync(ct);
                Common.Telemetry.RequestsFiled.Add(1, new KeyValuePair<string, object?>("channel", channel.ToString()));
                return SubmissionResult.Created(request.Id, request.TrackingCode);
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                db.ChangeTracker.Clear();

                // The same journey sent twice at once (the key is taken), or a code collision: find the first, or retry.
                var first = await db.VisitRequests.AsNoTracking().Where(r => r.SubmissionKey == submissionKey)
                    .Select(r => new { r.Id, r.TrackingCode }).FirstOrDefaultAsync(ct);
                if (first is not null)
                {
                    return SubmissionResult.Created(first.Id, first.TrackingCode);
                }

                if (attempt >= 3)
                {
                    throw;
                }
            }
        }
    }

    // The contact chosen in the form follows the request from the start; the "received" message is written with the
    // request, in the same commit (read before the write transaction begins, so it stays short).
    private async Task QueueReceivedAsync(AppDbContext db, VisitRequest request, CancellationToken ct)
    {
        outbox.SubscribeContact(request);
        await outbox.QueueAsync(db, request, NotificationKind.Received, ct: ct);
    }

    /// <summary>The stored language: "en" or "uk", or null for Polish (the default, and anything unknown).</summary>
    private static string? Language(string? language) => language is "en" or "uk" ? language : null;

    /// <summary>Builds the request from valid answers: normalised phone, postal code and tidy text.</summary>
    public static VisitRequest Build(RequestAnswers a, Matter matter, RequestChannel channel)
    {
        var relation = Enum.Parse<SubmitterRelation>(a.Relation!);
        var forOther = relation != SubmitterRelation.Self;
        var contact = Enum.Parse<ContactChannel>(a.ContactChannel!);
        var notes = PlainText.Tidy(a.AccessNotes, multiline: true);
        var description = PlainText.Tidy(a.Description, multiline: true);
        return new VisitRequest
        {
            TrackingCode = string.Empty,
            Channel = channel,
            LivesInMunicipality = a.LivesInMunicipality == "tak",
            EligibilityReason = Enum.Parse<EligibilityReason>(a.Reason!),
            MatterId = matter.Id,
            Description = description,
            ResidentName = PlainText.Tidy(a.ResidentName),
            ResidentPhone = PolishPhone.Normalise(a.ResidentPhone),
            Street = PlainText.Tidy(a.Street),
            PostalCode = Common.PostalCode.Normalise(a.PostalCode)!,
            Town = PlainText.Tidy(a.Town),
            SubmitterRelation = relation,
            SubmitterName = forOther ? PlainText.Tidy(a.SubmitterName) : null,
            SubmitterPhone = forOther ? PolishPhone.Normalise(a.SubmitterPhone) : null,
            ResidentConsent = forOther && a.ResidentConsent,
            ContactChannel = contact,
            ContactEmail = string.IsNullOrWhiteSpace(a.ContactEmail) ? null : a.ContactEmail.Trim(),
            NeedsSignLanguage = a.NeedsSignLanguage,
            NeedsCallBeforeVisit = a.NeedsCallBeforeVisit,
            AccessNotes = notes.Length == 0 ? null : notes,
            EarliestDate = a.Timing == "date" ? RequestJourney.ParseDate(a.EarliestDay, a.EarliestMonth, a.EarliestYear) : null,
            PartOfDay = Enum.Parse<PartOfDay>(a.PartOfDay!),
        };
    }

    /// <summary>What the confirmation page shows: the code, the matter and its checklist, no personal data.</summary>
    public async Task<ConfirmationView?> GetConfirmationAsync(int requestId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.VisitRequests.AsNoTracking()
            .Where(r => r.Id == requestId)
            .Select(r => new ConfirmationView(
                r.TrackingCode,
                r.Matter!.Name,
                r.Matter.Checklist.OrderBy(c => c.SortOrder).Select(c => c.Text).ToList(),
                r.ContactChannel))
            .FirstOrDefaultAsync(ct);
    }

    private static async Task<SubmissionResult> ExistingAsync(AppDbContext db, int id, CancellationToken ct)
    {
        var code = await db.VisitRequests.Where(r => r.Id == id).Select(r => r.TrackingCode).FirstAsync(ct);
        return SubmissionResult.Created(id, code);
    }
}

/// <summary>The confirmation of a sent request.</summary>
public sealed record ConfirmationView(string TrackingCode, string MatterName, IReadOnlyList<string> Checklist, ContactChannel ContactChannel);

/// <summary>What happened to a submission: a <see cref="CommandResult"/> with the outcome, the id and the tracking code.</summary>
public sealed record SubmissionResult(SubmissionOutcome Outcome, int? RequestId, string? TrackingCode, IReadOnlyList<AnswerError> Errors)
    : CommandResult(Errors, RequestId)
{
    public static SubmissionResult NoDraft { get; } = new(SubmissionOutcome.NoDraft, null, null, []);

    public static SubmissionResult Created(int id, string code) => new(SubmissionOutcome.Created, id, code, []);

    public static SubmissionResult Incomplete(IReadOnlyList<AnswerError> errors) => new(SubmissionOutcome.Incomplete, null, null, errors);
}

/// <summary>The outcome of <see cref="RequestSubmission.SubmitAsync(string, RequestChannel, string, string?, CancellationToken)"/>.</summary>
public enum SubmissionOutcome
{
    Created,
    NoDraft,
    Incomplete,
}
