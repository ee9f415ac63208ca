using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Visits;

public class VisitBookingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Book_SubmittedRequest_MovesThroughReviewToScheduled_NoteNamesDayWindowAndClerk()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var id = await kit.AddRequestAsync();

        var result = await kit.BookAsync(id, tomasz, VisitTestKit.Tuesday, 10, 12);

        Assert.True(result.Succeeded);
        var request = await kit.RequestAsync(id);
        Assert.Equal(RequestStatus.VisitScheduled, request.Status);
        Assert.Equal([RequestStatus.Submitted, RequestStatus.InReview, RequestStatus.VisitScheduled], request.History.Select(h => h.Status));
        Assert.Equal("Wizyta: wtorek, 24 listopada 2026, 10:00–12:00. Przyjdzie: Tomasz Wiśniewski.", request.History[^1].PublicNote);
        Assert.Equal("Anna Kowalska", request.History[^1].Actor);
        var visit = Assert.Single(request.Visits);
        Assert.Equal((result.Id, VisitState.Booked, tomasz.UserId, VisitTestKit.Tuesday, new TimeOnly(10, 0), new TimeOnly(12, 0), "Anna Kowalska"),
            ((int?)visit.Id, visit.State, visit.ClerkId, visit.Date, visit.Start, visit.End, visit.BookedBy));
        var audit = Assert.Single(await kit.AuditEntriesAsync());
        Assert.Equal((AuditActions.VisitBooked, AuditLog.RequestSubject(id)), (audit.Action, audit.Subject));
        Assert.DoesNotContain("Janina", audit.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RequestStatus.InReview)]
    [InlineData(RequestStatus.NeedsInformation)]
    public async Task Book_FromReviewOrNeedsInformation_OneHistoryEntry(RequestStatus status)
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var id = await kit.AddRequestAsync(status);
        var before = (await kit.RequestAsync(id)).History.Count;

        Assert.True((await kit.BookAsync(id, tomasz, VisitTestKit.Tuesday, 8, 10, "Proszę przygotować stary dowód.")).Succeeded);

        var request = await kit.RequestAsync(id);
        Assert.Equal(before + 1, request.History.Count);
        Assert.Equal("Wizyta: wtorek, 24 listopada 2026, 08:00–10:00. Przyjdzie: Tomasz Wiśniewski. Proszę przygotować stary dowód.", request.History[^1].PublicNote);
    }

    [Fact]
    public async Task Rebook_OldVisitRebooked_NewOneBooked_HistoryAndAuditSayRebooked()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var maria = await kit.AddClerkAsync("Maria Zielińska");
        var id = await kit.AddRequestAsync(RequestStatus.InReview);
        Assert.True((await kit.BookAsync(id, tomasz, VisitTestKit.Tuesday, 10, 12)).Succeeded);

        var result = await kit.BookAsync(id, maria, VisitTestKit.Tuesday.AddDays(1), 12, 14);

        Assert.True(result.Succeeded);
        var request = await kit.RequestAsync(id);
        Assert.Equal([VisitState.Rebooked, VisitState.Booked], request.Visits.Select(v => v.State));
        Assert.Equal(maria.UserId, request.Visits[1].ClerkId);
        Assert.Equal(RequestStatus.VisitScheduled, request.Status);
        Assert.Equal("Nowy termin wizyty: środa, 25 listopada 2026, 12:00–14:00. Przyjdzie: Maria Zielińska.", request.History[^1].PublicNote);
        Assert.Equal([AuditActions.VisitBooked, AuditActions.VisitRebooked], (await kit.AuditEntriesAsync()).Select(a => a.Action));

        // Tomasz's window is free again.
        var slots = await kit.Booking.FreeSlotsAsync(VisitTestKit.Coordinator, VisitTestKit.Tuesday, VisitTestKit.Tuesday, tomasz.UserId, ct: Ct);
        Assert.Contains(slots, s => s.Start == new TimeOnly(10, 0));
    }

    [Fact]
    public async Task Rebook_AfterConfirmation_BackToScheduled()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var id = await kit.AddRequestAsync(RequestStatus.InReview);
        var first = await kit.BookAsync(id, tomasz, VisitTestKit.Tuesday, 10, 12);
        Assert.True((await kit.DayBefore.ConfirmAsync(VisitTestKit.Coordinator, first.Id!.Value, Ct)).Succeeded);

        Assert.True((await kit.BookAsync(id, tomasz, VisitTestKit.Tuesday, 11, 13)).Succeeded);

        var request = await kit.RequestAsync(id);
        Assert.Equal(RequestStatus.VisitScheduled, request.Status);
        Assert.Equal([VisitState.Rebooked, VisitState.Booked], request.Visits.Select(v => v.State));
    }

    public static TheoryData<string, int, int, int, string, string> Refusals => new()
    {
        // date offset from Tuesday 24 November 2026, start, end, field, message
        { "past day", -3, 10, 12, VisitBooking.FieldDate, "Ten dzień już minął. Wybierz dzień od dziś w przód" },
        { "Saturday", 4, 10, 12, VisitBooking.FieldDate, "sobota, 28 listopada 2026 to dzień wolny od pracy. Wybierz dzień roboczy" },
        { "before hours", 0, 6, 8, VisitBooking.FieldWindow, "Te godziny są poza czasem pracy: Tomasz Wiśniewski pracuje tego dnia w godzinach 08:00–16:00. Wybierz godziny z listy wolnych terminów" },
        { "after hours", 0, 15, 17, VisitBooking.FieldWindow, "Te godziny są poza czasem pracy: Tomasz Wiśniewski pracuje tego dnia w godzinach 08:00–16:00. Wybierz godziny z listy wolnych terminów" },
        { "end before start", 0, 12, 10, VisitBooking.FieldWindow, "Wybierz godziny wizyty z listy wolnych terminów" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Book_BadDayOrTime_RefusedWithTheFieldsMessage_NothingChanged(string why, int dayOffset, int start, int end, string field, string message)
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var id = await kit.AddRequestAsync();

        var result = await kit.BookAsync(id, tomasz, VisitTestKit.Tuesday.AddDays(dayOffset), start, end);

        Assert.False(result.Succeeded, why);
        Assert.Contains(new VisitError(field, message), result.Worded());
        await AssertNothingChangedAsync(kit, id);
    }

    [Fact]
    public async Task Book_TodayAtAnHourThatHasPassed_Refused()
    {
        await using var kit = await VisitTestKit.CreateAsync(VisitTestKit.Warsaw(2026, 11, 23, 10, 30));
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var id = await kit.AddRequestAsync();

        var result = await kit.BookAsync(id, tomasz, VisitTestKit.Monday, 10, 12);

        Assert.Equal([new VisitError(VisitBooking.FieldWindow, "Ta godzina już minęła. Wybierz późniejszą godzinę")], result.Worded());
        await AssertNothingChangedAsync(kit, id);
    }

    [Fact]
    public async Task Book_PublicHoliday_Refused()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var id = await kit.AddRequestAsync();

        var result = await kit.BookAsync(id, tomasz, new DateOnly(2027, 11, 11), 10, 12);

        Assert.Equal([new VisitError(VisitBooking.FieldDate, "czwartek, 11 listopada 2027 to dzień wolny od pracy. Wybierz dzień roboczy")], result.Worded());
        await AssertNothingChangedAsync(kit, id);
    }

    [Fact]
    public async Task Book_ClerkAbsent_Refused()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        await kit.AddAbsenceAsync(tomasz, VisitTestKit.Monday, VisitTestKit.Tuesday);
        var id = await kit.AddRequestAsync();

        var result = await kit.BookAsync(id, tomasz, VisitTestKit.Tuesday, 10, 12);

        Assert.Equal([new VisitError(VisitBooking.FieldDate, "Tomasz Wiśniewski jest nieobecny lub nieobecna w dniu: wtorek, 24 listopada 2026. Wybierz inny dzień albo innego urzędnika")], result.Worded());
        await AssertNothingChangedAsync(kit, id);
    }

    [Fact]
    public async Task Book_ClerkAlreadyBookedInAnOverlappingWindow_Refused()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        Assert.True((await kit.BookAsync(await kit.AddRequestAsync(), tomasz, VisitTestKit.Tuesday, 10, 12)).Succeeded);
        var id = await kit.AddRequestAsync();

        var result = await kit.BookAsync(id, tomasz, VisitTestKit.Tuesday, 11, 13);

        Assert.Equal([new VisitError(VisitBooking.FieldWindow, "Tomasz Wiśniewski ma już wizytę w tym czasie (10:00–12:00). Wybierz inny wolny termin")], result.Worded());
        await AssertNothingChangedAsync(kit, id, visitsBefore: 1, auditBefore: 1);
    }

    [Fact]
    public async Task Book_TwoPeopleBookTheSameClerkAndWindowAtOnce_ExactlyOneSucceeds()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var requests = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            requests.Add(await kit.AddRequestAsync());
        }

        using var start = new ManualResetEventSlim();
        var tasks = requests.Select(id => Task.Run(
            async () =>
            {
                start.Wait(Ct);
                return await kit.BookAsync(id, tomasz, VisitTestKit.Tuesday, 10, 12);
            },
            Ct)).ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(VisitBooking.FieldWindow, Assert.Single(r.Errors).Field));
        await using var db = kit.Database.CreateDbContext();
        Assert.Equal(1, await db.Visits.CountAsync(v => v.ClerkId == tomasz.UserId, Ct));
        Assert.Equal(1, await db.VisitRequests.CountAsync(r => r.Status == RequestStatus.VisitScheduled, Ct));
    }

    [Fact]
    public async Task Book_DisabledClerk_Refused()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var gone = await kit.AddClerkAsync("Jan Były", disabled: true);
        var id = await kit.AddRequestAsync();

        var result = await kit.BookAsync(id, gone, VisitTestKit.Tuesday, 10, 12);

        Assert.Equal([new VisitError(VisitBooking.FieldClerk, "Konto: Jan Były jest wyłączone. Wybierz innego urzędnika")], result.Worded());
        await AssertNothingChangedAsync(kit, id);
    }

    [Fact]
    public async Task Book_AccountThatIsNotAClerk_Refused()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var id = await kit.AddRequestAsync();

        var result = await kit.BookAsync(id, VisitTestKit.Coordinator, VisitTestKit.Tuesday, 10, 12);

        Assert.Equal([new VisitError(VisitBooking.FieldClerk, "Wybierz urzędnika z listy")], result.Worded());
        await AssertNothingChangedAsync(kit, id);
    }

    [Theory]
    [InlineData(10_000, "Wiadomość może mieć najwyżej 2\u00a0000 znaków. Teraz ma 10\u00a0000. Skróć ją")]
    [InlineData(-1, "Wiadomość nie może zawierać znaków < ani >")]
    public async Task Book_LongNoteOrMarkup_Refused(int length, string message)
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var id = await kit.AddRequestAsync();
        var note = length > 0 ? new string('a', length) : "Proszę <script>alert(1)</script> zadzwonić";

        var result = await kit.BookAsync(id, tomasz, VisitTestKit.Tuesday, 10, 12, note);

        Assert.Equal([new VisitError(VisitBooking.FieldNote, message)], result.Worded());
        await AssertNothingChangedAsync(kit, id);
    }

    [Theory]
    [InlineData(RequestStatus.Cancelled)]
    [InlineData(RequestStatus.Rejected)]
    public async Task Book_ClosedRequest_Refused(RequestStatus status)
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var id = await kit.AddRequestAsync(status);

        var result = await kit.BookAsync(id, tomasz, VisitTestKit.Tuesday, 10, 12);

        Assert.Equal(
            [new VisitError(VisitBooking.FieldRequest, "Dla tego zgłoszenia nie można umówić wizyty, bo jest już zamknięte (załatwione, anulowane albo odrzucone)")],
            result.Worded());
        await AssertNothingChangedAsync(kit, id);
    }

    [Fact]
    public async Task Book_NothingChosen_EveryFieldSaysWhatToDo()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var id = await kit.AddRequestAsync();

        var result = await kit.Booking.BookAsync(VisitTestKit.Coordinator, id, null, null, null, null, null, Ct);

        Assert.Equal([VisitBooking.FieldClerk, VisitBooking.FieldDate, VisitBooking.FieldWindow], result.Errors.Select(e => e.Field));
        await AssertNothingChangedAsync(kit, id);
    }

    [Fact]
    public async Task Book_ByAClerk_IsRefusedByTheService()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var id = await kit.AddRequestAsync();

        await Assert.ThrowsAsync<StaffAccessDeniedException>(() =>
            kit.Booking.BookAsync(tomasz, id, tomasz.UserId, VisitTestKit.Tuesday, new TimeOnly(10, 0), new TimeOnly(12, 0), null, Ct));
        await AssertNothingChangedAsync(kit, id);
    }

    [Fact]
    public async Task Context_ShowsCodeMatterTownCurrentVisitAndOnlyActiveClerks()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        await kit.AddClerkAsync("Jan Były", disabled: true);
        var id = await kit.AddRequestAsync();
        Assert.True((await kit.BookAsync(id, tomasz, VisitTestKit.Tuesday, 10, 12)).Succeeded);

        var context = await kit.Booking.GetContextAsync(VisitTestKit.Coordinator, id, Ct);

        Assert.NotNull(context);
        Assert.Equal("Przykładowo", context.Town);
        Assert.True(context.CanBook);
        Assert.Equal(("Tomasz Wiśniewski", new TimeOnly(10, 0)), (context.Current?.ClerkName, context.Current?.Start));
        Assert.Equal(["Tomasz Wiśniewski"], context.Clerks.Select(c => c.DisplayName));
        Assert.Null(await kit.Booking.GetContextAsync(VisitTestKit.Coordinator, 9999, Ct));
    }

    private static async Task AssertNothingChangedAsync(VisitTestKit kit, int requestId, int visitsBefore = 0, int auditBefore = 0)
    {
        var request = await kit.RequestAsync(requestId);
        Assert.Empty(request.Visits);
        Assert.Equal(visitsBefore, await kit.VisitCountAsync());
        Assert.Equal(auditBefore, (await kit.AuditEntriesAsync()).Count);
        Assert.DoesNotContain(request.History, h => h.Status == RequestStatus.VisitScheduled);
    }
}
