using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Core.Requests;

namespace MobilnyUrzednik.Core.Notifications;

public class SubscriptionsTests
{
    private static readonly ResourceManager Messages = new("MobilnyUrzednik.Core.Notifications.SubscriptionMessages", typeof(Subscriptions).Assembly);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("600 100 200")]
    [InlineData("+48 600-100-200")]
    [InlineData("0048 600100200")]
    [InlineData("600-100-200")]
    public async Task SubscribeAsync_MobileNumberInAnyUsualFormat_AddsOneFollowerAwaitingConfirmationAndTheOneMessageInOneSave(string typed)
    {
        await using var kit = await Kit.CreateAsync();
        var requestId = await kit.AddRequestAsync();

        var result = await kit.Subscriptions.SubscribeAsync(requestId, "sms", typed, Ct);

        Assert.Equal(SubscribeOutcome.Subscribed, result.Outcome);
        Assert.True(result.Succeeded);
        Assert.Empty(result.Errors);
        Assert.Equal(NotificationChannel.Sms, result.Channel);
        Assert.Equal("600 100 200", result.Address);

        await using var db = kit.Database.CreateDbContext();
        var subscription = await db.Subscriptions.SingleAsync(Ct);
        Assert.Equal(requestId, subscription.VisitRequestId);
        Assert.Equal(NotificationChannel.Sms, subscription.Channel);
        Assert.Equal("+48600100200", subscription.Address);
        Assert.False(subscription.IsRequestContact);
        Assert.True(subscription.IsActive);
        Assert.True(subscription.AwaitingConfirmation);
        Assert.False(subscription.ReceivesNews);
        Assert.Null(subscription.ConfirmedAt);
        Assert.Equal(kit.Clock.GetUtcNow(), subscription.CreatedAt);
        Assert.Equal(20, subscription.Token.Length);
        Assert.Equal(20, subscription.RemovalToken!.Length);
        Assert.NotEqual(subscription.Token, subscription.RemovalToken);

        var message = await db.Outbox.SingleAsync(Ct);
        Assert.Equal(NotificationKind.Subscribed, message.Kind);
        Assert.Equal(NotificationChannel.Sms, message.Channel);
        Assert.Equal(subscription.Id, message.SubscriptionId);
        Assert.Equal(requestId, message.VisitRequestId);
        Assert.Equal("+48600100200", message.Recipient);
        Assert.Equal(OutboxState.Pending, message.State);
        Assert.Null(message.Subject);
        Assert.Equal(
            $"Gmina Przykładowo: ktoś chce, żeby ten numer dostawał SMS-y o zgłoszeniu {TrackingCode.Format(await kit.CodeOfAsync(requestId))}. Jeśli to Ty, potwierdź: {TestOutbox.SiteUrl}/powiadomienia/potwierdz/{subscription.Token} Jeśli nie, nic nie rób – nie wyślemy nic więcej.",
            message.Body);

        // One save wrote both rows: a follower never exists without the message that asks them to confirm.
        var save = Assert.Single(kit.Saves);
        Assert.Equal(1, save.Subscriptions);
        Assert.Equal(1, save.Messages);
    }

    [Fact]
    public async Task SubscribeAsync_Email_StoresTheDomainInLowerCaseAndQueuesAnEmailWithTheStopLink()
    {
        await using var kit = await Kit.CreateAsync();
        var requestId = await kit.AddRequestAsync();

        var result = await kit.Subscriptions.SubscribeAsync(requestId, "email", "  Jan.Nowak@Example.PL ", Ct);

        Assert.Equal(SubscribeOutcome.Subscribed, result.Outcome);
        Assert.Equal(NotificationChannel.Email, result.Channel);
        Assert.Equal("Jan.Nowak@example.pl", result.Address);
        await using var db = kit.Database.CreateDbContext();
        var subscription = await db.Subscriptions.SingleAsync(Ct);
        Assert.Equal("Jan.Nowak@example.pl", subscription.Address);
        var message = await db.Outbox.SingleAsync(Ct);
        Assert.Equal(NotificationChannel.Email, message.Channel);
        Assert.Equal(NotificationKind.Subscribed, message.Kind);
        Assert.Equal("Jan.Nowak@example.pl", message.Recipient);
        Assert.False(string.IsNullOrWhiteSpace(message.Subject));
        Assert.Contains("ktoś chce, żeby ten adres dostawał wiadomości", message.Body, StringComparison.Ordinal);
        Assert.Contains($"{TestOutbox.SiteUrl}/powiadomienia/potwierdz/{subscription.Token}", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("/powiadomienia/stop/", message.Body, StringComparison.Ordinal);
        Assert.Single(kit.Saves);
    }

    [Theory]
    [InlineData(null, "600 100 200", Subscriptions.ChannelField, "Channel_Required", "Wybierz, jak wysyłać wiadomości: SMS-em albo e-mailem")]
    [InlineData("fax", "600 100 200", Subscriptions.ChannelField, "Channel_Required", "Wybierz, jak wysyłać wiadomości: SMS-em albo e-mailem")]
    [InlineData("SMS", "600 100 200", Subscriptions.ChannelField, "Channel_Required", "Wybierz, jak wysyłać wiadomości: SMS-em albo e-mailem")]
    [InlineData("sms", "", Subscriptions.AddressField, "Address_SmsRequired", "Wpisz numer telefonu komórkowego, na przykład 600 100 200")]
    [InlineData("email", "   ", Subscriptions.AddressField, "Address_EmailRequired", "Wpisz adres e-mail, na przykład jan.nowak@example.pl")]
    [InlineData("email", "<b>jan@example.pl</b>", Subscriptions.AddressField, "Address_Markup", "Wpisz sam numer albo adres, bez znaków w nawiasach < >")]
    [InlineData("sms", "600 100", Subscriptions.AddressField, "Address_SmsInvalid", "Wpisz poprawny numer telefonu komórkowego, na przykład 600 100 200 albo +48 600 100 200")]
    [InlineData("sms", "jan.nowak@example.pl", Subscriptions.AddressField, "Address_SmsLooksLikeEmail", "To wygląda na adres e-mail. Wybierz „E-mailem” albo wpisz numer telefonu komórkowego.")]
    [InlineData("sms", "+44 7911 123456", Subscriptions.AddressField, "Address_SmsNotPolish", "SMS-y wysyłamy tylko na polskie numery komórkowe. Wpisz polski numer albo wybierz „E-mailem”.")]
    [InlineData("sms", "22 123 45 67", Subscriptions.AddressField, "Address_SmsLandline", "Na telefon stacjonarny nie wyślemy SMS-a. Wpisz numer komórki albo wybierz „E-mailem”.")]
    [InlineData("email", "jan.nowak@", Subscriptions.AddressField, "Address_EmailInvalid", "Wpisz poprawny adres e-mail, na przykład jan.nowak@example.pl")]
    [InlineData("email", "jan nowak@example.pl", Subscriptions.AddressField, "Address_EmailInvalid", "Wpisz poprawny adres e-mail, na przykład jan.nowak@example.pl")]
    [InlineData("email", "600 100 200", Subscriptions.AddressField, "Address_EmailLooksLikePhone", "To wygląda na numer telefonu. Wybierz „SMS-em” albo wpisz adres e-mail.")]
    public async Task SubscribeAsync_InvalidAnswer_IsRefusedAtItsFieldWithAPlainPolishMessageAndStoresNothing(
        string? channel, string address, string field, string code, string polish)
    {
        await using var kit = await Kit.CreateAsync();
        var requestId = await kit.AddRequestAsync();

        var result = await kit.Subscriptions.SubscribeAsync(requestId, channel, address, Ct);

        Assert.Equal(SubscribeOutcome.Refused, result.Outcome);
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(code, error.Code);
        Assert.Equal(polish, Polish(error));
        await kit.AssertNothingStoredAsync();
    }

    [Fact]
    public async Task SubscribeAsync_NoChoiceAndNothingTyped_NamesBothFields()
    {
        await using var kit = await Kit.CreateAsync();
        var requestId = await kit.AddRequestAsync();

        var result = await kit.Subscriptions.SubscribeAsync(requestId, null, null, Ct);

        Assert.Equal(
            [(Subscriptions.ChannelField, "Channel_Required"), (Subscriptions.AddressField, "Address_Required")],
            result.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal("Wpisz numer telefonu komórkowego albo adres e-mail", Polish(result.Errors[1]));
        await kit.AssertNothingStoredAsync();
    }

    [Fact]
    public async Task SubscribeAsync_TooLong_SaysTheLimitAndTheLength()
    {
        await using var kit = await Kit.CreateAsync();
        var requestId = await kit.AddRequestAsync();
        var address = new string('a', 250) + "@x.pl";

        var result = await kit.Subscriptions.SubscribeAsync(requestId, "email", address, Ct);

        var error = Assert.Single(result.Errors);
        Assert.Equal("Address_TooLong", error.Code);
        Assert.Equal([Subscriptions.AddressMaxLength, 255], error.Args);
        Assert.Equal("Numer albo adres może mieć najwyżej 254 znaków. Teraz ma 255.", Polish(error));
        await kit.AssertNothingStoredAsync();
    }

    [Fact]
    public void Messages_EveryPolishMessage_HasAnEnglishOne()
    {
        var polish = Messages.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        var english = Messages.GetResourceSet(CultureInfo.GetCultureInfo("en"), createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);

        Assert.Equal(15, polish.Count);
        Assert.Equal(polish.Keys.Order(), english.Keys.Order());
        Assert.All(english, e => Assert.NotEqual(polish[e.Key], e.Value));
    }

    [Fact]
    public async Task SubscribeAsync_SameNumberAgainInAnotherFormat_SaysItAwaitsConfirmationWithoutASecondSubscriptionOrMessage()
    {
        await using var kit = await Kit.CreateAsync();
        var requestId = await kit.AddRequestAsync();
        await kit.Subscriptions.SubscribeAsync(requestId, "sms", "600 100 200", Ct);

        var again = await kit.Subscriptions.SubscribeAsync(requestId, "sms", "+48 600-100-200", Ct);

        Assert.Equal(SubscribeOutcome.AwaitingConfirmation, again.Outcome);
        Assert.True(again.Succeeded);
        Assert.Equal("600 100 200", again.Address);
        await using var db = kit.Database.CreateDbContext();
        Assert.Equal(1, await db.Subscriptions.CountAsync(Ct));
        Assert.Equal(1, await db.Outbox.CountAsync(Ct));
    }

    [Fact]
    public async Task SubscribeAsync_SameEmailInOtherCapitals_IsTheSameSubscriber()
    {
        await using var kit = await Kit.CreateAsync();
        var requestId = await kit.AddRequestAsync();
        await kit.Subscriptions.SubscribeAsync(requestId, "email", "jan.nowak@example.pl", Ct);

        var again = await kit.Subscriptions.SubscribeAsync(requestId, "email", "JAN.NOWAK@EXAMPLE.PL", Ct);

        Assert.Equal(SubscribeOutcome.AwaitingConfirmation, again.Outcome);
        await using var db = kit.Database.CreateDbContext();
        Assert.Equal(1, await db.Subscriptions.CountAsync(Ct));
        Assert.Equal(1, await db.Outbox.CountAsync(Ct));
    }

    [Fact]
    public async Task SubscribeAsync_TheRequestsOwnSmsContact_IsAlreadySubscribed()
    {
        await using var kit = await Kit.CreateAsync();
        var requestId = await kit.AddRequestAsync(request =>
        {
            request.ContactChannel = ContactChannel.Sms;
            kit.Outbox.SubscribeContact(request);
        });

        var result = await kit.Subscriptions.SubscribeAsync(requestId, "sms", "600100200", Ct);

        Assert.Equal(SubscribeOutcome.AlreadySubscribed, result.Outcome);
        await using var db = kit.Database.CreateDbContext();
        Assert.True((await db.Subscriptions.SingleAsync(Ct)).IsRequestContact);
        Assert.Equal(0, await db.Outbox.CountAsync(Ct));
    }

    [Fact]
    public async Task SubscribeAsync_SameNumberOnAnotherChannelOrRequest_IsANewSubscription()
    {
        await using var kit = await Kit.CreateAsync();
        var first = await kit.AddRequestAsync();
        var second = await kit.AddRequestAsync();
        await kit.Subscriptions.SubscribeAsync(first, "sms", "600 100 200", Ct);

        Assert.Equal(SubscribeOutcome.Subscribed, (await kit.Subscriptions.SubscribeAsync(second, "sms", "600 100 200", Ct)).Outcome);
        Assert.Equal(SubscribeOutcome.Subscribed, (await kit.Subscriptions.SubscribeAsync(first, "email", "jan.nowak@example.pl", Ct)).Outcome);
        await using var db = kit.Database.CreateDbContext();
        Assert.Equal(3, await db.Subscriptions.CountAsync(Ct));
        Assert.Equal(3, await db.Outbox.CountAsync(m => m.Kind == NotificationKind.Subscribed, Ct));
    }

    [Fact]
    public async Task SubscribeAsync_StoppedNumberAsksAgain_GetsANewActiveSubscriptionWithANewLink()
    {
        await using var kit = await Kit.CreateAsync();
        var requestId = await kit.AddRequestAsync();
        await kit.Subscriptions.SubscribeAsync(requestId, "sms", "600 100 200", Ct);
        var oldToken = await kit.TokenOfAsync("+48600100200");
        Assert.Equal(StopOutcome.Stopped, await kit.Subscriptions.StopAsync(oldToken, Ct));

        var result = await kit.Subscriptions.SubscribeAsync(requestId, "sms", "600 100 200", Ct);

        Assert.Equal(SubscribeOutcome.Subscribed, result.Outcome);
        await using var db = kit.Database.CreateDbContext();
        var all = await db.Subscriptions.OrderBy(s => s.Id).ToListAsync(Ct);
        Assert.Equal(2, all.Count);
        Assert.False(all[0].IsActive);
        Assert.True(all[1].IsActive);
        Assert.NotEqual(all[0].Token, all[1].Token);
        Assert.False((await kit.Subscriptions.FindByTokenAsync(oldToken, Ct))!.IsActive);
    }

    [Fact]
    public async Task SubscribeAsync_FiveAlreadyFollow_RefusesTheSixthUntilOneStops()
    {
        await using var kit = await Kit.CreateAsync();
        var requestId = await kit.AddRequestAsync(request =>
        {
            request.ContactChannel = ContactChannel.Sms;
            kit.Outbox.SubscribeContact(request);
        });
        for (var i = 1; i < NotificationOutbox.MaxSubscriptionsPerRequest; i++)
        {
            Assert.Equal(SubscribeOutcome.Subscribed, (await kit.Subscriptions.SubscribeAsync(requestId, "email", $"osoba{i}@example.pl", Ct)).Outcome);
        }

        var sixth = await kit.Subscriptions.SubscribeAsync(requestId, "sms", "601 202 303", Ct);

        var error = Assert.Single(sixth.Errors);
        Assert.Equal(Subscriptions.AddressField, error.Field);
        Assert.Equal("Subscriptions_Full", error.Code);
        Assert.Equal(
            "Wiadomości o tym zgłoszeniu dostaje już 5 osób. Więcej nie możemy zapisać. Ktoś z nich może wyłączyć wiadomości linkiem z wiadomości.",
            Polish(error));

        // One who already signed up is still told so (awaiting confirmation), not refused.
        Assert.Equal(SubscribeOutcome.AwaitingConfirmation, (await kit.Subscriptions.SubscribeAsync(requestId, "email", "osoba1@example.pl", Ct)).Outcome);

        await kit.Subscriptions.StopAsync(await kit.TokenOfAsync("osoba2@example.pl"), Ct);
        Assert.Equal(SubscribeOutcome.Subscribed, (await kit.Subscriptions.SubscribeAsync(requestId, "sms", "601 202 303", Ct)).Outcome);
        await using var db = kit.Database.CreateDbContext();
        Assert.Equal(NotificationOutbox.MaxSubscriptionsPerRequest, await db.Subscriptions.CountAsync(s => s.StoppedAt == null, Ct));
    }

    [Theory]
    [InlineData(RequestStatus.Cancelled)]
    [InlineData(RequestStatus.Rejected)]
    [InlineData(RequestStatus.Completed)]
    public async Task SubscribeAsync_ClosedRequest_IsRefusedWithAPlainMessage(RequestStatus closed)
    {
        await using var kit = await Kit.CreateAsync();
        var requestId = await kit.AddRequestAsync(request =>
        {
            var path = closed switch
            {
                RequestStatus.Completed => new[] { RequestStatus.InReview, RequestStatus.VisitScheduled, RequestStatus.VisitConfirmed, RequestStatus.Completed },
                _ => [closed],
            };
            foreach (var status in path)
            {
                request.MoveTo(status, "Anna Kowalska", status == RequestStatus.Rejected ? "Ta sprawa wymaga wizyty w sądzie." : null, kit.Clock.GetUtcNow());
            }
        });

        var result = await kit.Subscriptions.SubscribeAsync(requestId, "sms", "600 100 200", Ct);

        var error = Assert.Single(result.Errors);
        Assert.Equal(Subscriptions.ChannelField, error.Field);
        Assert.Equal("Request_Closed", error.Code);
        Assert.Equal("To zgłoszenie jest zakończone, więc nie wysyłamy już o nim wiadomości. Jeśli masz pytania, zadzwoń do urzędu.", Polish(error));
        await kit.AssertNothingStoredAsync();
    }

    [Fact]
    public async Task SubscribeAsync_AnonymisedOrUnknownRequest_IsRefusedAsClosed()
    {
        await using var kit = await Kit.CreateAsync();
        var anonymised = await kit.AddRequestAsync(request => request.AnonymisedAt = kit.Clock.GetUtcNow());

        var result = await kit.Subscriptions.SubscribeAsync(anonymised, "sms", "600 100 200", Ct);
        var unknown = await kit.Subscriptions.SubscribeAsync(anonymised + 1000, "sms", "600 100 200", Ct);

        Assert.Equal("Request_Closed", Assert.Single(result.Errors).Code);
        Assert.Equal("Request_Closed", Assert.Single(unknown.Errors).Code);
        await kit.AssertNothingStoredAsync();
    }

    [Fact]
    public async Task FindByTokenAsync_Sms_ShowsTheCodeTheChannelAndTheLastThreeDigitsOnly()
    {
        await using var kit = await Kit.CreateAsync();
        var requestId = await kit.AddRequestAsync();
        await kit.Subscriptions.SubscribeAsync(requestId, "sms", "600 100 200", Ct);
        var token = await kit.TokenOfAsync("+48600100200");

        var view = await kit.Subscriptions.FindByTokenAsync(token, Ct);

        Assert.NotNull(view);
        Assert.Equal(TrackingCode.Format(await kit.CodeOfAsync(requestId)), view.TrackingCode);
        Assert.Matches("^[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{2}$", view.TrackingCode);
        Assert.Equal(NotificationChannel.Sms, view.Channel);
        Assert.Equal("••• ••• 200", view.MaskedAddress);
        Assert.True(view.IsActive);

        // A link retyped by hand may gain capitals and spaces.
        Assert.NotNull(await kit.Subscriptions.FindByTokenAsync($"  {token.ToUpperInvariant()} ", Ct));
    }

    [Fact]
    public async Task FindByTokenAsync_Email_ShowsTheFirstLetterAndTheDomain()
    {
        await using var kit = await Kit.CreateAsync();
        var requestId = await kit.AddRequestAsync();
        await kit.Subscriptions.SubscribeAsync(requestId, "email", "jan.nowak@example.pl", Ct);

        var view = await kit.Subscriptions.FindByTokenAsync(await kit.TokenOfAsync("jan.nowak@example.pl"), Ct);

        Assert.NotNull(view);
        Assert.Equal(NotificationChannel.Email, view.Channel);
        Assert.Equal("j•••@example.pl", view.MaskedAddress);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abcdefghijkmnpqrstuv")]
    [InlineData("../../etc/passwd")]
    [InlineData("abcdefghijkmnpqrstuvwxyz23456789abcdefgh")]
    public async Task FindByTokenAsync_UnknownOrMalformedToken_IsNull(string? token)
    {
        await using var kit = await Kit.CreateAsync();
        var requestId = await kit.AddRequestAsync();
        await kit.Subscriptions.SubscribeAsync(requestId, "sms", "600 100 200", Ct);

        Assert.Null(await kit.Subscriptions.FindByTokenAsync(token, Ct));
        Assert.Equal(StopOutcome.NotFound, await kit.Subscriptions.StopAsync(token, Ct));
        await using var db = kit.Database.CreateDbContext();
        Assert.True((await db.Subscriptions.SingleAsync(Ct)).IsActive);
    }

    [Fact]
    public async Task StopAsync_Twice_StopsOnceAndKeepsTheFirstTime()
    {
        await using var kit = await Kit.CreateAsync();
        var requestId = await kit.AddRequestAsync();
        await kit.Subscriptions.SubscribeAsync(requestId, "sms", "600 100 200", Ct);
        var token = await kit.TokenOfAsync("+48600100200");
        var stoppedAt = kit.Clock.GetUtcNow();

        Assert.Equal(StopOutcome.Stopped, await kit.Subscriptions.StopAsync(token, Ct));
        kit.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(StopOutcome.AlreadyStopped, await kit.Subscriptions.StopAsync(token, Ct));

        await using var db = kit.Database.CreateDbContext();
        Assert.Equal(stoppedAt, (await db.Subscriptions.SingleAsync(Ct)).StoppedAt);
        Assert.False((await kit.Subscriptions.FindByTokenAsync(token, Ct))!.IsActive);
    }

    [Fact]
    public async Task StopAsync_WaitingMessagesToThatSubscriber_AreNotSentButOthersAndOnesBeingSentAre()
    {
        await using var kit = await Kit.CreateAsync();
        var requestId = await kit.AddRequestAsync();
        await kit.Subscriptions.SubscribeAsync(requestId, "sms", "600 100 200", Ct);
        await kit.Subscriptions.SubscribeAsync(requestId, "email", "jan.nowak@example.pl", Ct);
        var token = await kit.TokenOfAsync("+48600100200");
        long beingSent;
        await using (var db = kit.Database.CreateDbContext())
        {
            // A second message to the SMS subscriber, claimed by a sender right now.
            var request = await db.VisitRequests.SingleAsync(r => r.Id == requestId, Ct);
            var subscriber = await db.Subscriptions.SingleAsync(s => s.Token == token, Ct);
            var message = await kit.Outbox.QueueForAsync(db, request, subscriber, NotificationKind.Received, ct: Ct);
            message.LeaseUntil = kit.Clock.GetUtcNow().AddMinutes(2);
            await db.SaveChangesAsync(Ct);
            beingSent = message.Id;
        }

        await kit.Subscriptions.StopAsync(token, Ct);

        await using var check = kit.Database.CreateDbContext();
        var states = await check.Outbox.OrderBy(m => m.Id).Select(m => new { m.Id, m.Recipient, m.State }).ToListAsync(Ct);
        Assert.Equal(OutboxState.Obsolete, states.Single(m => m.Recipient == "+48600100200" && m.Id != beingSent).State);
        Assert.Equal(OutboxState.Pending, states.Single(m => m.Id == beingSent).State);
        Assert.Equal(OutboxState.Pending, states.Single(m => m.Recipient == "jan.nowak@example.pl").State);
    }

    [Theory]
    [InlineData(NotificationChannel.Sms, "+48600100200", "••• ••• 200")]
    [InlineData(NotificationChannel.Sms, "+48221234567", "•• ••• •5 67")]
    [InlineData(NotificationChannel.Sms, "+447911123456", "•• •••• •••456")]
    [InlineData(NotificationChannel.Email, "jan.nowak@example.pl", "j•••@example.pl")]
    [InlineData(NotificationChannel.Email, "a@b.pl", "a•••@b.pl")]
    public void Mask_HidesAllButAHint(NotificationChannel channel, string address, string masked) =>
        Assert.Equal(masked, Subscriptions.Mask(channel, address));

    [Fact]
    public async Task SubscribeAndStop_NeverLogTheNumberOrTheAddress()
    {
        await using var kit = await Kit.CreateAsync();
        var requestId = await kit.AddRequestAsync();

        await kit.Subscriptions.SubscribeAsync(requestId, "sms", "600 100 200", Ct);
        await kit.Subscriptions.SubscribeAsync(requestId, "email", "jan.nowak@example.pl", Ct);
        await kit.Subscriptions.StopAsync(await kit.TokenOfAsync("+48600100200"), Ct);
        await kit.Subscriptions.StopAsync(await kit.TokenOfAsync("jan.nowak@example.pl"), Ct);

        Assert.Equal(4, kit.Log.Count);
        Assert.All(kit.Log, line =>
        {
            Assert.DoesNotContain("600", line, StringComparison.Ordinal);
            Assert.DoesNotContain("200", line, StringComparison.Ordinal);
            Assert.DoesNotContain("nowak", line, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("example", line, StringComparison.OrdinalIgnoreCase);
        });
    }

    private static string Polish(AnswerError error) =>
        string.Format(CultureInfo.GetCultureInfo("pl-PL"), Messages.GetString(error.Code, CultureInfo.GetCultureInfo("pl-PL"))!, error.Args);

    /// <summary>A database, a clock, the outbox and the matter, with every save and log line recorded.</summary>
    private sealed class Kit : IAsyncDisposable
    {
        private Kit(TestDatabase database)
        {
            Database = database;
            Outbox = TestOutbox.For(Clock);
            var factory = new RecordingFactory(database, Saves);
            Subscriptions = new Subscriptions(factory, Outbox, Microsoft.Extensions.Options.Options.Create(new NotificationOptions { PublicSiteUrl = TestOutbox.SiteUrl }), Clock, new ListLogger(Log));
        }

        public TestDatabase Database { get; }

        public FakeClock Clock { get; } = new();

        public NotificationOutbox Outbox { get; }

        public Subscriptions Subscriptions { get; }

        /// <summary>Each save the matter made: how many subscriptions and messages it added.</summary>
        public ConcurrentQueue<(int Subscriptions, int Messages)> Saves { get; } = new();

        public ConcurrentQueue<string> Log { get; } = new();

        public static async Task<Kit> CreateAsync() => new(await TestDatabase.CreateAsync());

        public async Task<int> AddRequestAsync(Action<VisitRequest>? adjust = null)
        {
            await using var db = Database.CreateDbContext();
            var request = TestRequests.New(await db.Matters.OrderBy(s => s.SortOrder).Select(s => s.Id).FirstAsync(Ct));
            request.RecordSubmission("mieszkaniec", Clock.GetUtcNow());
            adjust?.Invoke(request);
            db.VisitRequests.Add(request);
            await db.SaveChangesAsync(Ct);
            return request.Id;
        }

        public async Task<string> TokenOfAsync(string address)
        {
            await using var db = Database.CreateDbContext();
            return await db.Subscriptions.Where(s => s.Address == address && s.StoppedAt == null).Select(s => s.Token).SingleAsync(Ct);
        }

        public async Task<string> CodeOfAsync(int requestId)
        {
            await using var db = Database.CreateDbContext();
            return await db.VisitRequests.Where(r => r.Id == requestId).Select(r => r.TrackingCode).SingleAsync(Ct);
        }

        public async Task AssertNothingStoredAsync()
        {
            await using var db = Database.CreateDbContext();
            Assert.Equal(0, await db.Subscriptions.CountAsync(Ct));
            Assert.Equal(0, await db.Outbox.CountAsync(Ct));
            Assert.Empty(Saves);
        }

        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }

    /// <summary>The test database's contexts, each with an interceptor that records what every save adds.</summary>
    private sealed class RecordingFactory(TestDatabase database, ConcurrentQueue<(int, int)> saves) : IDbContextFactory<AppDbContext>
    {
        private readonly DbContextOptions<AppDbContext> _options = database.OptionsWith(new SaveRecorder(saves));

        public AppDbContext CreateDbContext() => new(_options);
    }

    private sealed class SaveRecorder(ConcurrentQueue<(int, int)> saves) : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var tracker = eventData.Context!.ChangeTracker;
            tracker.DetectChanges();
            saves.Enqueue((
                tracker.Entries<NotificationSubscription>().Count(e => e.State == EntityState.Added),
                tracker.Entries<OutboxMessage>().Count(e => e.State == EntityState.Added)));
            return ValueTask.FromResult(result);
        }
    }

    private sealed class ListLogger(ConcurrentQueue<string> lines) : ILogger<Subscriptions>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception) + " " + string.Join(' ', (state as IEnumerable<KeyValuePair<string, object?>> ?? []).Select(p => p.Value)));
    }
}
