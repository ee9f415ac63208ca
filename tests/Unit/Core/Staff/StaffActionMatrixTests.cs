using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Administration;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Office;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Staff;

/// <summary>
/// Every staff action of every matter, for every role: the role the permission table allows gets past the
/// check; any other is refused before anything is read or changed (the audit log stays as it was). The pages
/// are walked the same way over HTTP in the browser tests (StaffAccessTests).
/// </summary>
public sealed class StaffActionMatrixTests
{
    private static readonly (string Name, StaffPermission Permission, Func<Services, StaffActor, Task> Act)[] Actions =
    [
        ("inbox", StaffPermission.ViewInbox, (s, a) => s.Inbox.QueryAsync(a, new InboxQuery(), Ct)),
        ("read request", StaffPermission.ReadRequest, (s, a) => s.Details.ReadAsync(a, 1, Ct)),
        ("take into review", StaffPermission.ChangeRequest, (s, a) => s.Actions.TakeIntoReviewAsync(a, 1, null, Ct)),
        ("ask for information", StaffPermission.ChangeRequest, (s, a) => s.Actions.AskForInformationAsync(a, 1, "Numer dowodu?", Ct)),
        ("resume review", StaffPermission.ChangeRequest, (s, a) => s.Actions.ResumeReviewAsync(a, 1, null, Ct)),
        ("reject", StaffPermission.ChangeRequest, (s, a) => s.Actions.RejectAsync(a, 1, "Poza gminą.", Ct)),
        ("cancel", StaffPermission.ChangeRequest, (s, a) => s.Actions.CancelAsync(a, 1, "Rezygnacja.", Ct)),
        ("complete", StaffPermission.ChangeRequest, (s, a) => s.Actions.CompleteAsync(a, 1, new CompletionForm { Channel = "Other" }, Ct)),
        ("phone intake", StaffPermission.TakePhoneRequest, (s, a) => s.Intake.SubmitAsync(a, new RequestAnswers(), RequestChannel.Phone, "matrix", Ct)),
        ("booking context", StaffPermission.BookVisits, (s, a) => s.Booking.GetContextAsync(a, 1, Ct)),
        ("free windows", StaffPermission.BookVisits, (s, a) => s.Booking.FreeSlotsAsync(a, new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 27), ct: Ct)),
        ("book", StaffPermission.BookVisits, (s, a) => s.Booking.BookAsync(a, 1, "nobody", new DateOnly(2026, 11, 24), new TimeOnly(8, 0), new TimeOnly(10, 0), null, Ct)),
        ("calendar", StaffPermission.BookVisits, (s, a) => s.Booking.CalendarAsync(a, new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 29), Ct)),
        ("clerks' days", StaffPermission.ManageClerkDays, (s, a) => s.Schedule.ListAsync(a, new DateOnly(2026, 11, 23), Ct)),
        ("set hours", StaffPermission.ManageClerkDays, (s, a) => s.Schedule.SetWeeklyHoursAsync(a, "nobody", [], Ct)),
        ("add absence", StaffPermission.ManageClerkDays, (s, a) => s.Schedule.AddAbsenceAsync(a, "nobody", new AbsenceForm(), Ct)),
        ("remove absence", StaffPermission.ManageClerkDays, (s, a) => s.Schedule.RemoveAbsenceAsync(a, 999, Ct)),
        ("day before", StaffPermission.ConfirmVisits, (s, a) => s.DayBefore.ListAsync(a, null, Ct)),
        ("confirm visit", StaffPermission.ConfirmVisits, (s, a) => s.DayBefore.ConfirmAsync(a, 999, Ct)),
        ("call list", StaffPermission.PassOnMessages, (s, a) => s.CallList.ListAsync(a, Ct)),
        ("message handed over", StaffPermission.PassOnMessages, (s, a) => s.CallList.HandOverAsync(a, 999, Ct)),
        ("message sent again", StaffPermission.PassOnMessages, (s, a) => s.CallList.RetryAsync(a, 999, Ct)),
        ("my day", StaffPermission.ViewOwnVisits, (s, a) => s.MyVisits.DayAsync(a, new DateOnly(2026, 11, 24), Ct)),
        ("my calendar address", StaffPermission.ViewOwnVisits, (s, a) => s.Feeds.RenewAsync(a, Ct)),
        ("visit outcome", StaffPermission.RecordVisitOutcome, (s, a) => s.Outcomes.RecordAsync(a, 1, new OutcomeForm { Key = "k" }, Ct)),
        ("reports", StaffPermission.ViewReports, (s, a) => s.Reports.GetAsync(a, Ct)),
        ("catalogue", StaffPermission.ManageCatalogue, (s, a) => s.Catalogue.ListAsync(a, Ct)),
        ("add matter", StaffPermission.ManageCatalogue, (s, a) => s.Catalogue.AddAsync(a, new MatterForm(), Ct)),
        ("retire matter", StaffPermission.ManageCatalogue, (s, a) => s.Catalogue.RetireAsync(a, 999, Ct)),
        ("settings", StaffPermission.ManageSettings, (s, a) => s.Settings.GetAsync(a, Ct)),
        ("save settings", StaffPermission.ManageSettings, (s, a) => s.Settings.SaveAsync(a, new SettingsForm(), Ct)),
        ("staff list", StaffPermission.ManageStaff, (s, a) => s.Staff.ListAsync(a, Ct)),
        ("disable staff", StaffPermission.ManageStaff, (s, a) => s.Staff.DisableAsync(a, "nobody", Ct)),
        ("audit log", StaffPermission.ReadAuditLog, (s, a) => s.Audit.FindAsync(a, new AuditFilter(), Ct)),
        ("find personal data", StaffPermission.ManagePersonalData, (s, a) => s.PersonalData.FindAsync(a, "600100200", Ct)),
        ("export personal data", StaffPermission.ManagePersonalData, (s, a) => s.PersonalData.ExportAsync(a, 999, Ct)),
        ("erase personal data", StaffPermission.ManagePersonalData, (s, a) => s.PersonalData.EraseAsync(a, 999, "ABC-DEF-GH", Ct)),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Roles => [.. StaffRoles.All];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryAction_ForTheRole_IsAllowedOrRefusedAsThePermissionTableSays(string role)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateDbContext())
        {
            var request = TestRequests.New(await db.Matters.Select(s => s.Id).FirstAsync(Ct));
            request.RecordSubmission("mieszkaniec", FakeClock.Default);
            db.VisitRequests.Add(request);
            await db.SaveChangesAsync(Ct);
        }

        var matters = new Services(database, new FakeClock());
        var actor = new StaffActor("matrix-" + role, "Osoba " + role, [role]);
        var wrong = new List<string>();
        foreach (var (name, permission, act) in Actions)
        {
            var allowed = StaffPermissions.Allows([role], permission);
            int auditBefore;
            await using (var db = database.CreateDbContext())
            {
                auditBefore = await db.AuditLog.CountAsync(Ct);
            }

            Exception? thrown = null;
            try
            {
                await act(matters, actor);
            }
            catch (Exception e) when (e is not StaffAccessDeniedException)
            {
                // Past the permission check; what happened next (a missing record, no user store) is not this test's concern.
                thrown = e;
            }
            catch (StaffAccessDeniedException e)
            {
                thrown = e;
            }

            var refused = thrown is StaffAccessDeniedException;
            if (allowed == refused)
            {
                wrong.Add($"{name}: {(allowed ? "allowed" : "refused")} expected, got {(refused ? "refused" : "allowed")}");
            }

            if (refused)
            {
                await using var db = database.CreateDbContext();
                if (await db.AuditLog.CountAsync(Ct) != auditBefore)
                {
                    wrong.Add($"{name}: refused, but the audit log changed");
                }
            }
        }

        Assert.True(wrong.Count == 0, role + ":\n" + string.Join('\n', wrong));
        Assert.Equal(Enum.GetValues<StaffPermission>().Length, Actions.Select(a => a.Permission).Distinct().Count());
    }

    private sealed class Services(TestDatabase database, FakeClock clock)
    {
        private readonly AuditLog _audit = new(database, clock);

        public Inbox Inbox => new(database, _audit, clock);
        public RequestDetails Details => new(database, _audit);
        public RequestActions Actions => new(database, _audit, clock, TestOutbox.For(clock));
        public PhoneIntake Intake => new(new RequestSubmission(database, clock, TestOutbox.For(clock)), _audit);
        public VisitBooking Booking => new(database, _audit, clock, TestOutbox.For(clock));
        public ClerkSchedule Schedule => new(database, _audit);
        public DayBefore DayBefore => new(database, _audit, clock);
        public MyVisits MyVisits => new(database, _audit, clock);
        public CalendarFeeds Feeds => new(database, _audit, clock, Microsoft.Extensions.Options.Options.Create(new Notifications.NotificationOptions()));
        public VisitOutcomes Outcomes => new(database, _audit, clock, TestOutbox.For(clock));
        public Privacy.PersonalData PersonalData => new(database, new Privacy.RequestAnonymiser(database, _audit, clock), _audit, clock);
        public Notifications.CallList CallList => new(database, _audit, clock, new Notifications.OutboxSignal());
        public Reports Reports => new(database, clock);
        public CatalogueAdmin Catalogue => new(database, _audit);
        public SettingsAdmin Settings => new(database, _audit, clock);
        public StaffAdmin Staff => new(
            new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), database, _audit, clock,
            new SignInThrottle(database, clock, Microsoft.Extensions.Options.Options.Create(new StaffSecurityOptions())),
            new StaffSessions(database, clock, Microsoft.Extensions.Options.Options.Create(new StaffSecurityOptions())));
        public AuditQuery Audit => new(database);
    }
}
