using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// The day-before job on a clock moved an hour at a time through the week of 11 November 2026 (a Wednesday holiday)
/// and the weekend after it, with the sender running after each step, as the public site runs both.
/// </summary>
public sealed class DayBeforeNoticesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Microsoft.Extensions.Options.IOptions<NotificationOptions> Options =
        Microsoft.Extensions.Options.Options.Create(new NotificationOptions { PublicSiteUrl = TestOutbox.SiteUrl });

    // Sunday 8 November 2026, 10:00 in Warsaw (UTC+1).
    private static readonly DateTimeOffset Start = new(2026, 11, 8, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task WeekWithHolidayAndWeekend_EachNoticeOnce_OnTheWorkingDayBefore_WithClerkAndDoorWord()
    {
        await using var kit = await VisitTestKit.CreateAsync(Start);
        var tomasz = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var maria = await kit.AddClerkAsync("Maria Zielińska");

        // Visit day → the day its notice must go out.
        var expected = new Dictionary<int, DateOnly>();
        async Task<int> BookAsync(Staff.StaffActor clerk, DateOnly day, int from, NotificationChannel[] followers)
        {
            var id = await kit.AddRequestAsync();
            foreach (var channel in followers)
            {
                await OutboxQueueTests.AddSubscriberAsync(kit, id, channel, channel == NotificationChannel.Sms ? "+48600100200" : "corka@example.pl", contact: true);
            }

            Assert.True((await kit.BookAsync(id, clerk, day, from, from + 2)).Succeeded);
            return (await kit.RequestAsync(id)).Visits.Single().Id;
        }

        var both = new[] { NotificationChannel.Sms, NotificationChannel.Email };
        var tuesday = await BookAsync(tomasz, new DateOnly(2026, 11, 10), 8, both);           // Monday 9th
        var thursday = await BookAsync(tomasz, new DateOnly(2026, 11, 12), 10, both);         // Tuesday 10th: the 11th is a holiday
        var friday = await BookAsync(maria, new DateOnly(2026, 11, 13), 8, [NotificationChannel.Sms]); // Thursday 12th
        var monday = await BookAsync(tomasz, new DateOnly(2026, 11, 16), 14, both);           // Friday 13th: over the weekend
        var nobody = await BookAsync(maria, new DateOnly(2026, 11, 16), 8, []);                // a phone-call contact: staff call
        var cancelled = await BookAsync(maria, new DateOnly(2026, 11, 17), 8, [NotificationChannel.Sms]);
        expected[tuesday] = new DateOnly(2026, 11, 9);
        expected[thursday] = new DateOnly(2026, 11, 10);
        expected[friday] = new DateOnly(2026, 11, 12);
        expected[monday] = new DateOnly(2026, 11, 13);

        var notices = new DayBeforeNotices(kit.Database, TestOutbox.For(kit.Clock), Options, kit.Clock, NullLogger<DayBeforeNotices>.Instance);
        var sms = new ScriptedTransport(NotificationChannel.Sms);
        var email = new ScriptedTransport(NotificationChannel.Email);
        var sender = new OutboxSender(kit.Database, [sms, email], Options, kit.Clock, new TestEnvironment("Production", Path.GetTempPath()), NullLogger<OutboxSender>.Instance);
        var sentAt = new Dictionary<string, DateTimeOffset>();
        int? late = null;

        for (var at = Start; at < new DateTimeOffset(2026, 11, 18, 0, 0, 0, TimeSpan.Zero); at = at.AddHours(1))
        {
            kit.Clock.Advance(at - kit.Clock.GetUtcNow());
            var warsaw = WarsawTime.ToWarsaw(at);
            if (warsaw.Day == 12 && warsaw.Hour == 21)
            {
                // Booked after the notices' hours on the day before: its notice goes on its own day, before it starts.
                late = await BookAsync(tomasz, new DateOnly(2026, 11, 13), 12, [NotificationChannel.Sms]);
                expected[late.Value] = new DateOnly(2026, 11, 13);
            }

            if (warsaw.Day == 14 && warsaw.Hour == 12)
            {
                var id = (await kit.RequestAsync(await RequestOfAsync(kit, cancelled))).Id;
                Assert.Empty(await new Office.RequestActions(kit.Database, kit.Audit, kit.Clock, TestOutbox.For(kit.Clock)).CancelAsync(VisitTestKit.Coordinator, id, "Mieszkaniec w szpitalu", Ct));
            }

            await notices.RunAsync(Ct);
            await notices.RunAsync(Ct); // a second run in the same hour (another instance, a restart) adds nothing
            await sender.SendDueAsync(Ct);
            foreach (var key in sms.Calls.Concat(email.Calls).Select(c => c.Key).Where(k => !sentAt.ContainsKey(k)).ToList())
            {
                sentAt[key] = warsaw;
            }
        }

        await using var db = kit.Database.CreateDbContext();
        var dayBefore = await db.Outbox.AsNoTracking().Where(m => m.Kind == NotificationKind.DayBefore).ToListAsync(Ct);
        Assert.All(dayBefore, m => Assert.Equal(OutboxState.Sent, m.State));
        Assert.Equal(expected.Keys.Order(), dayBefore.Select(m => m.VisitId!.Value).Distinct().Order());
        Assert.DoesNotContain(dayBefore, m => m.VisitId == nobody || m.VisitId == cancelled);
        Assert.Equal([tuesday, tuesday, thursday, thursday, friday, monday, monday, late!.Value], dayBefore.OrderBy(m => sentAt[m.Key]).ThenBy(m => m.Channel).ThenBy(m => m.VisitId).Select(m => m.VisitId!.Value));

        var calls = sms.Calls.Concat(email.Calls).Where(c => dayBefore.Any(m => m.Key == c.Key)).ToList();
        Assert.Equal(calls.Count, calls.Select(c => c.Key).Distinct().Count());
        foreach (var message in dayBefore)
        {
            var visit = await db.Visits.AsNoTracking().Include(v => v.Clerk).SingleAsync(v => v.Id == message.VisitId, Ct);
            var when = sentAt[message.Key];
            Assert.Equal(expected[visit.Id], DateOnly.FromDateTime(when.DateTime));
            Assert.InRange(TimeOnly.FromDateTime(when.DateTime), new TimeOnly(9, 0), new TimeOnly(19, 59));
            Assert.Contains($"{VisitText.Day(visit.Date)}, godz. {VisitText.Window(visit.Start, visit.End)}. Przyjdzie {visit.Clerk!.DisplayName}.", message.Body, StringComparison.Ordinal);
            Assert.Contains($"W drzwiach powie hasło: {visit.DoorWord!.ToUpperInvariant()}.", message.Body, StringComparison.Ordinal);
        }

        // Monday's notices went on Friday at the first hour allowed, not over the weekend.
        Assert.All(dayBefore.Where(m => m.VisitId == monday), m => Assert.Equal(new DateTimeOffset(2026, 11, 13, 9, 0, 0, TimeSpan.FromHours(1)), sentAt[m.Key]));
    }

    [Theory]
    [InlineData(2026, 11, 10, 8, 59, false)] // before the hours
    [InlineData(2026, 11, 10, 9, 0, true)]
    [InlineData(2026, 11, 10, 19, 59, true)]
    [InlineData(2026, 11, 10, 20, 0, false)] // after the hours
    [InlineData(2026, 11, 11, 12, 0, false)] // the holiday itself
    public async Task NoticesGoOnlyWithinTheHoursOfAWorkingDay(int year, int month, int day, int hour, int minute, bool sends)
    {
        await using var kit = await VisitTestKit.CreateAsync(Start);
        var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var id = await kit.AddRequestAsync();
        await OutboxQueueTests.AddSubscriberAsync(kit, id, NotificationChannel.Sms, "+48600100200", contact: true);
        Assert.True((await kit.BookAsync(id, clerk, new DateOnly(2026, 11, 12), 10, 12)).Succeeded);
        var at = new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(1));
        kit.Clock.Advance(at - kit.Clock.GetUtcNow());

        var queued = await new DayBeforeNotices(kit.Database, TestOutbox.For(kit.Clock), Options, kit.Clock, NullLogger<DayBeforeNotices>.Instance).RunAsync(Ct);

        Assert.Equal(sends ? 1 : 0, queued);
    }

    private static async Task<int> RequestOfAsync(VisitTestKit kit, int visitId)
    {
        await using var db = kit.Database.CreateDbContext();
        return await db.Visits.Where(v => v.Id == visitId).Select(v => v.VisitRequestId).SingleAsync(Ct);
    }
}
