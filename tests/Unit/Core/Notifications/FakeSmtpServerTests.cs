using System.Net.Sockets;
using System.Text;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// The fake SMTP server itself, spoken to by hand over TCP: other tests inject faults with it, so its dialogue and its
/// knobs must be what they claim.
/// </summary>
public sealed class FakeSmtpServerTests : IAsyncLifetime
{
    private FakeSmtpServer _server = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await FakeSmtpServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Dialogue_FollowsRfc5321_AndUnstuffsDots()
    {
        using var client = await Client.ConnectAsync(_server);

        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        var ehlo = await client.SendAsync("EHLO klient.test");
        Assert.Contains("250-8BITMIME", ehlo, StringComparison.Ordinal);
        Assert.Contains("250-SMTPUTF8", ehlo, StringComparison.Ordinal);
        Assert.Contains("250 AUTH PLAIN LOGIN", ehlo, StringComparison.Ordinal);
        Assert.StartsWith("250", await client.SendAsync("NOOP"));
        Assert.StartsWith("503", await client.SendAsync("DATA"));
        Assert.StartsWith("250", await client.SendAsync("MAIL FROM:<stary@przykladowo.pl>"));
        Assert.StartsWith("250", await client.SendAsync("RCPT TO:<ktos@example.pl>"));
        Assert.StartsWith("250", await client.SendAsync("RSET"));
        Assert.StartsWith("503", await client.SendAsync("RCPT TO:<ktos@example.pl>"));
        Assert.StartsWith("250", await client.SendAsync("MAIL FROM:<nadawca@przykladowo.pl> BODY=8BITMIME"));
        Assert.StartsWith("250", await client.SendAsync("RCPT TO:<odbiorca@example.pl>"));
        Assert.StartsWith("354", await client.SendAsync("DATA"));
        Assert.StartsWith("250", await client.SendAsync("Subject: próba\r\n\r\n..zaczyna się kropką\r\nżółw\r\n."));
        Assert.StartsWith("221", await client.SendAsync("QUIT"));

        var message = Assert.Single(_server.Messages);
        Assert.Equal(("klient.test", "nadawca@przykladowo.pl"), (message.Helo, message.MailFrom));
        Assert.Equal(["BODY=8BITMIME"], message.MailParameters);
        Assert.Equal(["odbiorca@example.pl"], message.RcptTo);
        Assert.Equal("Subject: próba\r\n\r\n.zaczyna się kropką\r\nżółw\r\n", Encoding.UTF8.GetString(message.Data));
        Assert.Null(message.Login);
    }

    [Fact]
    public async Task AuthLogin_RecordsTheCredentials_AndTheSessionsMessagesCarryThem()
    {
        using var client = await Client.ConnectAsync(_server);
        await client.ReadReplyAsync();
        await client.SendAsync("EHLO klient.test");

        Assert.Equal("334 VXNlcm5hbWU6", await client.SendAsync("AUTH LOGIN"));
        Assert.Equal("334 UGFzc3dvcmQ6", await client.SendAsync(Base64("urzędnik")));
        Assert.StartsWith("235", await client.SendAsync(Base64("tajne-ż")));
        await client.SendAsync("MAIL FROM:<a@przykladowo.pl>");
        await client.SendAsync("RCPT TO:<b@example.pl>");
        await client.SendAsync("DATA");
        await client.SendAsync("Subject: x\r\n\r\ny\r\n.");

        var login = Assert.Single(_server.Logins);
        Assert.Equal(new SmtpLogin("LOGIN", "urzędnik", "tajne-ż", Accepted: true), login);
        Assert.Equal(login, Assert.Single(_server.Messages).Login);
    }

    [Fact]
    public async Task FailEvery_RefusesEveryNthTransactionWithTheGivenCode()
    {
        _server.FailEvery(3, 554);
        using var client = await Client.ConnectAsync(_server);
        await client.ReadReplyAsync();
        await client.SendAsync("EHLO klient.test");

        var answers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            await client.SendAsync("MAIL FROM:<a@przykladowo.pl>");
            await client.SendAsync("RCPT TO:<b@example.pl>");
            await client.SendAsync("DATA");
            answers.Add((await client.SendAsync($"Subject: {i}\r\n\r\n.")).Split(' ')[0]);
        }

