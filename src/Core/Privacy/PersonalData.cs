using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Privacy;

/// <summary>A request that holds the data a person asked about.</summary>
public sealed record PersonalDataMatch(int RequestId, string TrackingCode, string MatterName, RequestStatus Status, DateTimeOffset CreatedAt, bool Anonymised);

/// <summary>
/// A resident's rights over their data (RODO art. 15 access, art. 17 erasure), for administrators: find the requests
/// holding a tracking code, phone number or e-mail address; export everything we hold about them; erase one. Demands
/// <see cref="StaffPermission.ManagePersonalData"/>; every search that shows something, export and erasure is audited
/// (by ids: the search's words are never written down).
/// </summary>
public sealed class PersonalData(IDbContextFactory<AppDbContext> dbFactory, RequestAnonymiser anonymiser, AuditLog audit, TimeProvider clock)
{
    public const int MaxMatches = 50;

    /// <summary>The cancellation note an erased open request gets (the resident reads it on /status before it goes).</summary>
    public const string ErasureNote = "Anulowane na wniosek o usunięcie danych.";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>
    /// The requests holding <paramref name="query"/>: a tracking code (any case or spacing), a phone number (any Polish
    /// way of writing it) or an e-mail address. Problems: "Query_Required", "Query_Unknown".
    /// </summary>
    public async Task<(IReadOnlyList<PersonalDataMatch> Matches, string? Problem)> FindAsync(StaffActor actor, string? query, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManagePersonalData);
        var text = query?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return ([], "Query_Required");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        IQueryable<VisitRequest> found;
        if (text.Contains('@', StringComparison.Ordinal))
        {
            var email = text.ToLowerInvariant();
            found = db.VisitRequests.Where(r => (r.ContactEmail != null && r.ContactEmail.ToLower() == email)
                || r.Subscriptions.Any(s => s.Address.ToLower() == email));
        }
        else if (TrackingCode.Parse(text) is { IsValid: true } code)
        {
            found = db.VisitRequests.Where(r => r.TrackingCode == code.Code);
        }
        else if (PolishPhone.Normalise(text) is { } phone)
        {
            found = db.VisitRequests.Where(r => r.ResidentPhone == phone || r.SubmitterPhone == phone || r.Subscriptions.Any(s => s.Address == phone));
        }
        else
        {
            return ([], "Query_Unknown");
        }

        var matches = await found.AsNoTracking().OrderByDescending(r => r.Id).Take(MaxMatches)
            .Select(r => new PersonalDataMatch(r.Id, r.TrackingCode, r.Matter!.Name, r.Status, r.CreatedAt, r.AnonymisedAt != null))
            .ToListAsync(ct);
        if (matches.Count > 0)
        {
            await audit.RecordAsync(actor, AuditActions.PersonalDataSearched, "personaldata", string.Join(',', matches.Select(m => m.RequestId)), ct);
        }

