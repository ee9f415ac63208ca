using Microsoft.Extensions.Options;
using MimeKit;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// Our side of the SMTP contract, over real TCP against <see cref="FakeSmtpServer"/>: what goes on the wire (envelope,
/// headers, UTF-8 text, the Message-ID from the key, one-click unsubscribe, a login only when configured) and what each
/// fault of a mail server becomes.
/// </summary>
public sealed class SmtpTransportContractTests : IAsyncLifetime
{
    private const string Sender = "mobilny@przykladowo.pl";
    private const string Recipient = "jan.kowalski@example.pl";
    private const string Subject = "Wizyta urzędnika: środa, źdźbło, żółw — ĄĆĘŁŃÓŚŹŻ";

    // Polish letters, a line that starts with a dot (dot-stuffing), and a link: what a real notice holds.
    private const string Body = "Dzień dobry,\nurzędnik przyjdzie w środę o 10:00.\nZażółć gęślą jaźń: ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ.\n.kropka na początku linii\nhttps://mobilny.przykladowo.pl/status/AB12CD\n";

    private const string StopUrl = "https://mobilny.przykladowo.pl/powiadomienia/stop/tok3n";

    private FakeSmtpServer _server = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await FakeSmtpServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Send_PutsEnvelopeHeadersAndUtf8TextOnTheWireIntact()
    {
        var result = await Transport().SendAsync(Message(), Ct);

        Assert.Equal(DeliveryResult.Delivered(), result);
        var received = Assert.Single(_server.Messages);
        Assert.Equal(Sender, received.MailFrom);
        Assert.Equal([Recipient], received.RcptTo);

        var mail = received.Parse();
        var from = Assert.IsType<MailboxAddress>(Assert.Single(mail.From));
        Assert.Equal("Urząd Gminy Przykładowo", from.Name);
        Assert.Equal(Sender, from.Address);
        Assert.Equal(Recipient, Assert.IsType<MailboxAddress>(Assert.Single(mail.To)).Address);
        Assert.Equal(Subject, mail.Subject);
        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);

