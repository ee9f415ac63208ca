using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.Core.Visits;

/// <summary>A migrated database with staff accounts in their roles, requests, the clock, and the visits matters.</summary>
internal sealed class VisitTestKit : IAsyncDisposable
{
    private VisitTestKit(TestDatabase database, FakeClock clock)
    {
        Database = database;
        Clock = clock;
        Audit = new AuditLog(database, clock);
        Booking = new VisitBooking(database, Audit, clock, TestOutbox.For(clock));
        Schedule = new ClerkSchedule(database, Audit);
        DayBefore = new DayBefore(database, Audit, clock);
        MyVisits = new MyVisits(database, Audit, clock);
        Outcomes = new VisitOutcomes(database, Audit, clock, TestOutbox.For(clock));
        Feeds = new CalendarFeeds(database, Audit, clock, Microsoft.Extensions.Options.Options.Create(new Notifications.NotificationOptions { PublicSiteUrl = TestOutbox.SiteUrl }));
        Actions = new Office.RequestActions(database, Audit, clock, TestOutbox.For(clock));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public TestDatabase Database { get; }
    public FakeClock Clock { get; }
    public AuditLog Audit { get; }
    public VisitBooking Booking { get; }
    public ClerkSchedule Schedule { get; }
    public DayBefore DayBefore { get; }
    public MyVisits MyVisits { get; }
    public VisitOutcomes Outcomes { get; }
    public CalendarFeeds Feeds { get; }
    public Office.RequestActions Actions { get; }

    public static StaffActor Coordinator { get; } = new("coord-1", "Anna Kowalska", [StaffRoles.Coordinator]);

    /// <summary>Tuesday 24 November 2026, the first full working day after the default clock (Sunday 22 November).</summary>
    public static readonly DateOnly Tuesday = new(2026, 11, 24);

    /// <summary>Monday 23 November 2026.</summary>
    public static readonly DateOnly Monday = new(2026, 11, 23);

    /// <param name="now">The clock; default Sunday 22 November 2026, 10:00 Warsaw.</param>
    public static async Task<VisitTestKit> CreateAsync(DateTimeOffset? now = null)
    {
        var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateDbContext())
        {
            foreach (var role in StaffRoles.All)
            {
                db.Roles.Add(new IdentityRole(role) { Id = "role-" + role, NormalizedName = role.ToUpperInvariant() });
            }

            db.Users.Add(new StaffUser { Id = Coordinator.UserId, UserName = "k@example.pl", DisplayName = Coordinator.DisplayName });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = Coordinator.UserId, RoleId = "role-" + StaffRoles.Coordinator });
            await db.SaveChangesAsync(Ct);
        }

        return new VisitTestKit(database, new FakeClock(now ?? FakeClock.Default));
    }

    /// <summary>Adds a clerk who works Monday to Friday within <paramref name="start"/>–<paramref name="end"/> (default 8–16).</summary>
    public async Task<StaffActor> AddClerkAsync(string name, int start = 8, int end = 16, bool disabled = false)
    {
        var id = "clerk-" + Guid.NewGuid().ToString("N")[..8];
        await using var db = Database.CreateDbContext();
        db.Users.Add(new StaffUser { Id = id, UserName = id + "@example.pl", DisplayName = name, IsDisabled = disabled });
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = "role-" + StaffRoles.Clerk });
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            db.ClerkWorkingHours.Add(new ClerkWorkingHours { ClerkId = id, Day = day, Start = new TimeOnly(start, 0), End = new TimeOnly(end, 0) });
        }

        await db.SaveChangesAsync(Ct);
        return new StaffActor(id, name, [StaffRoles.Clerk]);
    }

    /// <summary>Stores a request as the public form would (Submitted), optionally moved on, and returns its id.</summary>
    public async Task<int> AddRequestAsync(
        RequestStatus status = RequestStatus.Submitted,
        string residentName = "Janina Kowalczyk",
        SubmitterRelation relation = SubmitterRelation.Self,
        ContactChannel channel = ContactChannel.PhoneCall)
    {
        await using var db = Database.CreateDbContext();
        var matter = await db.Matters.Include(s => s.Checklist).FirstAsync(s => s.Checklist.Count > 0, Ct);
        var request = TestRequests.New(matter.Id, residentName);
        request.SubmitterRelation = relation;
        request.SubmitterName = relation == SubmitterRelation.Self ? null : "Piotr Sąsiad";
        request.SubmitterPhone = relation == SubmitterRelation.Self ? null : "+48500400300";
        request.ResidentConsent = relation != SubmitterRelation.Self;
        request.ContactChannel = channel;
        request.NeedsSignLanguage = true;
        request.AccessNotes = "Trzecie piętro, bez windy.";
        request.RecordSubmission("mieszkaniec", Clock.GetUtcNow().AddDays(-1));
        RequestStatus[] path = status switch
        {
            RequestStatus.Submitted => [],
            RequestStatus.InReview => [RequestStatus.InReview],
            RequestStatus.NeedsInformation => [RequestStatus.InReview, RequestStatus.NeedsInformation],
            RequestStatus.Cancelled => [RequestStatus.Cancelled],
            RequestStatus.Rejected => [RequestStatus.Rejected],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var s in path)
        {
            request.MoveTo(s, "Anna Kowalska", s == RequestStatus.Rejected ? "Poza gminą." : null, Clock.GetUtcNow().AddHours(-1));
        }

        db.VisitRequests.Add(request);
        await db.SaveChangesAsync(Ct);
        return request.Id;
    }

    public Task<CommandResult> BookAsync(int requestId, StaffActor clerk, DateOnly date, int startHour, int endHour, string? note = null) =>
        Booking.BookAsync(Coordinator, requestId, clerk.UserId, date, new TimeOnly(startHour, 0), new TimeOnly(endHour, 0), note, Ct);

    public async Task<VisitRequest> RequestAsync(int id)
    {
        await using var db = Database.CreateDbContext();
        return await db.VisitRequests.AsNoTracking().Include(r => r.History.OrderBy(h => h.Id)).Include(r => r.Visits.OrderBy(v => v.Id)).SingleAsync(r => r.Id == id, Ct);
    }

    public async Task<List<AuditEntry>> AuditEntriesAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.AuditLog.AsNoTracking().OrderBy(a => a.Id).ToListAsync(Ct);
    }

    public async Task<int> VisitCountAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.Visits.CountAsync(Ct);
    }

    public async Task SetTravelBufferAsync(int minutes)
    {
        await using var db = Database.CreateDbContext();
        (await db.Municipalities.FirstAsync(Ct)).TravelBufferMinutes = minutes;
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Moves a request to another address (street, postal code, town).</summary>
    public async Task MoveRequestAsync(int requestId, string street, string town)
    {
        await using var db = Database.CreateDbContext();
        var request = await db.VisitRequests.FirstAsync(r => r.Id == requestId, Ct);
        request.Street = street;
        request.Town = town;
        await db.SaveChangesAsync(Ct);
    }

    public async Task<Visit> VisitAsync(int visitId)
    {
        await using var db = Database.CreateDbContext();
        return await db.Visits.AsNoTracking().SingleAsync(v => v.Id == visitId, Ct);
    }

    public async Task<List<Notifications.OutboxMessage>> MessagesAsync(int requestId)
    {
        await using var db = Database.CreateDbContext();
        return await db.Outbox.AsNoTracking().Where(m => m.VisitRequestId == requestId).OrderBy(m => m.Id).ToListAsync(Ct);
    }

    public async Task SetWindowMinutesAsync(int minutes)
    {
        await using var db = Database.CreateDbContext();
        (await db.Municipalities.FirstAsync(Ct)).VisitWindowMinutes = minutes;
        await db.SaveChangesAsync(Ct);
    }

    public async Task AddAbsenceAsync(StaffActor clerk, DateOnly from, DateOnly to)
    {
        await using var db = Database.CreateDbContext();
        db.ClerkAbsences.Add(new ClerkAbsence { ClerkId = clerk.UserId, From = from, To = to, Note = "urlop" });
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>A Warsaw wall-clock moment as an instant (tests pick dates in winter: UTC+1; summer: UTC+2).</summary>
    public static DateTimeOffset Warsaw(int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

/// <summary>A visits command's problem as staff read it: the field and the Polish words (the service returns keys).</summary>
public sealed record VisitError(string Field, string Message);

/// <summary>Words a visits command's problems as the staff pages do.</summary>
public static class VisitErrors
{
    public static IReadOnlyList<VisitError> Worded(this CommandResult result) =>
        [.. result.Errors.Select(e => new VisitError(e.Field, VisitText.Get(e.Code, e.Args)))];
}