        return (matches, null);
    }

    /// <summary>Everything we hold about one request, as indented UTF-8 JSON with Polish names; null when there is no such request.</summary>
    public async Task<byte[]?> ExportAsync(StaffActor actor, int requestId, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManagePersonalData);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await db.VisitRequests.AsNoTracking().AsSplitQuery()
            .Include(x => x.Matter)
            .Include(x => x.History.OrderBy(h => h.Id))
            .Include(x => x.Visits.OrderBy(v => v.Id)).ThenInclude(v => v.Clerk)
            .Include(x => x.Subscriptions.OrderBy(s => s.Id))
            .FirstOrDefaultAsync(x => x.Id == requestId, ct);
        if (r is null)
        {
            return null;
        }

        var messages = await db.Outbox.AsNoTracking().Where(m => m.VisitRequestId == requestId).OrderBy(m => m.Id).ToListAsync(ct);
        var export = new Dictionary<string, object?>
        {
            ["wygenerowano"] = Local(clock.GetUtcNow()),
            ["numerZgloszenia"] = TrackingCode.Format(r.TrackingCode),
            ["sprawa"] = r.Matter?.Name,
            ["status"] = r.Status.ToString(),
            ["kanal"] = r.Channel.ToString(),
            ["kiosk"] = r.KioskLocation,
            ["zlozono"] = Local(r.CreatedAt),
            ["ostatniaZmiana"] = Local(r.UpdatedAt),
            ["zanonimizowano"] = r.AnonymisedAt is { } at ? Local(at) : null,
            ["mieszkaWGminie"] = r.LivesInMunicipality,
            ["powod"] = r.EligibilityReason.ToString(),
            ["opis"] = r.Description,
            ["mieszkaniec"] = new Dictionary<string, object?>
            {
                ["imieINazwisko"] = r.ResidentName,
                ["telefon"] = r.ResidentPhone,
                ["ulica"] = r.Street,
                ["kodPocztowy"] = r.PostalCode,
                ["miejscowosc"] = r.Town,
            },
            ["zglaszajacy"] = r.SubmitterRelation == SubmitterRelation.Self ? null : new Dictionary<string, object?>
            {
                ["kimJest"] = r.SubmitterRelation.ToString(),
                ["imieINazwisko"] = r.SubmitterName,
                ["telefon"] = r.SubmitterPhone,
                ["zgodaMieszkanca"] = r.ResidentConsent,
            },
            ["kontakt"] = new Dictionary<string, object?> { ["sposob"] = r.ContactChannel.ToString(), ["email"] = r.ContactEmail },
            ["potrzeby"] = new Dictionary<string, object?>
            {
                ["tlumaczPjm"] = r.NeedsSignLanguage,
                ["zadzwonicPrzedWizyta"] = r.NeedsCallBeforeVisit,
                ["uwagi"] = r.AccessNotes,
            },
            ["terminOd"] = r.EarliestDate?.ToString("yyyy-MM-dd", VisitText.Polish),
            ["poraDnia"] = r.PartOfDay.ToString(),
            ["wynik"] = r.OutcomeChannel is null ? null : new Dictionary<string, object?>
            {
                ["sposob"] = r.OutcomeChannel.ToString(),
                ["numer"] = r.OutcomeReference,
                ["notatka"] = r.OutcomeNote,
            },
            ["historia"] = r.History.Select(h => new Dictionary<string, object?>
            {
                ["kiedy"] = Local(h.At),
                ["status"] = h.Status.ToString(),
                ["kto"] = h.Actor,
                ["notatka"] = h.PublicNote,
            }).ToList(),
            ["wizyty"] = r.Visits.Select(v => new Dictionary<string, object?>
            {
                ["dzien"] = v.Date.ToString("yyyy-MM-dd", VisitText.Polish),
                ["godziny"] = VisitText.Window(v.Start, v.End),
                ["urzednik"] = v.Clerk?.DisplayName,
                ["stan"] = v.State.ToString(),
                ["wynikZapisano"] = v.OutcomeAt is { } outcomeAt ? Local(outcomeAt) : null,
                ["sposobZlozenia"] = v.OutcomeChannel?.ToString(),
                ["numerUpo"] = v.OutcomeReference,
                ["powodNieodbycia"] = v.NotHeldReason?.ToString(),
                ["notatkaUrzednika"] = v.OutcomeNote,
            }).ToList(),
            ["powiadomienia"] = r.Subscriptions.Select(s => new Dictionary<string, object?>
            {
                ["kanal"] = s.Channel.ToString(),
                ["adres"] = s.Address,
                ["odKiedy"] = Local(s.CreatedAt),
                ["kontaktZeZgloszenia"] = s.IsRequestContact,
                ["czekaNaPotwierdzenie"] = s.AwaitingConfirmation,
                ["potwierdzone"] = s.ConfirmedAt is { } confirmed ? Local(confirmed) : null,
                ["wylaczone"] = s.StoppedAt is { } stopped ? Local(stopped) : null,
            }).ToList(),
            ["wiadomosci"] = messages.Select(m => new Dictionary<string, object?>
            {
                ["rodzaj"] = m.Kind.ToString(),
                ["kanal"] = m.Channel.ToString(),
                ["do"] = m.Recipient,
                ["temat"] = m.Subject,
                ["tresc"] = m.Body,
                ["stan"] = m.State.ToString(),
                ["utworzono"] = Local(m.CreatedAt),
                ["wyslano"] = m.SentAt is { } sent ? Local(sent) : null,
            }).ToList(),
        };

        await audit.RecordAsync(actor, AuditActions.PersonalDataExported, AuditLog.RequestSubject(requestId), null, ct);
        return JsonSerializer.SerializeToUtf8Bytes(export, Json);
    }

    /// <summary>
    /// Erases one request's personal data when <paramref name="typedCode"/> is its tracking code (a typed confirmation).
    /// An open request is first cancelled, with <see cref="ErasureNote"/>, through the lifecycle. Problems:
    /// "Erase_NotFound", "Erase_CodeRequired", "Erase_CodeMismatch", "Erase_Already".
    /// </summary>
    public async Task<string?> EraseAsync(StaffActor actor, int requestId, string? typedCode, CancellationToken ct = default)
    {
        actor.Demand(StaffPermission.ManagePersonalData);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // Under the request's lock: a second erasure, the retention job or a booking at the same moment waits, and
        // then finds the request already anonymised ("Erase_Already") instead of racing it.
        await using var tx = await db.BeginLockedAsync($"request:{requestId}", ct);
        var request = await db.VisitRequests.Include(r => r.Visits).FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
        {
            return "Erase_NotFound";
        }

        if (request.AnonymisedAt is not null)
        {
            return "Erase_Already";
        }

        if (string.IsNullOrWhiteSpace(typedCode))
        {
            return "Erase_CodeRequired";
        }

        if (TrackingCode.Parse(typedCode) is not { IsValid: true } code || code.Code != request.TrackingCode)
        {
            return "Erase_CodeMismatch";
        }

        if (!RequestLifecycle.IsClosed(request.Status))
        {
            request.MoveTo(RequestStatus.Cancelled, actor.DisplayName, ErasureNote, clock.GetUtcNow());
            foreach (var visit in request.Visits.Where(v => v.IsActive))
            {
                visit.State = VisitState.Cancelled;
                visit.Sequence++;
            }

            await db.SaveChangesAsync(ct);
        }

        audit.Add(db, actor, AuditActions.PersonalDataErased, AuditLog.RequestSubject(requestId));
        await anonymiser.AnonymiseInAsync(db, actor, requestId, RequestAnonymiser.ReasonErasure, ct);
        await tx.CommitAsync(ct);
        return null;
    }

    private static string Local(DateTimeOffset at) => WarsawTime.ToWarsaw(at).ToString("yyyy-MM-dd'T'HH:mm:sszzz", VisitText.Polish);
}