        var text = Assert.IsType<TextPart>(mail.Body);
        Assert.True(text.IsPlain);
        Assert.Equal("utf-8", text.ContentType.Charset, ignoreCase: true);
        Assert.Equal(Body, text.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Send_MessageIdIsMadeFromTheKey_AndIsTheSameOnASecondSend()
    {
        var transport = Transport();

        await transport.SendAsync(Message(key: "a1b2c3d4e5f6"), Ct);
        await transport.SendAsync(Message(key: "a1b2c3d4e5f6"), Ct);
        await transport.SendAsync(Message(key: "dzien-przed-12-3"), Ct);

        var ids = _server.Messages.Select(m => m.Parse().Headers[HeaderId.MessageId]).ToList();
        Assert.Equal(["<a1b2c3d4e5f6@przykladowo.pl>", "<a1b2c3d4e5f6@przykladowo.pl>", "<dzien-przed-12-3@przykladowo.pl>"], ids);
    }

    [Fact]
    public async Task Send_WithStopUrl_OffersOneClickUnsubscribe()
    {
        await Transport().SendAsync(Message(stopUrl: StopUrl), Ct);

        var mail = Assert.Single(_server.Messages).Parse();
        Assert.Equal($"<{StopUrl}>", mail.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task Send_WithoutStopUrl_HasNoUnsubscribeHeaders()
    {
        await Transport().SendAsync(Message(stopUrl: null), Ct);

        var mail = Assert.Single(_server.Messages).Parse();
        Assert.False(mail.Headers.Contains("List-Unsubscribe"));
        Assert.False(mail.Headers.Contains("List-Unsubscribe-Post"));
    }

    [Fact]
    public async Task Send_WithCredentials_LogsInWithThem()
    {
        _server.RequireLogin("mobilny", "hasło-Ż1");

        var result = await Transport(userName: "mobilny", password: "hasło-Ż1").SendAsync(Message(), Ct);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        var login = Assert.Single(_server.Logins);
        Assert.Equal(("mobilny", "hasło-Ż1", true), (login.UserName, login.Password, login.Accepted));
        Assert.Equal(login, Assert.Single(_server.Messages).Login);
    }

    [Fact]
    public async Task Send_WithoutUserName_DoesNotLogIn()
    {
        // The server offers AUTH; the transport must not use it without credentials.
        await Transport(userName: null, password: "ignored").SendAsync(Message(), Ct);

        Assert.Empty(_server.Logins);
        Assert.Null(Assert.Single(_server.Messages).Login);
    }

    [Fact]
    public async Task Send_WrongPassword_IsTransientAuthAndSendsNothing()
    {
        _server.RequireLogin("mobilny", "dobre");

        var result = await Transport(userName: "mobilny", password: "złe").SendAsync(Message(), Ct);

        Assert.Equal(DeliveryResult.Transient("smtp-auth"), result);

        // MailKit tries each offered mechanism (PLAIN, then LOGIN) before it gives up.
        Assert.NotEmpty(_server.Logins);
        Assert.All(_server.Logins, l => Assert.Equal(("mobilny", "złe", false), (l.UserName, l.Password, l.Accepted)));
        Assert.Empty(_server.Messages);
    }

    [Fact]
    public async Task Send_ServerWantsALoginNoneConfigured_IsTransientAuth()
    {
        _server.RequireLogin("mobilny", "dobre");

        var result = await Transport().SendAsync(Message(), Ct);

        Assert.Equal(DeliveryResult.Transient("smtp-auth"), result);
        Assert.Empty(_server.Messages);
    }

    [Theory]
    [InlineData(550)]
    [InlineData(551)]
    [InlineData(553)]
    [InlineData(501)]
    public async Task Send_RecipientMailboxRefused_IsPermanent(int code)
    {
        _server.RejectRecipient(Recipient, code);

        var result = await Transport().SendAsync(Message(), Ct);

        Assert.Equal(DeliveryResult.Permanent($"smtp-5xx-{code}"), result);
        Assert.Empty(_server.Messages);
    }

    [Theory]
    [InlineData(450, "smtp-4xx-450")]
    [InlineData(452, "smtp-4xx-452")]
    [InlineData(552, "smtp-5xx-552")]
    [InlineData(554, "smtp-5xx-554")]
    public async Task Send_RecipientRefusedForNowOrNotAboutTheMailbox_IsTransient(int code, string error)
    {
        // 4xx is "later"; 552 on RCPT is to be taken as 452 (RFC 5321 4.5.3.1.10); 554 is the server's policy, for staff to look at.
        _server.RejectRecipient(Recipient, code);

        var result = await Transport().SendAsync(Message(), Ct);

        Assert.Equal(DeliveryResult.Transient(error), result);
    }

    [Fact]
    public async Task Send_ServerRefusesEverySecondMessageForNow_ThoseAreTransient()
    {
        _server.FailEvery(2);
        var transport = Transport();

        var results = new List<DeliveryResult>();
        for (var i = 0; i < 4; i++)
        {
            results.Add(await transport.SendAsync(Message(key: $"k{i}"), Ct));
        }

        Assert.Equal(
            [DeliveryResult.Delivered(), DeliveryResult.Transient("smtp-4xx-451"), DeliveryResult.Delivered(), DeliveryResult.Transient("smtp-4xx-451")],
            results);
        Assert.Equal(["<k0@przykladowo.pl>", "<k2@przykladowo.pl>"], _server.Messages.Select(m => m.Parse().Headers[HeaderId.MessageId]));
    }

    [Fact]
    public async Task Send_ServerDown_IsTransient_AndGoesThroughWhenItComesBack()
    {
        await _server.GoDownAsync();

        var whileDown = await Transport().SendAsync(Message(), Ct);

        Assert.Equal(DeliveryResult.Transient("smtp-connect"), whileDown);
        await _server.ComeBackAsync();
        Assert.Equal(DeliveryResult.Delivered(), await Transport().SendAsync(Message(), Ct));
        Assert.Equal(1, _server.AcceptedCount);
    }

    [Fact]
    public async Task Send_ServerHoldsTheConnectionWithoutAnswer_CallerCutOffEndsInOperationCanceled()
    {
        _server.Hang();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var sending = Transport().SendAsync(Message(), timeout.Token);

        await _server.WaitForHeldAsync(1, Ct);
        Assert.False(sending.IsCompleted);
        await timeout.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        await _server.WaitForNoneHeldAsync(Ct);
        Assert.Empty(_server.Messages);
    }

    [Fact]
    public async Task Send_AnswerLostAfterTheServerTookIt_RetryCarriesTheSameMessageId()
    {
        _server.Hang(afterAccepting: true);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var first = Transport().SendAsync(Message(), timeout.Token);
        await _server.WaitForHeldAsync(1, Ct);
        await timeout.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        _server.Release();

        var retry = await Transport().SendAsync(Message(), Ct);

        Assert.Equal(DeliveryResult.Delivered(), retry);
        var ids = _server.Messages.Select(m => m.Parse().MessageId).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Equal(ids[0], ids[1]);
    }

    [Fact]
    public async Task Send_RecipientIsNoAddress_IsPermanentWithoutConnecting()
    {
        var result = await Transport().SendAsync(Message(recipient: "to nie jest adres"), Ct);

        Assert.Equal(DeliveryResult.Permanent("smtp-bad-address"), result);
        Assert.Equal(0, _server.ConnectionsAccepted);
    }

    [Fact]
    public async Task Send_SaysGoodbyeWithQuit_AfterADeliveryAndAfterARefusal()
    {
        await Transport().SendAsync(Message(), Ct);
        _server.RejectRecipient(Recipient);
        await Transport().SendAsync(Message(), Ct);

        await _server.WaitForNoOpenConnectionsAsync(Ct);
        Assert.Equal(2, _server.ConnectionsAccepted);
        Assert.Equal(2, _server.Quits);
    }

    [Fact]
    public async Task Send_StartTlsWantedButTheServerOffersNone_IsTransientAndSendsNothingInTheClear()
    {
        var result = await Transport(security: SmtpSecurity.StartTls).SendAsync(Message(), Ct);

        Assert.Equal(DeliveryResult.Transient("smtp-unsupported"), result);
        Assert.Empty(_server.Messages);
    }

    [Fact]
    public async Task Send_SslOnConnectToAPlainServer_IsTransientTls()
    {
        var result = await Transport(security: SmtpSecurity.SslOnConnect).SendAsync(Message(), Ct);

        Assert.Equal(DeliveryResult.Transient("smtp-tls"), result);
        Assert.Empty(_server.Messages);
    }

    private static OutgoingMessage Message(string key = "f3a9c1d2e4b5", string recipient = Recipient, string? stopUrl = StopUrl) =>
        new(key, recipient, Subject, Body, stopUrl);

    private SmtpTransport Transport(string? userName = null, string? password = null, SmtpSecurity security = SmtpSecurity.None) =>
        new(Options.Create(new NotificationOptions
        {
            Smtp = new SmtpOptions
            {
                Host = _server.Host,
                Port = _server.Port,
                Security = security,
                From = $"Urząd Gminy Przykładowo <{Sender}>",
                UserName = userName,
                Password = password,
            },
        }));
}
