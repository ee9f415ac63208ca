namespace MobilnyUrzednik.Core.Visits;

public class VisitSlotsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] Windows(IEnumerable<FreeSlot> slots) =>
        [.. slots.Select(s => $"{s.Date:MM-dd} {VisitText.Window(s.Start, s.End)} {s.ClerkName}")];

    [Fact]
    public async Task FreeSlots_WorkingHours_WindowsOfTheSettingFromTheStartOfTheHours()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        await kit.AddClerkAsync("Tomasz Wiśniewski", 8, 16);

        var slots = await kit.Booking.FreeSlotsAsync(VisitTestKit.Coordinator, VisitTestKit.Tuesday, VisitTestKit.Tuesday, ct: Ct);

        Assert.Equal(
            ["11-24 08:00–10:00 Tomasz Wiśniewski", "11-24 10:00–12:00 Tomasz Wiśniewski", "11-24 12:00–14:00 Tomasz Wiśniewski", "11-24 14:00–16:00 Tomasz Wiśniewski"],
            Windows(slots));
    }

    [Fact]
    public async Task FreeSlots_NinetyMinuteWindowsAndHoursNotAMultiple_LastPartialWindowLeftOut()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        await kit.SetWindowMinutesAsync(90);
        await kit.AddClerkAsync("Maria Zielińska", 9, 14);

        var slots = await kit.Booking.FreeSlotsAsync(VisitTestKit.Coordinator, VisitTestKit.Tuesday, VisitTestKit.Tuesday, ct: Ct);

        Assert.Equal(["11-24 09:00–10:30 Maria Zielińska", "11-24 10:30–12:00 Maria Zielińska", "11-24 12:00–13:30 Maria Zielińska"], Windows(slots));
    }

    [Fact]
    public async Task FreeSlots_BookedVisit_ItsWindowIsNoLongerFree_OtherClerkStillIs()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        await kit.AddClerkAsync("Maria Zielińska");
        Assert.True((await kit.BookAsync(await kit.AddRequestAsync(), tomasz, VisitTestKit.Tuesday, 10, 12)).Succeeded);

        var slots = await kit.Booking.FreeSlotsAsync(VisitTestKit.Coordinator, VisitTestKit.Tuesday, VisitTestKit.Tuesday, ct: Ct);

        Assert.DoesNotContain("11-24 10:00–12:00 Tomasz Wiśniewski", Windows(slots));
        Assert.Contains("11-24 10:00–12:00 Maria Zielińska", Windows(slots));
        Assert.Contains("11-24 08:00–10:00 Tomasz Wiśniewski", Windows(slots));
    }

    [Fact]
    public async Task FreeSlots_ForTheRequestBeingRebooked_ItsOwnVisitDoesNotBlock()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var request = await kit.AddRequestAsync();
        Assert.True((await kit.BookAsync(request, tomasz, VisitTestKit.Tuesday, 10, 12)).Succeeded);

        var slots = await kit.Booking.FreeSlotsAsync(VisitTestKit.Coordinator, VisitTestKit.Tuesday, VisitTestKit.Tuesday, forRequestId: request, ct: Ct);

        Assert.Contains("11-24 10:00–12:00 Tomasz Wiśniewski", Windows(slots));
    }

    [Fact]
    public async Task FreeSlots_Weekend_None()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        await kit.AddClerkAsync("Tomasz Wiśniewski");

        var slots = await kit.Booking.FreeSlotsAsync(VisitTestKit.Coordinator, new DateOnly(2026, 11, 28), new DateOnly(2026, 11, 29), ct: Ct);

        Assert.Empty(slots);
    }

    [Theory]
    [InlineData(2027, 11, 11)] // Święto Niepodległości, a Thursday
    [InlineData(2027, 3, 29)] // Poniedziałek Wielkanocny
    public async Task FreeSlots_PublicHoliday_None_DayBeforeAndAfterOffered(int year, int month, int day)
    {
        await using var kit = await VisitTestKit.CreateAsync();
        await kit.AddClerkAsync("Tomasz Wiśniewski");
        var holiday = new DateOnly(year, month, day);

        var slots = await kit.Booking.FreeSlotsAsync(VisitTestKit.Coordinator, holiday.AddDays(-1), holiday.AddDays(1), ct: Ct);

        Assert.DoesNotContain(slots, s => s.Date == holiday);
        Assert.Contains(slots, s => s.Date == holiday.AddDays(1));
        Assert.Equal(holiday.DayOfWeek == DayOfWeek.Monday ? 4 : 8, slots.Count);
    }

    [Fact]
    public async Task FreeSlots_Absence_NoneOnThoseDays()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        await kit.AddAbsenceAsync(tomasz, VisitTestKit.Tuesday, VisitTestKit.Tuesday.AddDays(1));

        var slots = await kit.Booking.FreeSlotsAsync(VisitTestKit.Coordinator, VisitTestKit.Monday, VisitTestKit.Tuesday.AddDays(2), ct: Ct);

        Assert.Equal([VisitTestKit.Monday, VisitTestKit.Tuesday.AddDays(2)], slots.Select(s => s.Date).Distinct());
    }

    [Fact]
    public async Task FreeSlots_Today_WindowsThatHaveBegunLeftOut()
    {
        // Monday 23 November 2026, 10:30 in Warsaw.
        await using var kit = await VisitTestKit.CreateAsync(VisitTestKit.Warsaw(2026, 11, 23, 10, 30));
        await kit.AddClerkAsync("Tomasz Wiśniewski");

        var slots = await kit.Booking.FreeSlotsAsync(VisitTestKit.Coordinator, VisitTestKit.Monday.AddDays(-3), VisitTestKit.Monday, ct: Ct);

        Assert.Equal(["11-23 12:00–14:00 Tomasz Wiśniewski", "11-23 14:00–16:00 Tomasz Wiśniewski"], Windows(slots));
    }

    [Fact]
    public async Task FreeSlots_DisabledClerkOrNoHours_None()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        await kit.AddClerkAsync("Konto Wyłączone", disabled: true);

        Assert.Empty(await kit.Booking.FreeSlotsAsync(VisitTestKit.Coordinator, VisitTestKit.Monday, VisitTestKit.Tuesday, ct: Ct));
    }

    [Fact]
    public async Task FreeSlots_Clerk_IsRefused()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");

        await Assert.ThrowsAsync<Staff.StaffAccessDeniedException>(() => kit.Booking.FreeSlotsAsync(tomasz, VisitTestKit.Monday, VisitTestKit.Tuesday, ct: Ct));
    }
}
