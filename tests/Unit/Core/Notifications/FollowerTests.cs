using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Office;
using MobilnyUrzednik.Core.Requests;
using MobilnyUrzednik.Core.Visits;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// A stranger who knows a tracking code and four digits signs an address up for a request's news (issue 12, points 1
/// and 7): that address gets exactly one message, the request to confirm, and nothing else until it is confirmed; once
/// confirmed it gets the news but never the door word, and the request's own contact is told, with a link that removes
/// the follower in one step. No address is signed up more than three times a day over all requests.
/// </summary>
public sealed class FollowerTests
{
    private const string Contact = "+48500400300";
    private const string Stranger = "+48601202303";

    // Sunday 8 November 2026, 10:00 in Warsaw; the visit is on Tuesday the 10th, its notice goes on Monday the 9th.
    private static readonly DateTimeOffset Start = new(2026, 11, 8, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly VisitDay = new(2026, 11, 10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignUp_SendsExactlyOneMessage_TheRequestToConfirm_AndNothingElseUntilConfirmed()
    {
        await using var kit = await Kit.CreateAsync();
        var id = await kit.AddRequestWithContactAsync();

        Assert.Equal(SubscribeOutcome.Subscribed, (await kit.Subscriptions.SubscribeAsync(id, "sms", "601 202 303", Ct)).Outcome);

        // Everything that would send a follower news happens: a question, a booking, the day before.
        Assert.Empty(await kit.Actions.AskForInformationAsync(VisitTestKit.Coordinator, id, "Prosimy o numer dowodu", Ct));
        Assert.True((await kit.Visits.BookAsync(id, kit.Clerk, VisitDay, 10, 12)).Succeeded);
        await kit.RunDayBeforeAsync();

        var toStranger = await kit.MessagesToAsync(Stranger);
        var only = Assert.Single(toStranger);
        Assert.Equal(NotificationKind.Subscribed, only.Kind);
        Assert.Contains("/powiadomienia/potwierdz/", only.Body, StringComparison.Ordinal);
        Assert.Equal(
            [NotificationKind.InformationNeeded, NotificationKind.VisitBooked, NotificationKind.DayBefore],
            (await kit.MessagesToAsync(Contact)).Select(m => m.Kind));
    }

    [Fact]
    public async Task Confirmed_FollowerGetsTheNewsWithoutTheDoorWord_TheContactWithIt_AndWasToldWithARemovalLink()
    {
        await using var kit = await Kit.CreateAsync();
        var id = await kit.AddRequestWithContactAsync();
        await kit.Subscriptions.SubscribeAsync(id, "sms", "601 202 303", Ct);
        var follower = await kit.SubscriptionAsync(Stranger);

        Assert.Equal(FollowerLinkState.Confirmed, await kit.Subscriptions.ConfirmAsync(follower.Token, Ct));

        var told = Assert.Single(await kit.MessagesToAsync(Contact));
        Assert.Equal(NotificationKind.FollowerAdded, told.Kind);
        Assert.Equal(OutboxState.Pending, told.State);
        var code = TrackingCode.Format(await kit.CodeOfAsync(id));
        Assert.StartsWith(
            $"Gmina Przykładowo: wiadomości o zgłoszeniu {code} dostaje teraz także numer kończący się na 303. Tej osobie nie podajemy hasła do drzwi. Jeśli jej nie znasz albo nie chcesz, żeby dostawała wiadomości, usuń ją: {TestOutbox.SiteUrl}/powiadomienia/usun/{follower.RemovalToken}",
            told.Body);
        Assert.DoesNotContain("601", told.Body, StringComparison.Ordinal);

        Assert.True((await kit.Visits.BookAsync(id, kit.Clerk, VisitDay, 10, 12)).Succeeded);
        await kit.RunDayBeforeAsync();

        var word = (await kit.Visits.RequestAsync(id)).Visits.Single().DoorWord!.ToUpperInvariant();
        var strangers = (await kit.MessagesToAsync(Stranger)).Where(m => m.Kind == NotificationKind.DayBefore).ToList();
        var contacts = (await kit.MessagesToAsync(Contact)).Where(m => m.Kind == NotificationKind.DayBefore).ToList();
        Assert.DoesNotContain(word, Assert.Single(strangers).Body, StringComparison.Ordinal);
        Assert.Contains("Hasło, które urzędnik powie w drzwiach, dostała osoba podana w zgłoszeniu.", strangers[0].Body, StringComparison.Ordinal);
        Assert.Contains($"W drzwiach powie hasło: {word}.", Assert.Single(contacts).Body, StringComparison.Ordinal);
        Assert.All(await kit.MessagesToAsync(Stranger), m => Assert.DoesNotContain(word, m.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Confirmed_FollowerByEmail_DayBeforeEmailHasNoDoorWordInTextOrSubject()
    {
        await using var kit = await Kit.CreateAsync();
        var id = await kit.AddRequestWithContactAsync();
        await kit.Subscriptions.SubscribeAsync(id, "email", "obcy@example.pl", Ct);
        await kit.Subscriptions.ConfirmAsync((await kit.SubscriptionAsync("obcy@example.pl")).Token, Ct);
        Assert.True((await kit.Visits.BookAsync(id, kit.Clerk, VisitDay, 10, 12)).Succeeded);

        await kit.RunDayBeforeAsync();

        var word = (await kit.Visits.RequestAsync(id)).Visits.Single().DoorWord!.ToUpperInvariant();
        var notice = Assert.Single(await kit.MessagesToAsync("obcy@example.pl"), m => m.Kind == NotificationKind.DayBefore);
        Assert.DoesNotContain(word, notice.Body, StringComparison.Ordinal);
        Assert.Equal($"Zgłoszenie {TrackingCode.Format(await kit.CodeOfAsync(id))}: przypomnienie o wizycie", notice.Subject);
    }

    [Fact]
    public async Task Confirmed_WithANumberTheRequestItselfHolds_MayHearTheDoorWord_AndNobodyIsTold()
    {
        // The resident's own phone, given in the form but not chosen for messages: a number the resident gave us.
        await using var kit = await Kit.CreateAsync();
        var id = await kit.AddRequestWithContactAsync();
        await kit.Subscriptions.SubscribeAsync(id, "sms", "600 100 200", Ct);
        await kit.Subscriptions.ConfirmAsync((await kit.SubscriptionAsync("+48600100200")).Token, Ct);
        Assert.Empty(await kit.MessagesToAsync(Contact));
        Assert.True((await kit.Visits.BookAsync(id, kit.Clerk, VisitDay, 10, 12)).Succeeded);

        await kit.RunDayBeforeAsync();

        var word = (await kit.Visits.RequestAsync(id)).Visits.Single().DoorWord!.ToUpperInvariant();
        Assert.Contains(word, Assert.Single(await kit.MessagesToAsync("+48600100200"), m => m.Kind == NotificationKind.DayBefore).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_RequestWhoseContactAskedForCalls_TheNoticeWaitsOnTheCallListForTheContactPhone()
    {
        await using var kit = await Kit.CreateAsync();
        var id = await kit.Visits.AddRequestAsync(relation: SubmitterRelation.Neighbour);
        await kit.Subscriptions.SubscribeAsync(id, "email", "obcy@example.pl", Ct);

        await kit.Subscriptions.ConfirmAsync((await kit.SubscriptionAsync("obcy@example.pl")).Token, Ct);

        var item = Assert.Single(await new CallList(kit.Visits.Database, kit.Visits.Audit, kit.Visits.Clock, new OutboxSignal()).ListAsync(VisitTestKit.Coordinator, Ct));
        Assert.Equal((NotificationKind.FollowerAdded, OutboxState.AwaitingStaff, Contact), (item.Kind, item.State, item.CallPhone));
        Assert.Contains("adres o...@example.pl", item.Body, StringComparison.Ordinal);
        Assert.Contains("/powiadomienia/usun/", item.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_ByTheContactsLink_StopsTheFollowerAndTheirWaitingMessages_OnceOnly()
    {
        await using var kit = await Kit.CreateAsync();
        var id = await kit.AddRequestWithContactAsync();
        await kit.Subscriptions.SubscribeAsync(id, "sms", "601 202 303", Ct);
        var follower = await kit.SubscriptionAsync(Stranger);
        await kit.Subscriptions.ConfirmAsync(follower.Token, Ct);
        Assert.Empty(await kit.Actions.AskForInformationAsync(VisitTestKit.Coordinator, id, "Prosimy o numer dowodu", Ct));

        var view = await kit.Subscriptions.FindForRemovalAsync(follower.RemovalToken, Ct);
        Assert.Equal(new FollowerRemovalView(TrackingCode.Format(await kit.CodeOfAsync(id)), NotificationChannel.Sms, "••• ••• 303", true), view);

        Assert.Equal(StopOutcome.Stopped, await kit.Subscriptions.RemoveAsync(follower.RemovalToken, Ct));
        Assert.Equal(StopOutcome.AlreadyStopped, await kit.Subscriptions.RemoveAsync(follower.RemovalToken, Ct));
        Assert.Equal(StopOutcome.NotFound, await kit.Subscriptions.RemoveAsync(follower.Token, Ct));

        Assert.False((await kit.SubscriptionAsync(Stranger, active: false)).IsActive);
        Assert.Equal(OutboxState.Obsolete, Assert.Single(await kit.MessagesToAsync(Stranger), m => m.Kind == NotificationKind.InformationNeeded).State);
        Assert.False((await kit.Subscriptions.FindForRemovalAsync(follower.RemovalToken, Ct))!.IsActive);
    }

    [Fact]
    public async Task Confirm_Twice_OneNotice_AndAStoppedOrUnknownLinkConfirmsNothing()
    {
        await using var kit = await Kit.CreateAsync();
        var id = await kit.AddRequestWithContactAsync();
        await kit.Subscriptions.SubscribeAsync(id, "sms", "601 202 303", Ct);
        await kit.Subscriptions.SubscribeAsync(id, "email", "obcy@example.pl", Ct);
        var sms = await kit.SubscriptionAsync(Stranger);
        var email = await kit.SubscriptionAsync("obcy@example.pl");

        Assert.Equal(FollowerLinkState.Confirmed, await kit.Subscriptions.ConfirmAsync(sms.Token, Ct));
        Assert.Equal(FollowerLinkState.Confirmed, await kit.Subscriptions.ConfirmAsync(sms.Token, Ct));
        Assert.Equal(StopOutcome.Stopped, await kit.Subscriptions.StopAsync(email.Token, Ct));
        Assert.Equal(FollowerLinkState.Stopped, await kit.Subscriptions.ConfirmAsync(email.Token, Ct));
        Assert.Null(await kit.Subscriptions.ConfirmAsync("nieznanylink2345", Ct));

        Assert.Single(await kit.MessagesToAsync(Contact));
        Assert.Equal(FollowerLinkState.Stopped, (await kit.Subscriptions.FindForConfirmationAsync(email.Token, Ct))!.State);
        Assert.Equal(new FollowerConfirmationView(TrackingCode.Format(await kit.CodeOfAsync(id)), NotificationChannel.Sms, "••• ••• 303", FollowerLinkState.Confirmed), await kit.Subscriptions.FindForConfirmationAsync(sms.Token, Ct));
    }

    [Fact]
    public async Task Confirm_AfterTheLinkLapsed_IsExpiredAndSendsNothing_ThenTheSameNumberMaySignUpAgain()
    {
        await using var kit = await Kit.CreateAsync();
        var id = await kit.AddRequestWithContactAsync();
        await kit.Subscriptions.SubscribeAsync(id, "sms", "601 202 303", Ct);
        var lapsed = await kit.SubscriptionAsync(Stranger);

        kit.Visits.Clock.Advance(TimeSpan.FromHours(72));

        Assert.Equal(FollowerLinkState.Expired, (await kit.Subscriptions.FindForConfirmationAsync(lapsed.Token, Ct))!.State);
        Assert.Equal(FollowerLinkState.Expired, await kit.Subscriptions.ConfirmAsync(lapsed.Token, Ct));
        Assert.Empty(await kit.MessagesToAsync(Contact));
        Assert.Equal(SubscribeOutcome.Subscribed, (await kit.Subscriptions.SubscribeAsync(id, "sms", "601 202 303", Ct)).Outcome);
    }

    [Fact]
    public async Task Confirm_ClosedRequest_IsClosedAndSendsNothing()
    {
        await using var kit = await Kit.CreateAsync();
        var id = await kit.AddRequestWithContactAsync();
        await kit.Subscriptions.SubscribeAsync(id, "sms", "601 202 303", Ct);
        Assert.Empty(await kit.Actions.CancelAsync(VisitTestKit.Coordinator, id, "Mieszkaniec zrezygnował", Ct));
        var cancelled = (await kit.MessagesToAsync(Contact)).Count;

        Assert.Equal(FollowerLinkState.Closed, await kit.Subscriptions.ConfirmAsync((await kit.SubscriptionAsync(Stranger)).Token, Ct));
        Assert.Equal(cancelled, (await kit.MessagesToAsync(Contact)).Count);
        Assert.Single(await kit.MessagesToAsync(Stranger));
    }

    [Fact]
    public async Task SignUp_OneNumberOnManyRequests_AtMostThreeADay_ThenAgainTheNextDay()
    {
        await using var kit = await Kit.CreateAsync();
        var requests = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            requests.Add(await kit.AddRequestWithContactAsync());
        }

        var outcomes = new List<SubscribeResult>();
        foreach (var id in requests.Take(4))
        {
            outcomes.Add(await kit.Subscriptions.SubscribeAsync(id, "sms", "601 202 303", Ct));
            kit.Visits.Clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal([SubscribeOutcome.Subscribed, SubscribeOutcome.Subscribed, SubscribeOutcome.Subscribed, SubscribeOutcome.Refused], outcomes.Select(o => o.Outcome));
        var error = Assert.Single(outcomes[3].Errors);
        Assert.Equal((Subscriptions.AddressField, "Address_DailyLimit"), (error.Field, error.Code));
        Assert.Equal(3, (await kit.MessagesToAsync(Stranger)).Count);

        // The same for e-mail, whatever its capitals; another address is not held back.
        foreach (var (id, address) in requests.Take(3).Select(id => (id, "Obcy@Example.pl")).Append((requests[3], "OBCY@example.pl")))
        {
            outcomes.Add(await kit.Subscriptions.SubscribeAsync(id, "email", address, Ct));
        }

        Assert.Equal(SubscribeOutcome.Refused, outcomes[^1].Outcome);
        Assert.Equal(SubscribeOutcome.Subscribed, (await kit.Subscriptions.SubscribeAsync(requests[4], "sms", "602 303 404", Ct)).Outcome);

        // A day after the first sign-up, one more may come.
        kit.Visits.Clock.Advance(TimeSpan.FromHours(21));
        Assert.Equal(SubscribeOutcome.Subscribed, (await kit.Subscriptions.SubscribeAsync(requests[3], "sms", "601 202 303", Ct)).Outcome);
    }

    [Fact]
    public async Task SignUp_SameNumberPostedTenTimesAtOnce_OneFollowerAndOneMessage()
    {
        // A double click, or a script: the number still gets exactly one message.
        await using var kit = await Kit.CreateAsync();
        var id = await kit.AddRequestWithContactAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => kit.Subscriptions.SubscribeAsync(id, "sms", "601 202 303", Ct), Ct)));

        Assert.Single(outcomes, o => o.Outcome == SubscribeOutcome.Subscribed);
        Assert.All(outcomes.Where(o => o.Outcome != SubscribeOutcome.Subscribed), o => Assert.Equal(SubscribeOutcome.AwaitingConfirmation, o.Outcome));
        Assert.Single(await kit.MessagesToAsync(Stranger));
    }

    [Fact]
    public async Task Confirm_TwoClicksAtOnce_TheContactIsToldOnce()
    {
        await using var kit = await Kit.CreateAsync();
        var id = await kit.AddRequestWithContactAsync();
        await kit.Subscriptions.SubscribeAsync(id, "sms", "601 202 303", Ct);
        var token = (await kit.SubscriptionAsync(Stranger)).Token;

        var states = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => kit.Subscriptions.ConfirmAsync(token, Ct), Ct)));

        Assert.All(states, s => Assert.Equal(FollowerLinkState.Confirmed, s));
        Assert.Single(await kit.MessagesToAsync(Contact));
    }

    [Fact]
    public async Task SignUp_TheLimitComesFromTheSettings()
    {
        await using var kit = await Kit.CreateAsync(new NotificationOptions { PublicSiteUrl = TestOutbox.SiteUrl, FollowerSignUpsPerAddressPerDay = 1 });
        var first = await kit.AddRequestWithContactAsync();
        var second = await kit.AddRequestWithContactAsync();

        Assert.Equal(SubscribeOutcome.Subscribed, (await kit.Subscriptions.SubscribeAsync(first, "sms", "601 202 303", Ct)).Outcome);
        Assert.Equal(SubscribeOutcome.Refused, (await kit.Subscriptions.SubscribeAsync(second, "sms", "601 202 303", Ct)).Outcome);
    }

    [Fact]
    public async Task ConfirmationFormNeedsDigits_OnceTheRequestIsOlderThanTenMinutes()
    {
        await using var kit = await Kit.CreateAsync();
        var id = await kit.AddRequestWithContactAsync(filedMinutesAgo: 0);

        Assert.False(await kit.Subscriptions.ConfirmationFormNeedsDigitsAsync(id, Ct));
        kit.Visits.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.False(await kit.Subscriptions.ConfirmationFormNeedsDigitsAsync(id, Ct));
        kit.Visits.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await kit.Subscriptions.ConfirmationFormNeedsDigitsAsync(id, Ct));
        Assert.True(await kit.Subscriptions.ConfirmationFormNeedsDigitsAsync(-1, Ct));
    }

    /// <summary>The visits kit, with a clerk, the request actions, the day-before job and the follower service on one clock.</summary>
    private sealed class Kit : IAsyncDisposable
    {
        private Kit(VisitTestKit visits, Staff.StaffActor clerk, IOptions<NotificationOptions> options)
        {
            Visits = visits;
            Clerk = clerk;
            Options = options;
            var outbox = new NotificationOutbox(options, visits.Clock);
            Subscriptions = new Subscriptions(visits.Database, outbox, options, visits.Clock, NullLogger<Subscriptions>.Instance);
            Actions = new RequestActions(visits.Database, visits.Audit, visits.Clock, outbox);
        }

        public VisitTestKit Visits { get; }

        public Staff.StaffActor Clerk { get; }

        public IOptions<NotificationOptions> Options { get; }

        public Subscriptions Subscriptions { get; }

        public RequestActions Actions { get; }

        public static async Task<Kit> CreateAsync(NotificationOptions? options = null)
        {
            var visits = await VisitTestKit.CreateAsync(Start);
            var clerk = await visits.AddClerkAsync("Tomasz Wiśniewski");
            return new Kit(visits, clerk, Microsoft.Extensions.Options.Options.Create(options ?? new NotificationOptions { PublicSiteUrl = TestOutbox.SiteUrl }));
        }

        /// <summary>A request filed by a neighbour who chose SMS to their own phone, subscribed as filing does, in review.</summary>
        public async Task<int> AddRequestWithContactAsync(int filedMinutesAgo = 60 * 24)
        {
            await using var db = Visits.Database.CreateDbContext();
            var request = TestRequests.New(await db.Matters.Select(m => m.Id).FirstAsync(Ct));
            request.SubmitterRelation = SubmitterRelation.Neighbour;
            request.SubmitterName = "Piotr Sąsiad";
            request.SubmitterPhone = Contact;
            request.ResidentConsent = true;
            request.ContactChannel = ContactChannel.Sms;
            request.RecordSubmission("mieszkaniec", Visits.Clock.GetUtcNow().AddMinutes(-filedMinutesAgo));
            request.MoveTo(RequestStatus.InReview, VisitTestKit.Coordinator.DisplayName, null, Visits.Clock.GetUtcNow());
            new NotificationOutbox(Options, Visits.Clock).SubscribeContact(request);
            db.VisitRequests.Add(request);
            await db.SaveChangesAsync(Ct);
            return request.Id;
        }

        public async Task<NotificationSubscription> SubscriptionAsync(string address, bool active = true)
        {
            await using var db = Visits.Database.CreateDbContext();
            return await db.Subscriptions.AsNoTracking().Where(s => s.Address == address && (!active || s.StoppedAt == null)).OrderBy(s => s.Id).LastAsync(Ct);
        }

        public async Task<List<OutboxMessage>> MessagesToAsync(string recipient)
        {
            await using var db = Visits.Database.CreateDbContext();
            return await db.Outbox.AsNoTracking().Where(m => m.Recipient == recipient).OrderBy(m => m.Id).ToListAsync(Ct);
        }

        public async Task<string> CodeOfAsync(int requestId)
        {
            await using var db = Visits.Database.CreateDbContext();
            return await db.VisitRequests.Where(r => r.Id == requestId).Select(r => r.TrackingCode).SingleAsync(Ct);
        }

        /// <summary>The day-before job at 10:00 on the working day before the visit.</summary>
        public async Task RunDayBeforeAsync()
        {
            Visits.Clock.Advance(VisitTestKit.Warsaw(2026, 11, 9, 10) - Visits.Clock.GetUtcNow());
            await new DayBeforeNotices(Visits.Database, new NotificationOutbox(Options, Visits.Clock), Options, Visits.Clock, NullLogger<DayBeforeNotices>.Instance).RunAsync(Ct);
        }

        public ValueTask DisposeAsync() => Visits.DisposeAsync();
    }
}
