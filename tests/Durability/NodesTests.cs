using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Notifications;
using Npgsql;

namespace MobilnyUrzednik.Durability;

/// <summary>
/// Two public-site nodes (their own processes) on one PostgreSQL database, against local SMS and SMTP gateways that
/// fail every other call: each message is delivered exactly once, messages queued elsewhere wake the nodes at once
/// (LISTEN/NOTIFY: the poll is set to an hour), exactly one node holds the periodic jobs' lock, and after
/// <c>kill -9</c> of that node the other takes it within <see cref="HandOver"/> and sends the rest alone.
/// </summary>
[Trait("RunOnce", "true")]
public sealed class NodesTests
{
    // README's figure: JobLeader.RetryInterval (5 s) for a follower to try again, twice over for a loaded machine.
    private static readonly TimeSpan HandOver = JobLeader.RetryInterval * 2;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoNodes_GatewaysFailingHalfTheCalls_EachMessageOnce_LeaderKilled_TheOtherTakesOverWithinTheDocumentedTime()
    {
        var database = await TestPostgres.CreateDatabaseAsync(Ct);
        try
        {
            await using var sms = await FakeSmsGateway.StartAsync();
            await using var smtp = await FakeSmtpServer.StartAsync();
            sms.FailEvery(2);
            smtp.FailEvery(2);
            var settings = new Dictionary<string, string>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Default"] = database,
                ["PublicSiteUrl"] = "https://mobilny.przykladowo.example.pl",
                ["Notifications:Sms:BaseUrl"] = sms.BaseAddress.ToString(),
                ["Notifications:Sms:Token"] = sms.Token,
                ["Notifications:Smtp:Host"] = smtp.Host,
                ["Notifications:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Notifications:Smtp:Security"] = "None",
                ["Notifications:Smtp:From"] = "Mobilny Urzędnik <mobilny@przykladowo.pl>",

                // No poll to fall back on: what another process queues is found only because it says so (NOTIFY).
                ["Notifications:PollSeconds"] = "3600",
                ["Notifications:RetryDelaySeconds"] = "0.2",
                ["Notifications:MaxRetryDelaySeconds"] = "1",
                ["Notifications:MaxAttempts"] = "1000",
                ["Notifications:SendTimeoutSeconds"] = "5",
                ["Notifications:LeaseSeconds"] = "10",
            };
            await using var first = await AppProcess.StartAsync("MobilnyUrzednik.PublicSite", settings, Ct);
            await using var second = await AppProcess.StartAsync("MobilnyUrzednik.PublicSite", settings, Ct);
            var nodes = new[] { first, second };

            var leader = await LeaderAsync(database, nodes.Select(n => n.Id).ToArray());
            await QueueAsync(database, "a", 60);
            await DeliveredAsync(database, sms, smtp, 60, nodes);

            var follower = nodes.Single(n => n.Id != leader);
            nodes.Single(n => n.Id == leader).KillHard();
            var clock = Stopwatch.StartNew();
            var next = await LeaderAsync(database, [follower.Id]);
            var took = clock.Elapsed;
            Assert.Equal(follower.Id, next);
            Assert.True(took <= HandOver, $"the jobs moved after {took}, more than {HandOver}");
            TestContext.Current.TestOutputHelper?.WriteLine($"The periodic jobs moved to the other node {took.TotalSeconds:F1} s after kill -9.");

            await QueueAsync(database, "b", 40);
            await DeliveredAsync(database, sms, smtp, 100, [follower]);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    // Messages queued as a third process would (the kiosk): saved through a context with the app's interceptor, in
    // several saves; half SMS, half e-mail.
    private static async Task QueueAsync(string database, string batch, int count)
    {
        var options = DatabaseSettings.For(DatabaseProvider.Postgres, database).Configure(new DbContextOptionsBuilder<AppDbContext>())
            .AddInterceptors(new NotificationsExtensions.SignalInterceptor(new OutboxSignal())).Options;
        var now = DateTimeOffset.UtcNow;
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
                    Recipient = sms ? $"+48602{batch[0] % 10}00{j:D3}" : $"osoba-{batch}-{j}@example.pl",
                    Subject = sms ? null : "Zgłoszenie przyjęte",
                    Body = $"Wiadomość {batch}-{j}",
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
            }

            await db.SaveChangesAsync(Ct);
        }
    }

    // Every message in the gateways exactly once (by its key: SMS idx, e-mail Message-ID) and marked sent.
    private static async Task DeliveredAsync(string database, FakeSmsGateway sms, FakeSmtpServer smtp, int total, AppProcess[] running)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await sms.WaitForAcceptedAsync(total / 2, patience.Token);
            await smtp.WaitForAcceptedAsync(total / 2, patience.Token);
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync(patience.Token);
            while (true)
            {
                await using var unsent = new NpgsqlCommand("SELECT count(*) FROM \"Outbox\" WHERE \"State\" <> 'Sent'", connection);
                var left = (long)(await unsent.ExecuteScalarAsync(patience.Token))!;
                if (left == 0)
                {
                    break;
                }

                await Task.Delay(100, patience.Token);
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            Assert.Fail($"Not every message went out: {sms.AcceptedCount} SMS and {smtp.AcceptedCount} e-mails accepted of {total / 2} each.\n"
                + string.Join("\n----\n", running.Select(n => n.Log)));
        }

        Assert.Equal(total / 2, sms.Messages.Count);
        Assert.Equal(total / 2, sms.Messages.Select(m => m.Idx).Distinct().Count());
        var ids = smtp.Messages.Select(m => MessageId(m.Data)).ToList();
        Assert.Equal(total / 2, ids.Count);
        Assert.Equal(total / 2, ids.Distinct().Count());

        // Half the calls failed: the gateways were asked more often than they accepted, and nothing was refused as a repeat.
        Assert.True(sms.Requests.Count > sms.AcceptedCount, "the SMS gateway never failed");
        Assert.DoesNotContain(sms.Requests, r => r.Form.TryGetValue("idx", out var idx) && sms.Messages.Count(m => m.Idx == idx) > 1);
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