        Assert.Equal(["250", "250", "554", "250", "250", "554"], answers);
        Assert.Equal(4, _server.AcceptedCount);
    }

    [Fact]
    public async Task GoDown_RefusesConnections_ComeBack_ListensOnTheSamePort()
    {
        var port = _server.Port;

        await _server.GoDownAsync();

        Assert.False(_server.IsUp);
        await Assert.ThrowsAsync<SocketException>(async () => (await Client.ConnectAsync(_server)).Dispose());
        await _server.ComeBackAsync();
        Assert.Equal(port, _server.Port);
        using var client = await Client.ConnectAsync(_server);
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
    }

    [Fact]
    public async Task Hang_HoldsEveryConnection_OneWhoseClientLeavesStopsCounting_ReleaseAnswersTheRest()
    {
        _server.Hang();
        var leaving = await Client.ConnectAsync(_server);
        using var staying = await Client.ConnectAsync(_server);
        await _server.WaitForHeldAsync(2, Ct);

        leaving.Dispose();
        await _server.WaitUntilAsync(() => _server.HeldConnections == 1, "1 connection held", Ct);
        _server.Release();

        Assert.StartsWith("220 ", await staying.ReadReplyAsync());
        await _server.WaitForNoneHeldAsync(Ct);
    }

    [Fact]
    public async Task HangAfterAccepting_KeepsTheMessageButHoldsTheFinalAnswer()
    {
        _server.Hang(afterAccepting: true);
        using var client = await Client.ConnectAsync(_server);
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        await client.SendAsync("HELO klient.test");
        await client.SendAsync("MAIL FROM:<a@przykladowo.pl>");
        await client.SendAsync("RCPT TO:<b@example.pl>");
        await client.SendAsync("DATA");

        var answer = client.SendAsync("Subject: x\r\n\r\ny\r\n.");
        await _server.WaitForHeldAsync(1, Ct);

        Assert.Equal(1, _server.AcceptedCount);
        Assert.False(answer.IsCompleted);
        _server.Release();
        Assert.StartsWith("250", await answer);
    }

    [Fact]
    public async Task GoDown_WhileHolding_ClosesTheHeldConnections()
    {
        _server.Hang();
        using var client = await Client.ConnectAsync(_server);
        await _server.WaitForHeldAsync(1, Ct);

        await _server.GoDownAsync();

        Assert.Equal(string.Empty, await client.ReadReplyAsync());
        Assert.Equal((0, 0), (_server.HeldConnections, _server.OpenConnections));
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>A hand-driven SMTP client: one command, one (possibly multi-line) reply.</summary>
    private sealed class Client : IDisposable
    {
        private readonly TcpClient _tcp;
        private readonly StreamReader _reader;
        private readonly Stream _stream;

        private Client(TcpClient tcp)
        {
            _tcp = tcp;
            _stream = tcp.GetStream();
            _reader = new StreamReader(_stream, new UTF8Encoding(false));
        }

        public static async Task<Client> ConnectAsync(FakeSmtpServer server)
        {
            var tcp = new TcpClient();
            try
            {
                await tcp.ConnectAsync(server.Host, server.Port, Ct);
                return new Client(tcp);
            }
            catch
            {
                tcp.Dispose();
                throw;
            }
        }

        public async Task<string> SendAsync(string line)
        {
            await _stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), Ct);
            return await ReadReplyAsync();
        }

        // The lines of one reply joined with CRLF; the last one has a space after the code.
        public async Task<string> ReadReplyAsync()
        {
            var lines = new List<string>();
            while (await _reader.ReadLineAsync(Ct) is { } line)
            {
                lines.Add(line);
                if (line.Length < 4 || line[3] != '-')
                {
                    break;
                }
            }

            return string.Join("\r\n", lines);
        }

        public void Dispose()
        {
            _reader.Dispose();
            _tcp.Dispose();
        }
    }
}
