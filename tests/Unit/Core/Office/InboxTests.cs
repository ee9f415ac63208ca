using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.Core.Visits;
using static MobilnyUrzednik.Core.Office.OfficeTestData;

namespace MobilnyUrzednik.Core.Office;

public sealed class InboxTests
{
    // Monday 16 November 2026, 12:00 Warsaw.
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 11, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Search_ByCodeInAnyCaseAndSpacing_OrByPartOfANameWithPolishLetters()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock(Monday);
        await AddRequestAsync(database, Monday, "Halina Żółkiewska");
        var other = await AddRequestAsync(database, Monday, "Jan Nowak");
        var inbox = new Inbox(database, new Audit.AuditLog(database, clock), clock);
        string code;
        await using (var db = database.CreateDbContext())
        {
            code = db.VisitRequests.Single(r => r.Id == other).TrackingCode;
        }

        var byCode = await inbox.QueryAsync(Coordinator, new InboxQuery { Search = $" {code[..3].ToLowerInvariant()} {code[3..6]}-{code[6..].ToLowerInvariant()} " }, Ct);
        Assert.Equal(["Jan Nowak"], byCode.Rows.Select(r => r.ResidentName));

        var byName = await inbox.QueryAsync(Coordinator, new InboxQuery { Search = "ŻÓŁKIEW" }, Ct);
        Assert.Equal(["Halina Żółkiewska"], byName.Rows.Select(r => r.ResidentName));

        var wildcard = await inbox.QueryAsync(Coordinator, new InboxQuery { Search = "%" }, Ct);
        Assert.Empty(wildcard.Rows);
    }

    [Fact]
    public async Task Filters_StatusChannelMatterAndDays_CombineInSql()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock(Monday);
        await AddRequestAsync(database, Monday.AddDays(-3), "Stary Telefon", RequestChannel.Phone);
        await AddRequestAsync(database, Monday, "Nowy Telefon", RequestChannel.Phone, "zameldowanie");
        await AddRequestAsync(database, Monday, "Nowy Web", RequestChannel.Web);
        var inbox = new Inbox(database, new Audit.AuditLog(database, clock), clock);

        var phone = await inbox.QueryAsync(Coordinator, new InboxQuery { Channel = RequestChannel.Phone }, Ct);
        Assert.Equal(["Nowy Telefon", "Stary Telefon"], phone.Rows.Select(r => r.ResidentName));

        var today = await inbox.QueryAsync(Coordinator, new InboxQuery { Channel = RequestChannel.Phone, From = new DateOnly(2026, 11, 16), To = new DateOnly(2026, 11, 16) }, Ct);
        Assert.Equal(["Nowy Telefon"], today.Rows.Select(r => r.ResidentName));

        var oldest = await inbox.QueryAsync(Coordinator, new InboxQuery { Sort = InboxSort.Oldest }, Ct);
        Assert.Equal("Stary Telefon", oldest.Rows[0].ResidentName);

        var none = await inbox.QueryAsync(Coordinator, new InboxQuery { Status = RequestStatus.Completed }, Ct);
        Assert.Equal(0, none.Total);
    }

    [Fact]
    public async Task Overdue_OpenWithoutAVisitAfterFiveWorkingDays_CountsTheHolidayAndWeekendOut()
    {
        await using var database = await TestDatabase.CreateAsync();
        // Friday 13 November, 12:00: Wednesday 11 November was a holiday.
        var clock = new FakeClock(new DateTimeOffset(2026, 11, 13, 11, 0, 0, TimeSpan.Zero));
        // Five working days before Friday 13th: 12, 10, 9, 6, 5 November → received before Thursday 5th is overdue.
        await AddRequestAsync(database, new DateTimeOffset(2026, 11, 4, 14, 0, 0, TimeSpan.Zero), "Spóźniona Środa");
        await AddRequestAsync(database, new DateTimeOffset(2026, 11, 5, 8, 0, 0, TimeSpan.Zero), "Czwartek W Terminie");
        var booked = await AddRequestAsync(database, new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero), "Stara Z Wizytą");
        await using (var db = database.CreateDbContext())
        {
            db.Visits.Add(new Visit { VisitRequestId = booked, ClerkId = await AddClerkAsync(database), Date = new DateOnly(2026, 11, 20), Start = new TimeOnly(8, 0), End = new TimeOnly(10, 0), BookedBy = "x" });
            await db.SaveChangesAsync(Ct);
        }

        var inbox = new Inbox(database, new Audit.AuditLog(database, clock), clock);
        var all = await inbox.QueryAsync(Coordinator, new InboxQuery(), Ct);
        Assert.Equal(["Spóźniona Środa"], all.Rows.Where(r => r.Overdue).Select(r => r.ResidentName));
        Assert.Equal(new DateOnly(2026, 11, 20), all.Rows.Single(r => r.ResidentName == "Stara Z Wizytą").VisitDate);

        var overdueOnly = await inbox.QueryAsync(Coordinator, new InboxQuery { OverdueOnly = true }, Ct);
        Assert.Equal(["Spóźniona Środa"], overdueOnly.Rows.Select(r => r.ResidentName));
    }

    [Fact]
    public async Task Paging_TwentySixRequests_AreTwoPages_AndAPageBeyondTheEndShowsTheLast()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock(Monday);
        for (var i = 0; i < 26; i++)
        {
            await AddRequestAsync(database, Monday.AddMinutes(-i), $"Osoba Numer {i:D2}");
        }

        var inbox = new Inbox(database, new Audit.AuditLog(database, clock), clock);
        var first = await inbox.QueryAsync(Coordinator, new InboxQuery(), Ct);
        Assert.Equal((26, 1, 2, 25), (first.Total, first.Page, first.PageCount, first.Rows.Count));
        Assert.Equal("Osoba Numer 00", first.Rows[0].ResidentName);

        var beyond = await inbox.QueryAsync(Coordinator, new InboxQuery { Page = 9 }, Ct);
        Assert.Equal(2, beyond.Page);
        Assert.Equal(["Osoba Numer 25"], beyond.Rows.Select(r => r.ResidentName));
    }

    [Fact]
    public async Task Query_WritesOneReadPerRequestShown_ByIdOnly_AndNeverTheSearchWords()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock(Monday);
        var halina = await AddRequestAsync(database, Monday, "Halina Żółkiewska");
        var jan = await AddRequestAsync(database, Monday, "Jan Nowak");
        var inbox = new Inbox(database, new Audit.AuditLog(database, clock), clock);

        await inbox.QueryAsync(Coordinator, new InboxQuery(), Ct);
        await inbox.QueryAsync(Coordinator, new InboxQuery { Search = "Żółkiew" }, Ct);
        await inbox.QueryAsync(Coordinator, new InboxQuery { Search = "nikt taki" }, Ct);

        await using var db = database.CreateDbContext();
        var reads = db.AuditLog.OrderBy(a => a.Id).ToList();
        Assert.All(reads, a => Assert.Equal((Audit.AuditActions.InboxRead, Coordinator.UserId), (a.Action, a.ActorId)));
        Assert.Equal([$"request:{jan}", $"request:{halina}", $"request:{halina}"], reads.Select(a => a.Subject));
        Assert.All(reads, a => Assert.Null(a.Detail));
    }

    [Fact]
    public async Task Query_ByAClerk_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var inbox = new Inbox(database, new Audit.AuditLog(database, new FakeClock()), new FakeClock());
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => inbox.QueryAsync(Clerk, new InboxQuery(), Ct));
    }
}
