using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Office;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Core.Visits;

public class VisitOutcomesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OutcomeForm Held(OutcomeChannel channel = OutcomeChannel.Epuap, string? upo = "UPO-123", bool another = false, string key = "klucz-1") => new()
    {
        Key = key,
        Held = VisitOutcomes.Yes,
        Channel = channel.ToString(),
        Reference = upo,
        AnotherVisit = another ? VisitOutcomes.Yes : VisitOutcomes.No,
    };

    private static OutcomeForm NotHeld(NotHeldReason reason = NotHeldReason.NobodyHome, NotHeldNextStep next = NotHeldNextStep.NewVisit, string? note = null, string key = "klucz-2") => new()
    {
        Key = key,
        Held = VisitOutcomes.No,
        Reason = reason.ToString(),
        NextStep = next.ToString(),
        Note = note,
    };

    /// <summary>A clerk, a request (followed by SMS) booked with them on Tuesday 10:00–12:00, and the clock at 10:05 that day.</summary>
    private static async Task<(VisitTestKit Kit, Staff.StaffActor Clerk, int RequestId, int VisitId)> AtTheDoorAsync()
    {
        var kit = await VisitTestKit.CreateAsync();
        var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var request = await kit.AddRequestAsync(channel: ContactChannel.Sms);
        await using (var db = kit.Database.CreateDbContext())
        {
            db.Subscriptions.Add(TestOutbox.For(kit.Clock).NewSubscription(NotificationChannel.Sms, "+48600100200", isContact: true) is var s ? WithRequest(s, request) : null!);
            await db.SaveChangesAsync(Ct);
        }

        var booked = await kit.BookAsync(request, clerk, VisitTestKit.Tuesday, 10, 12);
        kit.Clock.Advance(VisitTestKit.Warsaw(2026, 11, 24, 10, 5) - kit.Clock.GetUtcNow());
        return (kit, clerk, request, booked.Id!.Value);
    }

    private static NotificationSubscription WithRequest(NotificationSubscription s, int requestId)
    {
        s.VisitRequestId = requestId;
        return s;
    }

    [Fact]
    public async Task Record_HeldThroughEpuap_CompletesTheRequest_TheResidentReadsTheUpo_GetsTheMessage_Audited()
    {
        var (kit, clerk, requestId, visitId) = await AtTheDoorAsync();
        await using var _ = kit;

        var result = await kit.Outcomes.RecordAsync(clerk, visitId, Held(upo: "  UPO-2026-77  "), Ct);

        Assert.True(result.Succeeded, string.Join("; ", result.Worded().Select(e => e.Message)));
        var visit = await kit.VisitAsync(visitId);
        Assert.Equal((VisitState.Completed, OutcomeChannel.Epuap, "UPO-2026-77", "Tomasz Wiśniewski"), (visit.State, visit.OutcomeChannel, visit.OutcomeReference, visit.OutcomeBy));
        var request = await kit.RequestAsync(requestId);
        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Equal("Urzędnik był u mieszkańca 24 listopada 2026 r. Sprawę złożyliśmy przez ePUAP, numer UPO: UPO-2026-77.", request.History[^1].PublicNote);
        Assert.Equal("UPO-2026-77", request.OutcomeReference);
        var message = (await kit.MessagesAsync(requestId)).Last();
        Assert.Equal(NotificationKind.Completed, message.Kind);
        Assert.Contains("numer UPO: UPO-2026-77", message.Body, StringComparison.Ordinal);
        var audit = (await kit.AuditEntriesAsync()).Last();
        Assert.Equal((AuditActions.VisitOutcome, AuditLog.RequestSubject(requestId), clerk.UserId), (audit.Action, audit.Subject, audit.ActorId));
        Assert.DoesNotContain("UPO-2026-77", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_BeforeTheVisitsStart_Refused_NothingChanges_FromTheStartMinuteItIsAllowed()
    {
        var (kit, clerk, requestId, visitId) = await AtTheDoorAsync();
        await using var _ = kit;
        kit.Clock.Advance(VisitTestKit.Warsaw(2026, 11, 24, 9, 59) - kit.Clock.GetUtcNow());

        var early = await kit.Outcomes.RecordAsync(clerk, visitId, Held(), Ct);

        Assert.Equal("Wizyta zaczyna się wtorek, 24 listopada 2026 o 10:00. Wynik zapiszesz od tej godziny", Assert.Single(early.Worded()).Message);
        Assert.Equal(VisitState.Booked, (await kit.VisitAsync(visitId)).State);
        Assert.Equal(RequestStatus.VisitScheduled, (await kit.RequestAsync(requestId)).Status);

        kit.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await kit.Outcomes.RecordAsync(clerk, visitId, Held(), Ct)).Succeeded);
    }

    [Fact]
    public async Task Record_AnotherClerksVisit_Refused_TheCoordinatorMay()
    {
        var (kit, _, _, visitId) = await AtTheDoorAsync();
        await using var __ = kit;
        var maria = await kit.AddClerkAsync("Maria Zielińska");

        var refused = await kit.Outcomes.RecordAsync(maria, visitId, Held(), Ct);
        var read = await kit.Outcomes.ReadAsync(maria, visitId, ct: Ct);

        Assert.Equal(VisitOutcomes.FieldVisit, Assert.Single(refused.Errors).Field);
        Assert.StartsWith("To nie jest Twoja wizyta", refused.Worded()[0].Message, StringComparison.Ordinal);
        Assert.Null(read);
        Assert.Equal(VisitState.Booked, (await kit.VisitAsync(visitId)).State);
        Assert.True((await kit.Outcomes.RecordAsync(VisitTestKit.Coordinator, visitId, Held(), Ct)).Succeeded);
    }

    [Fact]
    public async Task Record_TheSameFormTwice_StoredOnce_BothAnsweredSuccess_AnotherFormIsTold()
    {
        var (kit, clerk, requestId, visitId) = await AtTheDoorAsync();
        await using var _ = kit;

        var first = await kit.Outcomes.RecordAsync(clerk, visitId, Held(key: "jeden"), Ct);
        var historyAfterFirst = (await kit.RequestAsync(requestId)).History.Count;
        var messagesAfterFirst = (await kit.MessagesAsync(requestId)).Count;
        var again = await kit.Outcomes.RecordAsync(clerk, visitId, Held(key: "jeden", upo: "INNY"), Ct);
        var other = await kit.Outcomes.RecordAsync(clerk, visitId, NotHeld(key: "dwa"), Ct);

        Assert.True(first.Succeeded);
        Assert.True(again.Succeeded);
        Assert.StartsWith("Wynik tej wizyty jest już zapisany", Assert.Single(other.Worded()).Message, StringComparison.Ordinal);
        Assert.Equal(historyAfterFirst, (await kit.RequestAsync(requestId)).History.Count);
        Assert.Equal(messagesAfterFirst, (await kit.MessagesAsync(requestId)).Count);
        Assert.Equal("UPO-123", (await kit.VisitAsync(visitId)).OutcomeReference);
        Assert.Single(await kit.AuditEntriesAsync(), a => a.Action == AuditActions.VisitOutcome);
    }

    [Fact]
    public async Task Record_TheSameFormSentTwiceAtOnce_StoredOnce()
    {
        var (kit, clerk, requestId, visitId) = await AtTheDoorAsync();
        await using var _ = kit;

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => kit.Outcomes.RecordAsync(clerk, visitId, Held(key: "naraz"), Ct), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("; ", r.Worded().Select(e => e.Message))));
        Assert.Single((await kit.RequestAsync(requestId)).History, h => h.Status == RequestStatus.Completed);
        Assert.Single(await kit.AuditEntriesAsync(), a => a.Action == AuditActions.VisitOutcome);
    }

    [Fact]
    public async Task Record_NobodyHome_RequestBackToReview_MarkedInTheInboxForANewVisit_ResidentToldWithoutDetails()
    {
        var (kit, clerk, requestId, visitId) = await AtTheDoorAsync();
        await using var _ = kit;

        Assert.True((await kit.Outcomes.RecordAsync(clerk, visitId, NotHeld(note: "Sąsiadka mówi, że jest u córki."), Ct)).Succeeded);

        var visit = await kit.VisitAsync(visitId);
        Assert.Equal((VisitState.NotHeld, NotHeldReason.NobodyHome, NotHeldNextStep.NewVisit), (visit.State, visit.NotHeldReason, visit.NextStep));
        var request = await kit.RequestAsync(requestId);
        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.Equal("Wizyta 24 listopada 2026 r. nie odbyła się. Nikogo nie zastaliśmy w domu. Zadzwonimy, aby umówić nowy termin.", request.History[^1].PublicNote);
        var message = (await kit.MessagesAsync(requestId)).Last();
        Assert.Equal(NotificationKind.VisitNotHeld, message.Kind);
        Assert.DoesNotContain("córki", message.Body, StringComparison.Ordinal);

        var row = Assert.Single((await new Inbox(kit.Database, kit.Audit, kit.Clock).QueryAsync(VisitTestKit.Coordinator, new InboxQuery(), Ct)).Rows);
        Assert.True(row.NewVisitNeeded);
        Assert.True(VisitBooking.CanMoveToScheduled(row.Status));
    }

    [Fact]
    public async Task Record_InHospital_CloseTheRequest_Cancelled_TheReasonIsNotPublic()
    {
        var (kit, clerk, requestId, visitId) = await AtTheDoorAsync();
        await using var _ = kit;

        Assert.True((await kit.Outcomes.RecordAsync(clerk, visitId, NotHeld(NotHeldReason.InHospital, NotHeldNextStep.CloseRequest), Ct)).Succeeded);

        var request = await kit.RequestAsync(requestId);
        Assert.Equal(RequestStatus.Cancelled, request.Status);
        Assert.DoesNotContain("szpital", request.History[^1].PublicNote, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(NotificationKind.Cancelled, (await kit.MessagesAsync(requestId)).Last().Kind);
    }

    [Fact]
    public async Task Record_HeldButAnotherVisitNeeded_RequestBackToReview()
    {
        var (kit, clerk, requestId, visitId) = await AtTheDoorAsync();
        await using var _ = kit;

        Assert.True((await kit.Outcomes.RecordAsync(clerk, visitId, Held(OutcomeChannel.PaperAtOffice, upo: null, another: true), Ct)).Succeeded);

        Assert.True((await kit.VisitAsync(visitId)).AnotherVisitNeeded);
        Assert.Equal(RequestStatus.InReview, (await kit.RequestAsync(requestId)).Status);
        Assert.Equal(NotificationKind.AnotherVisitNeeded, (await kit.MessagesAsync(requestId)).Last().Kind);
    }

    [Theory]
    [InlineData(null, null, null, null, null, null, "Held", "Wybierz, czy wizyta się odbyła")]
    [InlineData("tak", null, null, "nie", null, null, "Channel", "Wybierz, jak złożono sprawę")]
    [InlineData("tak", "Epuap", " ", "nie", null, null, "Reference", "Wpisz numer UPO z potwierdzenia z ePUAP")]
    [InlineData("tak", "Zus", null, null, null, null, "AnotherVisit", "Wybierz, czy potrzebna jest jeszcze jedna wizyta")]
    [InlineData("nie", null, null, null, null, "NewVisit", "Reason", "Wybierz, dlaczego wizyta się nie odbyła")]
    [InlineData("nie", null, null, null, "Refused", "Later", "NextStep", "Wybierz, co dalej ze zgłoszeniem")]
    [InlineData("nie", null, null, null, "Other", "NewVisit", "Note", "Napisz w notatce, dlaczego wizyta się nie odbyła, na przykład „mieszkaniec przeprowadził się do córki”")]
    public async Task Record_Incomplete_PlainPolishMessageForTheField_NothingChanges(string? held, string? channel, string? upo, string? another, string? reason, string? next, string field, string message)
    {
        var (kit, clerk, requestId, visitId) = await AtTheDoorAsync();
        await using var _ = kit;
        var form = new OutcomeForm { Key = "k", Held = held, Channel = channel, Reference = upo, AnotherVisit = another, Reason = reason, NextStep = next };

        var result = await kit.Outcomes.RecordAsync(clerk, visitId, form, Ct);

        var error = Assert.Single(result.Worded());
        Assert.Equal((field, message), (error.Field, error.Message));
        Assert.Equal(VisitState.Booked, (await kit.VisitAsync(visitId)).State);
        Assert.Equal(RequestStatus.VisitScheduled, (await kit.RequestAsync(requestId)).Status);
    }

    [Fact]
    public async Task Record_WithoutAKey_Refused()
    {
        var (kit, clerk, _, visitId) = await AtTheDoorAsync();
        await using var _ = kit;

        var result = await kit.Outcomes.RecordAsync(clerk, visitId, Held(key: ""), Ct);

        Assert.Equal("Formularz jest niepełny. Odśwież stronę i wpisz wynik jeszcze raz", Assert.Single(result.Worded()).Message);
    }

    [Fact]
    public async Task Record_ACancelledVisit_Refused()
    {
        var (kit, clerk, requestId, visitId) = await AtTheDoorAsync();
        await using var _ = kit;
        Assert.Empty(await kit.Actions.CancelAsync(VisitTestKit.Coordinator, requestId, "Mieszkaniec zrezygnował.", Ct));

        var result = await kit.Outcomes.RecordAsync(clerk, visitId, Held(), Ct);

        Assert.StartsWith("Tej wizyty nie ma już w planie", Assert.Single(result.Worded()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CoordinatorsCompletion_BeforeTheVisitsStart_Refused_CancellingStillPossible()
    {
        var (kit, _, requestId, visitId) = await AtTheDoorAsync();
        await using var _ = kit;
        kit.Clock.Advance(VisitTestKit.Warsaw(2026, 11, 24, 9, 0) - kit.Clock.GetUtcNow());

        var errors = await kit.Actions.CompleteAsync(VisitTestKit.Coordinator, requestId, new CompletionForm { Channel = "Epuap", Reference = "UPO-1" }, Ct);

        Assert.Equal("Complete_NotStarted", Assert.Single(errors).Code);
        Assert.Equal(VisitState.Booked, (await kit.VisitAsync(visitId)).State);
        Assert.Empty(await kit.Actions.CancelAsync(VisitTestKit.Coordinator, requestId, "Mieszkaniec zrezygnował.", Ct));
    }

    [Fact]
    public async Task Read_AuditedWithHowItWasRead_NoPersonalDataInTheEntry()
    {
        var (kit, clerk, requestId, visitId) = await AtTheDoorAsync();
        await using var _ = kit;

        var card = await kit.Outcomes.ReadAsync(clerk, visitId, "offline", Ct);

        Assert.NotNull(card);
        Assert.True(card.CanRecord);
        var entry = (await kit.AuditEntriesAsync()).Last();
        Assert.Equal((AuditActions.VisitRead, AuditLog.RequestSubject(requestId), $"visit:{visitId} offline"), (entry.Action, entry.Subject, entry.Detail));
    }
}
