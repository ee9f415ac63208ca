using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Staff;
using MobilnyUrzednik.Core.Visits;
using Npgsql;

namespace MobilnyUrzednik.Durability;

/// <summary>
/// Two public-site nodes (their own processes) on one PostgreSQL database run their workers for 60 s against local SMS
/// and SMTP gateways that fail every other call, while a third process (this test, as the kiosk or a coordinator would)
/// keeps queueing messages and booking visits for the next working day: every message arrives exactly once, every
/// day-before confirmation is queued and sent once per follower, messages queued elsewhere wake the nodes at once
/// (LISTEN/NOTIFY: the poll is set to an hour), exactly one node holds the periodic jobs' lock, and after
/// <c>kill -9</c> of that node half-way the other takes it within <see cref="HandOver"/>, runs the day-before job again
/// over the same visits without sending anything twice, and sends the rest alone.
/// </summary>
/// <remarks>
/// The nodes' clock: the day-before job works on the Warsaw day, so both nodes run in the Testing environment with the
/// same <c>Testing:ClockOffset</c> (<see cref="ShiftedClock"/>), their clock showing Monday 9 March 2026, 10:00 in Warsaw
/// when the test starts; the visits are on Tuesday the 10th. The kill comes when nothing is in flight: e-mail has no
/// idempotency key at the server (SMTP), so a node killed between the server's "250" and its own "sent" would send that
/// one e-mail again (README says so); that window is not what this test measures.
/// </remarks>
[Trait("RunOnce", "true")]
public sealed class NodesTests
{
    // README's figure: JobLeader.RetryInterval (5 s) for a follower to try again, twice over for a loaded machine.
    private static readonly TimeSpan HandOver = JobLeader.RetryInterval * 2;

    // The figure: both nodes' workers run this long under traffic.
    private static readonly TimeSpan Run = TimeSpan.FromSeconds(60);

