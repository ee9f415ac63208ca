using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Office;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>Every change a resident must hear about writes its message in the same commit; the others write none.</summary>
public sealed class OutboxQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submission_WithSmsContact_SubscribesTheContactAndWritesTheReceivedSms()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var answers = SampleAnswers.ForNeighbour();
        answers.MatterSlug = await FirstSlugAsync(database);
        answers.ContactChannel = nameof(ContactChannel.Sms);

        var result = await new RequestSubmission(database, clock, TestOutbox.For(clock)).SubmitAnswersAsync("k1", answers, RequestChannel.Web, "mieszkaniec", ct: Ct);

        await using var db = database.CreateDbContext();
        var subscription = await db.Subscriptions.SingleAsync(Ct);
        Assert.Equal(("+48601234567", NotificationChannel.Sms, true), (subscription.Address, subscription.Channel, subscription.IsRequestContact));
        var message = await db.Outbox.SingleAsync(Ct);
        Assert.Equal((NotificationKind.Received, NotificationChannel.Sms, "+48601234567", OutboxState.Pending), (message.Kind, message.Channel, message.Recipient, message.State));
        Assert.Equal((result.RequestId, subscription.Id), (message.VisitRequestId, message.SubscriptionId));
        var code = TrackingCode.Format(result.TrackingCode!);
        Assert.Contains($"przyjęliśmy zgłoszenie {code}", message.Body, StringComparison.Ordinal);
        Assert.Contains($"{TestOutbox.SiteUrl}/status?numer={code}", message.Body, StringComparison.Ordinal);
        Assert.EndsWith($"Wyłącz SMS-y: {TestOutbox.SiteUrl}/powiadomienia/stop/{subscription.Token}", message.Body, StringComparison.Ordinal);
        Assert.Null(message.Subject);
        Assert.Equal(clock.GetUtcNow(), message.NextAttemptAt);
    }

    [Fact]
    public async Task Submission_WithEmailContact_WritesAnEmailWithSubjectAndStopLink()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var answers = SampleAnswers.ForSelf();
        answers.MatterSlug = await FirstSlugAsync(database);
        answers.ContactChannel = nameof(ContactChannel.Email);
        answers.ContactEmail = "anna.nowak@example.pl";

        var result = await new RequestSubmission(database, clock, TestOutbox.For(clock)).SubmitAnswersAsync("k2", answers, RequestChannel.Kiosk, "Biblioteka", ct: Ct);

        await using var db = database.CreateDbContext();
        var message = await db.Outbox.SingleAsync(Ct);
        Assert.Equal((NotificationChannel.Email, "anna.nowak@example.pl"), (message.Channel, message.Recipient));
        Assert.Equal($"Zgłoszenie {TrackingCode.Format(result.TrackingCode!)} przyjęte", message.Subject);
        Assert.Contains("Wyłącz je jednym kliknięciem:", message.Body, StringComparison.Ordinal);
        Assert.Contains("Nie odpowiadaj na nią – zadzwoń:", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submission_WithPhoneCallContact_WritesNoMessage_AndTheDraftPathDoesTheSame()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var answers = SampleAnswers.ForSelf();
        answers.MatterSlug = await FirstSlugAsync(database);

        await new RequestSubmission(database, clock, TestOutbox.For(clock)).SubmitAnswersAsync("k3", answers, RequestChannel.Web, "mieszkaniec", ct: Ct);

        var drafts = new DraftStore(database, clock);
        var key = await drafts.CreateAsync(Ct);
        var sms = SampleAnswers.ForSelf();
        sms.MatterSlug = answers.MatterSlug;
        sms.ContactChannel = nameof(ContactChannel.Sms);
        await drafts.SaveAsync(key, sms, Ct);
        await new RequestSubmission(database, clock, TestOutbox.For(clock)).SubmitAsync(key, RequestChannel.Web, "mieszkaniec", Ct);

        await using var db = database.CreateDbContext();
        var message = await db.Outbox.SingleAsync(Ct);
        Assert.Equal(("+48600100200", NotificationKind.Received), (message.Recipient, message.Kind));
    }

    [Fact]
    public async Task StaffActions_WriteTheMessagesResidentsHearAbout_AndOnlyThose()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var clerk = await kit.AddClerkAsync("Tomasz Wiśniewski");
        var id = await kit.AddRequestAsync();
        await AddSubscriberAsync(kit, id, NotificationChannel.Sms, "+48600100200");
        await AddSubscriberAsync(kit, id, NotificationChannel.Email, "corka@example.pl");
        var actions = new RequestActions(kit.Database, kit.Audit, kit.Clock, TestOutbox.For(kit.Clock));

        Assert.Empty(await actions.TakeIntoReviewAsync(VisitTestKit.Coordinator, id, "Sprawdzamy.", Ct));
        Assert.Empty(await Messages(kit));
        Assert.Empty(await actions.AskForInformationAsync(VisitTestKit.Coordinator, id, "Prosimy o numer PESEL", Ct));
        Assert.Empty(await actions.ResumeReviewAsync(VisitTestKit.Coordinator, id, null, Ct));
        Assert.True((await kit.BookAsync(id, clerk, VisitTestKit.Tuesday, 8, 10)).Succeeded);
        Assert.True((await kit.BookAsync(id, clerk, VisitTestKit.Tuesday, 12, 14)).Succeeded);
        Assert.True((await kit.DayBefore.ConfirmAsync(VisitTestKit.Coordinator, (await kit.RequestAsync(id)).Visits.Last().Id, Ct)).Succeeded);
        kit.Clock.Advance(VisitTestKit.Warsaw(2026, 11, 24, 14, 0) - kit.Clock.GetUtcNow()); // the visit has taken place
        Assert.Empty(await actions.CompleteAsync(VisitTestKit.Coordinator, id, new CompletionForm { Channel = nameof(OutcomeChannel.PaperAtOffice), PublicNote = "Wniosek złożony" }, Ct));

        var messages = await Messages(kit);
        Assert.Equal(
            [NotificationKind.InformationNeeded, NotificationKind.VisitBooked, NotificationKind.VisitRebooked, NotificationKind.Completed],
            messages.Where(m => m.Channel == NotificationChannel.Sms).Select(m => m.Kind));
        Assert.Equal(messages.Where(m => m.Channel == NotificationChannel.Sms).Select(m => m.Kind), messages.Where(m => m.Channel == NotificationChannel.Email).Select(m => m.Kind));
        var sms = messages.Where(m => m.Channel == NotificationChannel.Sms).ToList();
        Assert.Contains("potrzebujemy od Ciebie informacji. Prosimy o numer PESEL.", sms[0].Body, StringComparison.Ordinal);
        Assert.Contains("wtorek, 24 listopada 2026, godz. 08:00–10:00. Przyjdzie Tomasz Wiśniewski.", sms[1].Body, StringComparison.Ordinal);
        Assert.Contains("Nowy termin: wtorek, 24 listopada 2026, godz. 12:00–14:00. Przyjdzie Tomasz Wiśniewski.", sms[2].Body, StringComparison.Ordinal);
        Assert.Contains("jest zakończona. Dziękujemy. Wniosek złożony.", sms[3].Body, StringComparison.Ordinal);

        // The door word belongs to the day-before notice, never to the booking message.
        var word = (await kit.RequestAsync(id)).Visits.Last().DoorWord;
        Assert.Equal(2, word!.Split(' ').Length);
        Assert.Contains(word.Split(' ')[1], DoorWords.Nouns);
        Assert.All(messages, m => Assert.DoesNotContain(word!.ToUpperInvariant(), m.Body, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CancelOrReject_TellTheReason(bool cancel)
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var id = await kit.AddRequestAsync();
        await AddSubscriberAsync(kit, id, NotificationChannel.Sms, "+48600100200");
        var actions = new RequestActions(kit.Database, kit.Audit, kit.Clock, TestOutbox.For(kit.Clock));

        Assert.Empty(cancel
            ? await actions.CancelAsync(VisitTestKit.Coordinator, id, "Mieszkaniec załatwił sprawę sam", Ct)
            : await actions.RejectAsync(VisitTestKit.Coordinator, id, "Ta sprawa należy do starostwa", Ct));

        var message = Assert.Single(await Messages(kit));
        Assert.Equal(cancel ? NotificationKind.Cancelled : NotificationKind.Rejected, message.Kind);
        Assert.Contains(cancel ? "jest anulowane. Mieszkaniec załatwił sprawę sam." : "Powód: Ta sprawa należy do starostwa.", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedChange_WritesNoMessage()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var id = await kit.AddRequestAsync();
        await AddSubscriberAsync(kit, id, NotificationChannel.Sms, "+48600100200");
        var actions = new RequestActions(kit.Database, kit.Audit, kit.Clock, TestOutbox.For(kit.Clock));

        Assert.NotEmpty(await actions.AskForInformationAsync(VisitTestKit.Coordinator, id, "   ", Ct));
        Assert.NotEmpty(await actions.CompleteAsync(VisitTestKit.Coordinator, id, new CompletionForm { Channel = nameof(OutcomeChannel.Epuap) }, Ct));
        var clerk = await kit.AddClerkAsync("Maria Zielińska");
        Assert.False((await kit.BookAsync(id, clerk, new DateOnly(2026, 11, 28), 8, 10)).Succeeded);

        Assert.Empty(await Messages(kit));
    }

    [Fact]
    public async Task StoppedSubscriber_GetsNothing_AndALongNoteIsShortenedInAnSmsOnly()
    {
        await using var kit = await VisitTestKit.CreateAsync();
        var id = await kit.AddRequestAsync(RequestStatus.InReview);
        await AddSubscriberAsync(kit, id, NotificationChannel.Sms, "+48600100200");
        await AddSubscriberAsync(kit, id, NotificationChannel.Email, "corka@example.pl");
        await AddSubscriberAsync(kit, id, NotificationChannel.Sms, "+48500400300", stopped: true);
        var actions = new RequestActions(kit.Database, kit.Audit, kit.Clock, TestOutbox.For(kit.Clock));
        var note = string.Join(' ', Enumerable.Repeat("Prosimy o zaświadczenie lekarskie.", 20));

        Assert.Empty(await actions.AskForInformationAsync(VisitTestKit.Coordinator, id, note, Ct));

        var messages = await Messages(kit);
        Assert.Equal(["+48600100200", "corka@example.pl"], messages.Select(m => m.Recipient));
        Assert.Contains(NotificationText.Shorten(note, NotificationOutbox.SmsNoteMaxLength), messages[0].Body, StringComparison.Ordinal);
        Assert.DoesNotContain(note, messages[0].Body, StringComparison.Ordinal);
        Assert.Contains(note, messages[1].Body, StringComparison.Ordinal);
    }

    /// <summary>A confirmed follower (<paramref name="contact"/>: the request's own contact, who may hear the door word).</summary>
    internal static async Task<NotificationSubscription> AddSubscriberAsync(VisitTestKit kit, int requestId, NotificationChannel channel, string address, bool stopped = false, bool contact = false)
    {
        await using var db = kit.Database.CreateDbContext();
        var subscription = TestOutbox.For(kit.Clock).NewSubscription(channel, address, isContact: contact);
        subscription.VisitRequestId = requestId;
        subscription.StoppedAt = stopped ? kit.Clock.GetUtcNow() : null;
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(Ct);
        return subscription;
    }

    internal static async Task<List<OutboxMessage>> Messages(VisitTestKit kit)
    {
        await using var db = kit.Database.CreateDbContext();
        return await db.Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync(Ct);
    }

    private static async Task<string> FirstSlugAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        return await db.Matters.Where(s => !s.IsRetired && !s.IsOther).OrderBy(s => s.SortOrder).Select(s => s.Slug).FirstAsync(Ct);
    }
}
