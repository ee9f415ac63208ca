using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Visits;

public class ClerkScheduleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DayHoursForm[] Week(string start, string end, params DayOfWeek[] days) =>
        [.. days.Select(d => new DayHoursForm { Day = d, Works = true, Start = start, End = end })];

    [Fact]
    public async Task SetWeeklyHours_ReplacesTheWeek_AndAudits()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");

        var result = await kit.Schedule.SetWeeklyHoursAsync(VisitTestKit.Coordinator, tomasz.UserId, Week("7.30", "15:30", DayOfWeek.Monday, DayOfWeek.Wednesday), Ct);

        Assert.True(result.Succeeded);
        var plan = Assert.Single(await kit.Schedule.ListAsync(VisitTestKit.Coordinator, VisitTestKit.Monday, Ct));
        Assert.Equal(
            [(DayOfWeek.Monday, new TimeOnly(7, 30), new TimeOnly(15, 30)), (DayOfWeek.Wednesday, new TimeOnly(7, 30), new TimeOnly(15, 30))],
            plan.Hours.Select(h => (h.Day, h.Start, h.End)));
        var entry = Assert.Single(await kit.AuditEntriesAsync());
        Assert.Equal((AuditActions.ClerkDaysChanged, "staff:" + tomasz.UserId), (entry.Action, entry.Subject));

        // Tuesday is no longer a working day for him.
        Assert.Empty(await kit.Booking.FreeSlotsAsync(VisitTestKit.Coordinator, VisitTestKit.Tuesday, VisitTestKit.Tuesday, ct: Ct));
    }

    [Theory]
    [InlineData("16:00", "8:00", "Godzina rozpoczęcia w poniedziałek musi być wcześniejsza niż godzina zakończenia, na przykład 8:00 i 16:00")]
    [InlineData("8:00", "8:00", "Godzina rozpoczęcia w poniedziałek musi być wcześniejsza niż godzina zakończenia, na przykład 8:00 i 16:00")]
    [InlineData("5:00", "12:00", "Godziny pracy w poniedziałek muszą mieścić się między 6:00 a 22:00")]
    [InlineData("12:00", "23:00", "Godziny pracy w poniedziałek muszą mieścić się między 6:00 a 22:00")]
    [InlineData("ósma", "16:00", "Wpisz godziny pracy w poniedziałek jako godzinę i minuty, na przykład 8:00 i 16:00")]
    [InlineData("<b>8</b>", "16:00", "Wpisz godziny pracy w poniedziałek jako godzinę i minuty, na przykład 8:00 i 16:00")]
    public async Task SetWeeklyHours_BadHours_MessageForThatDay_NothingChanged(string start, string end, string message)
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");

        var result = await kit.Schedule.SetWeeklyHoursAsync(VisitTestKit.Coordinator, tomasz.UserId, Week(start, end, DayOfWeek.Monday), Ct);

        Assert.Equal([new VisitError("Hours-Monday", message)], result.Worded());
        var plan = Assert.Single(await kit.Schedule.ListAsync(VisitTestKit.Coordinator, VisitTestKit.Monday, Ct));
        Assert.Equal(5, plan.Hours.Count);
        Assert.Empty(await kit.AuditEntriesAsync());
    }

    [Fact]
    public async Task AddAbsence_StoredAndOffersNoWindows_RemoveGivesThemBack()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");

        var added = await kit.Schedule.AddAbsenceAsync(VisitTestKit.Coordinator, tomasz.UserId, new AbsenceForm
        {
            FromDay = "24", FromMonth = "11", FromYear = "2026", ToDay = "24", ToMonth = "11", ToYear = "2026", Note = "  szkolenie ",
        }, Ct);

        Assert.True(added.Succeeded);
        var absence = Assert.Single(Assert.Single(await kit.Schedule.ListAsync(VisitTestKit.Coordinator, VisitTestKit.Monday, Ct)).Absences);
        Assert.Equal((VisitTestKit.Tuesday, VisitTestKit.Tuesday, "szkolenie"), (absence.From, absence.To, absence.Note));
        Assert.Empty(await kit.Booking.FreeSlotsAsync(VisitTestKit.Coordinator, VisitTestKit.Tuesday, VisitTestKit.Tuesday, ct: Ct));

        Assert.True((await kit.Schedule.RemoveAbsenceAsync(VisitTestKit.Coordinator, added.Id!.Value, Ct)).Succeeded);
        Assert.NotEmpty(await kit.Booking.FreeSlotsAsync(VisitTestKit.Coordinator, VisitTestKit.Tuesday, VisitTestKit.Tuesday, ct: Ct));
        Assert.Equal(2, (await kit.AuditEntriesAsync()).Count(a => a.Action == AuditActions.ClerkDaysChanged));
    }

    public static TheoryData<AbsenceForm, string, string> BadAbsences => new()
    {
        { new AbsenceForm { ToDay = "1", ToMonth = "12", ToYear = "2026" }, ClerkSchedule.FieldFrom, "Wpisz pierwszy dzień nieobecności, na przykład 7 12 2026" },
        { new AbsenceForm { FromDay = "31", FromMonth = "11", FromYear = "2026", ToDay = "1", ToMonth = "12", ToYear = "2026" }, ClerkSchedule.FieldFrom, "Pierwszy dzień nieobecności musi być prawdziwą datą, na przykład 7 12 2026" },
        { new AbsenceForm { FromDay = "2", FromMonth = "12", FromYear = "2026", ToDay = "1", ToMonth = "12", ToYear = "2026" }, ClerkSchedule.FieldTo, "Ostatni dzień nieobecności nie może być wcześniejszy niż pierwszy" },
        { new AbsenceForm { FromDay = "1", FromMonth = "12", FromYear = "2026", ToDay = "1", ToMonth = "12", ToYear = "2026", Note = new string('u', 201) }, ClerkSchedule.FieldNote, "Powód może mieć najwyżej 200 znaków. Teraz ma 201. Skróć go, na przykład „urlop”" },
        { new AbsenceForm { FromDay = "1", FromMonth = "12", FromYear = "2026", ToDay = "1", ToMonth = "12", ToYear = "2026", Note = "<img src=x>" }, ClerkSchedule.FieldNote, "Powód nie może zawierać znaków < ani >" },
    };

    [Theory]
    [MemberData(nameof(BadAbsences))]
    public async Task AddAbsence_BadInput_MessageForTheField_NothingStored(AbsenceForm form, string field, string message)
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");

        var result = await kit.Schedule.AddAbsenceAsync(VisitTestKit.Coordinator, tomasz.UserId, form, Ct);

        Assert.Contains(new VisitError(field, message), result.Worded());
        await using var db = kit.Database.CreateDbContext();
        Assert.Equal(0, await db.ClerkAbsences.CountAsync(Ct));
        Assert.Empty(await kit.AuditEntriesAsync());
    }

    [Fact]
    public async Task Changes_ByAClerk_Refused()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");

        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => kit.Schedule.SetWeeklyHoursAsync(tomasz, tomasz.UserId, [], Ct));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => kit.Schedule.AddAbsenceAsync(tomasz, tomasz.UserId, new AbsenceForm(), Ct));
    }

    [Fact]
    public async Task List_OnlyClerks()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        await kit.AddClerkAsync("Tomasz Wiśniewski");
        await kit.AddClerkAsync("Maria Zielińska");

        var plans = await kit.Schedule.ListAsync(VisitTestKit.Coordinator, VisitTestKit.Monday, Ct);

        Assert.Equal(["Maria Zielińska", "Tomasz Wiśniewski"], plans.Select(p => p.DisplayName));
    }

    [Fact]
    public void PolishOn_TheFormASentenceNeeds() =>
        Assert.Equal(
            ["w poniedziałek", "we wtorek", "w środę", "w czwartek", "w piątek"],
            new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }.Select(ClerkSchedule.PolishOn));
}
