using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Notifications;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Privacy;

/// <summary>The retention job on a clock the test sets: exactly the closed requests past the period lose their personal data.</summary>
public sealed class RetentionJobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const int Days = 730;

    [Fact]
    public async Task DraftsUntouchedForADay_AreDeletedByTheJob_WithoutWaitingForTheNextForm()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var store = new DraftStore(kit.Database, kit.Clock);
        var old = await store.CreateAsync(Ct);
        var answers = (await store.LoadAsync(old, Ct))!.Answers;
        answers.Description = "Mama leży po udarze, nie wstaje z łóżka.";
        Assert.True(await store.SaveAsync(old, answers, Ct));
        kit.Clock.Advance(DraftStore.Lifetime - TimeSpan.FromMinutes(1));
        var recent = await store.CreateAsync(Ct);
        kit.Clock.Advance(TimeSpan.FromMinutes(2));

        var result = await Job(kit).RunAsync(Ct);

        Assert.Equal(1, result.DraftsPurged);
        await using var db = kit.Database.CreateDbContext();
        Assert.Equal([recent], await db.RequestDrafts.Select(d => d.Key).ToListAsync(Ct));
        Assert.DoesNotContain(await db.RequestDrafts.Select(d => d.AnswersJson).ToListAsync(Ct), j => j.Contains("udarze", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnonymisesExactlyTheClosedRequestsPastThePeriod_EachAudited_TheRestUntouched()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var now = kit.Clock.GetUtcNow();
        var period = TimeSpan.FromDays(Days);
        var cases = new List<(int Id, bool Expected, string What)>
        {
            (await ClosedAsync(kit, RequestStatus.Cancelled, now - period), true, "cancelled exactly the period ago"),
            (await ClosedAsync(kit, RequestStatus.Rejected, now - period - TimeSpan.FromDays(400)), true, "rejected long ago"),
            (await ClosedAsync(kit, RequestStatus.Cancelled, now - period + TimeSpan.FromMinutes(1)), false, "a minute short of the period"),
            (await ClosedAsync(kit, RequestStatus.Rejected, now - TimeSpan.FromDays(10)), false, "closed last week"),
            (await OpenAsync(kit, RequestStatus.Submitted, now - period - TimeSpan.FromDays(1000)), false, "open, however old"),
            (await OpenAsync(kit, RequestStatus.NeedsInformation, now - period - TimeSpan.FromDays(5)), false, "waiting for information, old"),
        };
        var before = await SnapshotAsync(kit);

        var result = await Job(kit).RunAsync(Ct);

        Assert.Equal(2, result.RequestsAnonymised);
        var after = await SnapshotAsync(kit);
        foreach (var (id, expected, what) in cases)
        {
            var r = after[id];
            if (expected)
            {
                Assert.True(r.AnonymisedAt is not null, what);
                Assert.Equal((RequestAnonymiser.Removed, RequestAnonymiser.Removed, RequestAnonymiser.Removed, RequestAnonymiser.Removed, RequestAnonymiser.Removed), (r.ResidentName, r.Street, r.PostalCode, r.Town, r.Description));
                Assert.Null(r.ResidentPhone);
                Assert.Null(r.SubmitterName);
                Assert.Null(r.SubmitterPhone);
                Assert.Null(r.AccessNotes);
                Assert.Null(r.ContactEmail);
                Assert.False(r.NeedsSignLanguage);
                Assert.All(r.History, h => Assert.Null(h.PublicNote));
                Assert.Equal(before[id].History.Select(h => (h.Status, h.Actor, h.At)), r.History.Select(h => (h.Status, h.Actor, h.At)));
                Assert.Equal((before[id].Status, before[id].MatterId, before[id].EligibilityReason), (r.Status, r.MatterId, r.EligibilityReason));
            }
            else
            {
                Assert.True(r.AnonymisedAt is null, what);
                Assert.Equal((before[id].ResidentName, before[id].ResidentPhone, before[id].Street, before[id].Description, before[id].AccessNotes, before[id].SubmitterName),
                    (r.ResidentName, r.ResidentPhone, r.Street, r.Description, r.AccessNotes, r.SubmitterName));
                Assert.Equal(before[id].History.Select(h => h.PublicNote), r.History.Select(h => h.PublicNote));
            }
        }

        await using var db = kit.Database.CreateDbContext();
        var audit = await db.AuditLog.AsNoTracking().Where(a => a.Action == AuditActions.RequestAnonymised).OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal(cases.Where(c => c.Expected).Select(c => AuditLog.RequestSubject(c.Id)), audit.Select(a => a.Subject));
        Assert.All(audit, a => Assert.Equal(("system", RequestAnonymiser.ReasonRetention), (a.ActorId, a.Detail)));

        // The subscriptions and messages of the anonymised ones are gone; the others' are kept.
        var anonymised = cases.Where(c => c.Expected).Select(c => c.Id).ToList();
        Assert.Empty(await db.Subscriptions.Where(s => anonymised.Contains(s.VisitRequestId)).ToListAsync(Ct));
        Assert.Equal(cases.Count - anonymised.Count, await db.Subscriptions.CountAsync(Ct));
        Assert.All(await db.Outbox.Where(m => anonymised.Contains(m.VisitRequestId!.Value)).ToListAsync(Ct), m =>
            Assert.Equal((RequestAnonymiser.Removed, RequestAnonymiser.Removed, OutboxState.Obsolete), (m.Recipient, m.Body, m.State)));

        // A second run finds nothing more to do.
        Assert.Equal(0, (await Job(kit).RunAsync(Ct)).RequestsAnonymised);
        Assert.Equal(2, await db.AuditLog.CountAsync(a => a.Action == AuditActions.RequestAnonymised, Ct));
    }

    [Fact]
    public async Task OldMessages_LoseRecipientAndText_OnlyOnceSentPassedOnOrDropped()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var id = await OpenAsync(kit, RequestStatus.Submitted, kit.Clock.GetUtcNow());
        await using (var db = kit.Database.CreateDbContext())
        {
            foreach (var (state, age) in new[] { (OutboxState.Sent, 31), (OutboxState.HandedOver, 31), (OutboxState.Obsolete, 31), (OutboxState.Sent, 29), (OutboxState.Failed, 90), (OutboxState.AwaitingStaff, 90), (OutboxState.Pending, 90) })
            {
                db.Outbox.Add(new OutboxMessage
                {
                    Key = Guid.NewGuid().ToString("N"), VisitRequestId = id, Kind = NotificationKind.Received, Channel = NotificationChannel.Sms,
                    Recipient = "+48600100200", Body = "Treść " + state, State = state, CreatedAt = kit.Clock.GetUtcNow().AddDays(-age), NextAttemptAt = kit.Clock.GetUtcNow(),
                });
            }

            await db.SaveChangesAsync(Ct);
        }

        var result = await Job(kit).RunAsync(Ct);

        Assert.Equal(3, result.MessagesWiped);
        await using var check = kit.Database.CreateDbContext();
        var messages = await check.Outbox.AsNoTracking().Where(m => m.SubscriptionId == null).OrderBy(m => m.Id).ToListAsync(Ct);
        Assert.Equal([true, true, true, false, false, false, false], messages.Select(m => m.Recipient == RequestAnonymiser.Removed && m.Body == RequestAnonymiser.Removed));
        Assert.Equal(OutboxState.Sent, messages[0].State); // that it was sent stays
    }

    [Fact]
    public async Task Anonymiser_IsIdempotent()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var id = await ClosedAsync(kit, RequestStatus.Cancelled, kit.Clock.GetUtcNow());
        var anonymiser = new RequestAnonymiser(kit.Database, kit.Audit, kit.Clock);

        Assert.True(await anonymiser.AnonymiseAsync(VisitTestKit.Coordinator, id, RequestAnonymiser.ReasonErasure, Ct));
        Assert.False(await anonymiser.AnonymiseAsync(VisitTestKit.Coordinator, id, RequestAnonymiser.ReasonErasure, Ct));
        Assert.False(await anonymiser.AnonymiseAsync(VisitTestKit.Coordinator, 999_999, RequestAnonymiser.ReasonErasure, Ct));

        Assert.Single(await kit.AuditEntriesAsync(), a => a.Action == AuditActions.RequestAnonymised);
    }

    internal static RetentionJob Job(VisitTestKit kit) => new(
        kit.Database,
        new RequestAnonymiser(kit.Database, kit.Audit, kit.Clock),
        Options.Create(new PrivacyOptions { RetentionDays = Days }),
        Options.Create(new NotificationOptions { MessageRetentionDays = 30 }),
        kit.Clock,
        NullLogger<RetentionJob>.Instance);

    // A request filed by a neighbour, with a note in its history, a follower and a message, closed at lastChange.
    internal static async Task<int> ClosedAsync(VisitTestKit kit, RequestStatus status, DateTimeOffset lastChange)
    {
        var id = await kit.AddRequestAsync(status, relation: SubmitterRelation.Neighbour, channel: ContactChannel.Email);
        await DressAsync(kit, id, lastChange);
        return id;
    }

    internal static async Task<int> OpenAsync(VisitTestKit kit, RequestStatus status, DateTimeOffset lastChange)
    {
        var id = await kit.AddRequestAsync(status, relation: SubmitterRelation.Neighbour, channel: ContactChannel.Email);
        await DressAsync(kit, id, lastChange);
        return id;
    }

    private static async Task DressAsync(VisitTestKit kit, int id, DateTimeOffset lastChange)
    {
        await using var db = kit.Database.CreateDbContext();
        var request = await db.VisitRequests.SingleAsync(r => r.Id == id, Ct);
        request.ContactEmail = "sasiad@example.pl";
        request.UpdatedAt = lastChange;
        var subscription = TestOutbox.For(kit.Clock).NewSubscription(NotificationChannel.Email, "sasiad@example.pl", isContact: true);
        request.Subscriptions.Add(subscription);
        db.Outbox.Add(new OutboxMessage
        {
            Key = Guid.NewGuid().ToString("N"), Request = request, Subscription = subscription, Kind = NotificationKind.Received, Channel = NotificationChannel.Email,
            Recipient = "sasiad@example.pl", Subject = "Zgłoszenie", Body = "Treść dla sąsiada", State = OutboxState.Pending, CreatedAt = lastChange, NextAttemptAt = lastChange,
        });
        await db.SaveChangesAsync(Ct);
    }

    private static async Task<Dictionary<int, VisitRequest>> SnapshotAsync(VisitTestKit kit)
    {
        await using var db = kit.Database.CreateDbContext();
        return await db.VisitRequests.AsNoTracking().Include(r => r.History.OrderBy(h => h.Id)).ToDictionaryAsync(r => r.Id, Ct);
    }
}
