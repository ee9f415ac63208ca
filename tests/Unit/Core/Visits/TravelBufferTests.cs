namespace MobilnyUrzednik.Core.Visits;

public class TravelBufferTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] Windows(IEnumerable<FreeSlot> slots) => [.. slots.Select(s => VisitText.Window(s.Start, s.End))];

    [Fact]
    public async Task Book_ThirtyMinuteBuffer_AWindowLeavingNoTimeToTravel_Refused_OneThatLeavesIt_Booked()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        await kit.SetTravelBufferAsync(30);
        var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
        Assert.True((await kit.BookAsync(await kit.AddRequestAsync(), clerk, VisitTestKit.Tuesday, 8, 10)).Succeeded);
        var elsewhere = await kit.AddRequestAsync(residentName: "Zofia Daleka");
        await kit.MoveRequestAsync(elsewhere, "Leśna 12", "Nowa Wieś");

        var tooSoon = await kit.Booking.BookAsync(VisitTestKit.Coordinator, elsewhere, clerk.UserId, VisitTestKit.Tuesday, new TimeOnly(10, 0), new TimeOnly(12, 0), null, Ct);
        var justRight = await kit.Booking.BookAsync(VisitTestKit.Coordinator, elsewhere, clerk.UserId, VisitTestKit.Tuesday, new TimeOnly(10, 30), new TimeOnly(12, 30), null, Ct);

        var error = Assert.Single(tooSoon.Worded());
        Assert.Equal(VisitBooking.FieldWindow, error.Field);
        Assert.Equal("Tomasz Wiśniewski ma tego dnia wizytę w godzinach 08:00–10:00 w miejscowości Przykładowo. Między wizytami pod różnymi adresami musi zostać 30 minut na dojazd. Wybierz inny wolny termin", error.Message);
        Assert.True(justRight.Succeeded);
    }

    [Fact]
    public async Task Book_ThirtyMinuteBuffer_BeforeAnotherVisitElsewhere_AlsoRefused()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        await kit.SetTravelBufferAsync(30);
        var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
        Assert.True((await kit.BookAsync(await kit.AddRequestAsync(), clerk, VisitTestKit.Tuesday, 12, 14)).Succeeded);
        var elsewhere = await kit.AddRequestAsync();
        await kit.MoveRequestAsync(elsewhere, "Leśna 12", "Nowa Wieś");

        var result = await kit.Booking.BookAsync(VisitTestKit.Coordinator, elsewhere, clerk.UserId, VisitTestKit.Tuesday, new TimeOnly(10, 0), new TimeOnly(12, 0), null, Ct);

        Assert.Equal(VisitBooking.FieldWindow, Assert.Single(result.Errors).Field);
    }

    [Fact]
    public async Task Book_SameAddress_NoTravelTimeNeeded()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        await kit.SetTravelBufferAsync(30);
        var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
        Assert.True((await kit.BookAsync(await kit.AddRequestAsync(), clerk, VisitTestKit.Tuesday, 8, 10)).Succeeded);

        Assert.True((await kit.BookAsync(await kit.AddRequestAsync(residentName: "Sąsiadka Z Tego Samego Mieszkania"), clerk, VisitTestKit.Tuesday, 10, 12)).Succeeded);
    }

    [Fact]
    public async Task FreeSlots_AfterAVisitElsewhere_TheNextWindowStartsAfterTheTravelTime()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        await kit.SetTravelBufferAsync(30);
        var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
        Assert.True((await kit.BookAsync(await kit.AddRequestAsync(), clerk, VisitTestKit.Tuesday, 8, 10)).Succeeded);
        var elsewhere = await kit.AddRequestAsync();
        await kit.MoveRequestAsync(elsewhere, "Leśna 12", "Nowa Wieś");

        var slots = await kit.Booking.FreeSlotsAsync(VisitTestKit.Coordinator, VisitTestKit.Tuesday, VisitTestKit.Tuesday, clerk.UserId, elsewhere, Ct);

        Assert.Equal(["10:30–12:30", "12:30–14:30"], Windows(slots));
    }

    [Fact]
    public async Task ClerkDay_ListsTheOtherVisitsWithTheirTowns()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var first = await kit.AddRequestAsync();
        await kit.MoveRequestAsync(first, "Leśna 12", "Nowa Wieś");
        Assert.True((await kit.BookAsync(first, clerk, VisitTestKit.Tuesday, 8, 10)).Succeeded);
        var current = await kit.AddRequestAsync();

        var day = await kit.Booking.ClerkDayAsync(VisitTestKit.Coordinator, clerk.UserId, VisitTestKit.Tuesday, current, Ct);

        Assert.Equal([("08:00–10:00", "Nowa Wieś")], day.Select(v => (VisitText.Window(v.Start, v.End), v.Town)));
    }

    [Theory]
    [InlineData("ul. Główna 5 m. 3", "Główna 5 m 3")]
    [InlineData("ulica Główna 5/3", "GŁÓWNA 5/3")]
    public void AddressKey_SpellingsOfOneAddress_Equal(string a, string b) =>
        Assert.Equal(VisitBooking.AddressKey(a, "00-950", "Przykładowo"), VisitBooking.AddressKey(b, "00950", "przykładowo"));
}