    // Monday 9 March 2026, 10:00 in Warsaw (UTC+1), and the visits' day.
    private static readonly DateTimeOffset Monday = new(2026, 3, 9, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Tuesday = new(2026, 3, 10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoNodes_WorkersRunFor60s_GatewaysFailingHalfTheCalls_EachMessageAndDayBeforeNoticeOnce_LeaderKilled_TheOtherTakesOverWithinTheDocumentedTime()
    {
        var database = await TestPostgres.CreateDatabaseAsync(Ct);
        try
        {
            await using var sms = await FakeSmsGateway.StartAsync();
            await using var smtp = await FakeSmtpServer.StartAsync();
            sms.FailEvery(2);
            smtp.FailEvery(2);
            var offset = Monday - DateTimeOffset.UtcNow;
            var clock = new Clock(offset);
            var settings = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = ShiftedClock.TestingEnvironment,
                [ShiftedClock.OffsetKey] = offset.ToString("c", CultureInfo.InvariantCulture),
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Default"] = database,
                ["PublicSiteUrl"] = "https://mobilny.przykladowo.example.pl",
                ["Notifications:Sms:BaseUrl"] = sms.BaseAddress.ToString(),
                ["Notifications:Sms:Token"] = sms.Token,
                ["Notifications:Smtp:Host"] = smtp.Host,
                ["Notifications:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
                ["Notifications:Smtp:Security"] = "None",
                ["Notifications:Smtp:From"] = "Mobilny Urzędnik <mobilny@przykladowo.pl>",

                // No poll to fall back on: what another process queues is found only because it says so (NOTIFY).
                ["Notifications:PollSeconds"] = "3600",
                ["Notifications:RetryDelaySeconds"] = "0.2",
                ["Notifications:MaxRetryDelaySeconds"] = "1",
                ["Notifications:MaxAttempts"] = "1000",
                ["Notifications:SendTimeoutSeconds"] = "5",
                // Longer than any attempt can take on a loaded machine (the attempt's limit is 5 s): a lease that ran
                // out mid-attempt would let the other node try the same message (the gateway refuses the repeat).
                ["Notifications:LeaseSeconds"] = "30",

                // The leader looks for day-before notices every 2 s instead of 5 min, so visits booked during the run
                // get theirs while both nodes run.
                ["Notifications:DayBeforeCheckSeconds"] = "2",
            };
            await using var first = await AppProcess.StartAsync("MobilnyUrzednik.PublicSite", settings, Ct);
            await using var second = await AppProcess.StartAsync("MobilnyUrzednik.PublicSite", settings, Ct);
            var nodes = new[] { first, second };

            var leader = await LeaderAsync(database, nodes.Select(n => n.Id).ToArray());
            var follower = nodes.Single(n => n.Id != leader);
            var running = nodes;
            var queued = 0;
            var visits = new List<int>();
            TimeSpan? took = null;
            var run = Stopwatch.StartNew();
            for (var round = 0; run.Elapsed < Run; round++)
            {
                await QueueAsync(database, clock, $"r{round:D3}", 6);
                queued += 6;
                visits.AddRange(await BookAsync(database, clock, round, 2));

                if (took is null && run.Elapsed >= Run / 2)
                {
                    // Half-way, with nothing in flight (see remarks): the leader dies.
                    await DeliveredAsync(database, sms, smtp, queued, visits.Count, running);
                    Assert.DoesNotContain("Day-before notice", follower.Log, StringComparison.Ordinal);
                    nodes.Single(n => n.Id == leader).KillHard();
                    var handOver = Stopwatch.StartNew();
                    Assert.Equal(follower.Id, await LeaderAsync(database, [follower.Id]));
                    took = handOver.Elapsed;
                    running = [follower];
                }
                else
                {
                    // Paced by what the gateways take, not by a timer: the messages and day-before confirmations of
                    // the round before are in (so a round lasts about one turn of the day-before job, 2 s, and a minute
                    // books a few dozen visits for the next day, as a busy office would, not hundreds).
                    var before = ((queued - 6) / 2) + (visits.Count - 2);
                    await sms.WaitForAcceptedAsync(before, Ct);
                    await smtp.WaitForAcceptedAsync(before, Ct);
                }
            }

            await DeliveredAsync(database, sms, smtp, queued, visits.Count, running);
            Assert.NotNull(took);
            Assert.True(took <= HandOver, $"the jobs moved after {took}, more than {HandOver}");
            Assert.Contains("Day-before notice", follower.Log, StringComparison.Ordinal);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{queued} messages and {visits.Count} visits ({2 * visits.Count} day-before notices) in {run.Elapsed.TotalSeconds:F0} s; "
                + $"the periodic jobs moved to the other node {took.Value.TotalSeconds:F1} s after kill -9.");
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    /// <summary>The test's view of the nodes' clock (the same offset from the system's).</summary>
    private sealed class Clock(TimeSpan offset)
    {
        public DateTimeOffset Now => DateTimeOffset.UtcNow + offset;
    }

    private static DbContextOptions<AppDbContext> Options(string database) =>
        DatabaseSettings.For(DatabaseProvider.Postgres, database).Configure(new DbContextOptionsBuilder<AppDbContext>())
            .AddInterceptors(new NotificationsExtensions.SignalInterceptor(new OutboxSignal())).Options;

    // Visits booked for Tuesday with a clerk of their own (as a coordinator on another node would, straight into the
    // database: the booking message itself is not what this test follows), each request followed by an SMS and an
    // e-mail address.
    private static async Task<List<int>> BookAsync(string database, Clock clock, int round, int count)
    {
        await using var db = new AppDbContext(Options(database));
        var clerk = new StaffUser { Id = $"clerk-{round:D3}", UserName = $"urzednik-{round}@gmina.example.pl", DisplayName = "Tomasz Wiśniewski" };
        db.Users.Add(clerk);
        var matter = await db.Matters.Where(m => !m.IsRetired).Select(m => m.Id).FirstAsync(Ct);
        var now = clock.Now;
        var added = new List<Visit>();
        for (var i = 0; i < count; i++)
        {
            var n = (round * count) + i;
            var request = new VisitRequest
            {
                TrackingCode = TrackingCode.NewCode(),
                Channel = RequestChannel.Web,
                LivesInMunicipality = true,
                EligibilityReason = EligibilityReason.Age,
                MatterId = matter,
                Description = "Potrzebny nowy dowód osobisty.",
                ResidentName = "Janina Kowalczyk",
                ResidentPhone = "+48602100200",
                Street = "Główna 5 m. 3",
                PostalCode = "00-950",
                Town = "Przykładowo",
                ContactChannel = ContactChannel.Sms,
            };
            request.RecordSubmission("mieszkaniec", now.AddDays(-3));
            foreach (var (channel, address) in new[] { (NotificationChannel.Sms, $"+48603{n:D6}"), (NotificationChannel.Email, $"rodzina-{n}@example.pl") })
            {
                request.Subscriptions.Add(new NotificationSubscription
                {
                    Channel = channel,
                    Address = address,
                    Token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
                    IsRequestContact = true,
                    CreatedAt = now.AddDays(-3),
                });
            }

            // The clerk's windows one after another from 8:00, two hours each.
            var start = new TimeOnly(8 + (2 * i), 0);
            var visit = new Visit { Request = request, Clerk = clerk, ClerkId = clerk.Id, Date = Tuesday, Start = start, End = start.AddHours(2), BookedAt = now, BookedBy = "Anna Kowalska" };
            db.Visits.Add(visit);
            added.Add(visit);
        }

        await db.SaveChangesAsync(Ct);
        return added.Select(v => v.Id).ToList();
    }

    // Messages queued as a third process would (the kiosk): saved through a context with the app's interceptor, in
    // several saves; half SMS, half e-mail.
    private static async Task QueueAsync(string database, Clock clock, string batch, int count)
    {
        var options = Options(database);
        var now = clock.Now;
        for (var i = 0; i < count; i += 10)
        {
            await using var db = new AppDbContext(options);
            for (var j = i; j < Math.Min(count, i + 10); j++)
            {
                var sms = j % 2 == 0;
                db.Outbox.Add(new OutboxMessage
                {
                    Key = $"wezly-{batch}-{j:D3}",
                    Kind = NotificationKind.Received,
                    Channel = sms ? NotificationChannel.Sms : NotificationChannel.Email,
                    Recipient = sms ? $"+48602{batch[1..]}{j:D3}" : $"osoba-{batch}-{j}@example.pl",
                    Subject = sms ? null : "Zgłoszenie przyjęte",
                    Body = $"Wiadomość {batch}-{j}",
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
            }

            await db.SaveChangesAsync(Ct);
        }
    }

    // Every message in the gateways exactly once (by its key: SMS idx, e-mail Message-ID) and marked sent: the
    // <paramref name="queued"/> messages queued directly (half SMS, half e-mail) and one day-before notice per follower
    // of the <paramref name="visits"/> visits (an SMS and an e-mail each), each queued once.
    private static async Task DeliveredAsync(string database, FakeSmsGateway sms, FakeSmtpServer smtp, int queued, int visits, AppProcess[] running)
    {
        var each = (queued / 2) + visits;
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(TimeSpan.FromSeconds(90));
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        try
        {
            await sms.WaitForAcceptedAsync(each, patience.Token);
            await smtp.WaitForAcceptedAsync(each, patience.Token);
            while ((await CountAsync(connection, "SELECT count(*) FROM \"Outbox\" WHERE \"State\" <> 'Sent'", patience.Token)) > 0)
            {
                await Task.Delay(100, patience.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException && !Ct.IsCancellationRequested)
        {
            var states = new StringBuilder();
            await using (var command = new NpgsqlCommand("SELECT \"State\", \"Kind\", coalesce(\"LastError\", ''), count(*), max(\"Attempts\") FROM \"Outbox\" GROUP BY 1, 2, 3", connection))
            await using (var reader = await command.ExecuteReaderAsync(Ct))
            {
                while (await reader.ReadAsync(Ct))
                {
                    states.Append(CultureInfo.InvariantCulture, $"{reader.GetString(0)} {reader.GetString(1)} '{reader.GetString(2)}': {reader.GetInt64(3)} (attempts up to {reader.GetInt32(4)})\n");
                }
            }

            await using (var command = new NpgsqlCommand("SELECT application_name, coalesce(state, ''), coalesce(wait_event, ''), left(query, 120) FROM pg_stat_activity WHERE datname = current_database()", connection))
            await using (var reader = await command.ExecuteReaderAsync(Ct))
            {
                while (await reader.ReadAsync(Ct))
                {
                    states.Append(CultureInfo.InvariantCulture, $"{reader.GetString(0)} | {reader.GetString(1)} | {reader.GetString(2)} | {reader.GetString(3)}\n");
                }
            }

            Assert.Fail($"Not every message went out: {sms.AcceptedCount} SMS and {smtp.AcceptedCount} e-mails accepted of {each} each.\n{states}\n"
                + string.Join("\n----\n", running.Select(n => n.Log)));
        }

        // Each day-before notice queued once per visit and follower, and sent.
        Assert.Equal(2 * visits, await CountAsync(connection, "SELECT count(*) FROM \"Outbox\" WHERE \"Kind\" = 'DayBefore'", Ct));
        Assert.Equal(2 * visits, await CountAsync(connection, "SELECT count(DISTINCT \"DedupeKey\") FROM \"Outbox\" WHERE \"Kind\" = 'DayBefore' AND \"State\" = 'Sent'", Ct));
        Assert.Equal(visits, await CountAsync(connection, "SELECT count(DISTINCT \"VisitId\") FROM \"Outbox\" WHERE \"Kind\" = 'DayBefore'", Ct));

        // The gateways hold each message once, and exactly the messages of the outbox.
        Assert.Equal(each, sms.Messages.Count);
        Assert.Equal(each, sms.Messages.Select(m => m.Idx).Distinct().Count());
        var ids = smtp.Messages.Select(m => MessageId(m.Data)).ToList();
        Assert.Equal(each, ids.Count);
        Assert.Equal(each, ids.Distinct().Count());
        Assert.Equal(2 * each, await CountAsync(connection, "SELECT count(*) FROM \"Outbox\"", Ct));

        // Half the calls failed: the gateways were asked more often than they accepted, and no repeat of a message
        // already accepted was even tried (the gateway would have refused it, and the row would not be "Sent").
        Assert.True(sms.Requests.Count > sms.AcceptedCount, "the SMS gateway never failed");
        Assert.True(smtp.ConnectionsAccepted > 0);
        Assert.DoesNotContain(sms.Requests, r => r.Form.TryGetValue("idx", out var idx) && sms.Messages.Count(m => m.Idx == idx) > 1);
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static string MessageId(byte[] data)
    {
        var text = Encoding.UTF8.GetString(data);
        var line = text.Split("\r\n").First(l => l.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase));
        return line["Message-ID:".Length..].Trim();
    }

    // The node whose job connection holds the advisory lock, once exactly one of the candidates does.
    private static async Task<int> LeaderAsync(string database, int[] candidates)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(TimeSpan.FromSeconds(60));
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(Ct);
        var holders = new List<string>();
        while (!patience.IsCancellationRequested)
        {
            await using var query = new NpgsqlCommand(
                """
                SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND a.application_name LIKE $1
                """, connection)
            { Parameters = { new NpgsqlParameter { Value = JobLeader.ApplicationNamePrefix + "%" } } };
            holders.Clear();
            await using (var reader = await query.ExecuteReaderAsync(Ct))
            {
                while (await reader.ReadAsync(Ct))
                {
                    holders.Add(reader.GetString(0));
                }
            }

            Assert.True(holders.Count <= 1, "two nodes lead at once: " + string.Join(", ", holders));
            if (holders.Count == 1 && int.TryParse(holders[0][JobLeader.ApplicationNamePrefix.Length..], out var pid) && candidates.Contains(pid))
            {
                return pid;
            }

            await Task.Delay(50, CancellationToken.None);
        }

        Assert.Fail("No node took the periodic jobs' lock; holders: " + string.Join(", ", holders));
        return 0;
    }
}
