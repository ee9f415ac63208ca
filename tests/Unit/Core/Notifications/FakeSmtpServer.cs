using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>A login as the fake SMTP server received it (AUTH PLAIN or AUTH LOGIN).</summary>
/// <param name="Mechanism"><c>PLAIN</c> or <c>LOGIN</c>.</param>
/// <param name="UserName">The user name sent.</param>
/// <param name="Password">The password sent.</param>
/// <param name="Accepted">Whether the server answered 235.</param>
public sealed record SmtpLogin(string Mechanism, string UserName, string Password, bool Accepted);

/// <summary>One message the fake SMTP server accepted (answered 250 at the end of DATA).</summary>
/// <param name="Number">1 for the first message the server accepted, and so on.</param>
/// <param name="Helo">What the client said after EHLO/HELO.</param>
/// <param name="MailFrom">The envelope sender (MAIL FROM), without the angle brackets.</param>
/// <param name="MailParameters">What followed the address in MAIL FROM, e.g. <c>BODY=8BITMIME</c>.</param>
/// <param name="RcptTo">The envelope recipients (RCPT TO) that were accepted.</param>
/// <param name="Data">The message exactly as it crossed the wire, dot-unstuffed, with CRLF line ends.</param>
/// <param name="Login">The login of the session, or null when the client did not authenticate.</param>
public sealed record SmtpReceivedMessage(
    int Number,
    string? Helo,
    string MailFrom,
    IReadOnlyList<string> MailParameters,
    IReadOnlyList<string> RcptTo,
    byte[] Data,
    SmtpLogin? Login)
{
    /// <summary>The message parsed with MimeKit (a new object each call).</summary>
    public MimeMessage Parse()
    {
        using var stream = new MemoryStream(Data, writable: false);
        return MimeMessage.Load(stream);
    }
}

/// <summary>
/// A real SMTP server on 127.0.0.1 at a free port, speaking enough of RFC 5321 for MailKit (and any plain client):
/// the greeting, EHLO/HELO (advertising 8BITMIME, SMTPUTF8 and AUTH PLAIN LOGIN, no PIPELINING or CHUNKING),
/// AUTH PLAIN and LOGIN, MAIL FROM, RCPT TO, DATA with dot-unstuffing, RSET, NOOP, VRFY and QUIT. It records every
/// accepted message and every login, and has knobs to inject the faults a mail server shows: refusals for now,
/// refused recipients, a wrong password, going down and coming back, and hanging without an answer.
/// </summary>
/// <remarks>
/// Every member is thread-safe: the knobs may be turned while clients are connected, and take effect at the next
/// command each session handles. Instead of sleeping, a test awaits the server's state with <see cref="WaitForHeldAsync"/>,
/// <see cref="WaitForAcceptedAsync"/> or <see cref="WaitForConnectionsAsync"/>.
/// </remarks>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    private const string Name = "fake.smtp.test";

    private readonly Lock _lock = new();
    private readonly FakeGatewayWaits _waits = new("fake SMTP server");
    private readonly List<SmtpReceivedMessage> _messages = [];
    private readonly List<SmtpLogin> _logins = [];
    private readonly Dictionary<string, int> _rejectedRecipients = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, Task> _sessions = [];
    private int _nextSessionId;
    private int _failEvery;
    private int _failCode = 451;
    private int _transactions;
    private (string UserName, string Password)? _requiredLogin;
    private TaskCompletionSource? _hang;
    private bool _hangAfterAccepting;
    private int _held;
    private int _connectionsAccepted;
    private int _openConnections;
    private int _quits;
    private TcpListener? _listener;
    private CancellationTokenSource? _up;
    private Task _acceptLoop = Task.CompletedTask;

    private FakeSmtpServer()
    {
    }

    /// <summary>Always 127.0.0.1.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The port, chosen free at start and kept across <see cref="GoDownAsync"/>/<see cref="ComeBackAsync"/>.</summary>
    public int Port { get; private set; }

    /// <summary>The messages accepted so far, in the order they were accepted (a snapshot).</summary>
    public IReadOnlyList<SmtpReceivedMessage> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>How many messages were accepted.</summary>
    public int AcceptedCount
    {
        get
        {
            lock (_lock)
            {
                return _messages.Count;
            }
        }
    }

    /// <summary>Every AUTH exchange that got as far as a user name and password, accepted or not (a snapshot).</summary>
    public IReadOnlyList<SmtpLogin> Logins
    {
        get
        {
            lock (_lock)
            {
                return [.. _logins];
            }
        }
    }

    /// <summary>Connections accepted since the start.</summary>
    public int ConnectionsAccepted
    {
        get
        {
            lock (_lock)
            {
                return _connectionsAccepted;
            }
        }
    }

    /// <summary>Connections open right now.</summary>
    public int OpenConnections
    {
        get
        {
            lock (_lock)
            {
                return _openConnections;
            }
        }
    }

    /// <summary>Sessions the client ended with QUIT (rather than just closing the connection).</summary>
    public int Quits
    {
        get
        {
            lock (_lock)
            {
                return _quits;
            }
        }
    }

    /// <summary>
    /// Connections the server is holding right now without an answer (<see cref="Hang"/>). A held connection whose
    /// client gives up and closes it stops counting.
    /// </summary>
    public int HeldConnections
    {
        get
        {
            lock (_lock)
            {
                return _held;
            }
        }
    }

    /// <summary>Whether the server is listening (false between <see cref="GoDownAsync"/> and <see cref="ComeBackAsync"/>).</summary>
    public bool IsUp
    {
        get
        {
            lock (_lock)
            {
                return _listener is not null;
            }
        }
    }

    /// <summary>Starts a server listening on 127.0.0.1 at a free port.</summary>
    public static Task<FakeSmtpServer> StartAsync()
    {
        var server = new FakeSmtpServer();
        server.Listen(new TcpListener(IPAddress.Loopback, 0));
        return Task.FromResult(server);
    }

    /// <summary>
    /// Refuses every <paramref name="n"/>-th transaction at the end of DATA with <paramref name="code"/> (a refusal for
    /// now by default): with n = 2 the 2nd, 4th, 6th… message is refused, so half the calls fail. n = 1 refuses all;
    /// n = 0 stops the faults. Transactions are counted from the server's start, refused ones included.
    /// </summary>
    public void FailEvery(int n, int code = 451)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfLessThan(code, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 599);
        lock (_lock)
        {
            _failEvery = n;
            _failCode = code;
        }
    }

    /// <summary>Answers RCPT TO for <paramref name="address"/> (any case) with <paramref name="code"/> (mailbox unavailable by default).</summary>
    public void RejectRecipient(string address, int code = 550)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(code, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 599);
        lock (_lock)
        {
            _rejectedRecipients[address] = code;
        }
    }

    /// <summary>
    /// From now on a login must be exactly this user name and password (others get 535), and MAIL FROM without a
    /// login gets 530. By default any login is accepted and none is required.
    /// </summary>
    public void RequireLogin(string userName, string password)
    {
        lock (_lock)
        {
            _requiredLogin = (userName, password);
        }
    }

    /// <summary>
    /// Accepts connections but answers nothing until <see cref="Release"/>: new connections get no greeting, and open
    /// sessions freeze at their next answer. With <paramref name="afterAccepting"/>, only the final "250" to a message
    /// is held back: the server has the message (it is in <see cref="Messages"/>) but the client does not hear so — a
    /// lost answer. Each held connection counts in <see cref="HeldConnections"/>.
    /// </summary>
    public void Hang(bool afterAccepting = false)
    {
        lock (_lock)
        {
            _hang ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _hangAfterAccepting = afterAccepting;
        }
    }

    /// <summary>Ends <see cref="Hang"/>: the held sessions whose clients are still there get their answers and carry on.</summary>
    public void Release()
    {
        TaskCompletionSource? hang;
        lock (_lock)
        {
            hang = _hang;
            _hang = null;
        }

        hang?.TrySetResult();
    }

    /// <summary>
    /// Stops listening and closes every open connection, so connections are refused until <see cref="ComeBackAsync"/>.
    /// Returns once every session has ended. The recorded messages and the knobs stay.
    /// </summary>
    public async Task GoDownAsync()
    {
        TcpListener? listener;
        CancellationTokenSource? up;
        Task acceptLoop;
        Task[] sessions;
        lock (_lock)
        {
            listener = _listener;
            up = _up;
            acceptLoop = _acceptLoop;
            _listener = null;
            _up = null;
        }

        if (listener is null)
        {
            return;
        }

        listener.Stop();
        await up!.CancelAsync();
        await acceptLoop;
        lock (_lock)
        {
            sessions = [.. _sessions.Values];
        }

        await Task.WhenAll(sessions);
        up.Dispose();
    }

    /// <summary>Listens again on the same <see cref="Port"/> after <see cref="GoDownAsync"/>.</summary>
    public Task ComeBackAsync()
    {
        lock (_lock)
        {
            if (_listener is not null)
            {
                return Task.CompletedTask;
            }
        }

        Listen(new TcpListener(IPAddress.Loopback, Port));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Completes once <paramref name="condition"/> holds, checked after every change of the server's state (at once if it
    /// already holds). The condition should read only this server's public properties.
    /// </summary>
    /// <param name="condition">E.g. <c>() => fake.HeldConnections == 1</c>.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <param name="ct">Cancels the wait.</param>
    public Task WaitUntilAsync(Func<bool> condition, string what, CancellationToken ct) => _waits.WaitAsync(condition, what, ct);

    /// <summary>Completes once at least <paramref name="count"/> connections are held (<see cref="Hang"/>).</summary>
    public Task WaitForHeldAsync(int count, CancellationToken ct) =>
        _waits.WaitAsync(() => HeldConnections >= count, $"{count} connection(s) held", ct);

    /// <summary>Completes once no connection is held any more (released, or the clients gave up).</summary>
    public Task WaitForNoneHeldAsync(CancellationToken ct) =>
        _waits.WaitAsync(() => HeldConnections == 0, "no connection held", ct);

    /// <summary>Completes once at least <paramref name="count"/> messages were accepted.</summary>
    public Task WaitForAcceptedAsync(int count, CancellationToken ct) =>
        _waits.WaitAsync(() => AcceptedCount >= count, $"{count} message(s) accepted", ct);

    /// <summary>Completes once at least <paramref name="count"/> connections were accepted since the start.</summary>
    public Task WaitForConnectionsAsync(int count, CancellationToken ct) =>
        _waits.WaitAsync(() => ConnectionsAccepted >= count, $"{count} connection(s) accepted", ct);

    /// <summary>Completes once no connection is open (every client has closed its connection, or the server went down).</summary>
    public Task WaitForNoOpenConnectionsAsync(CancellationToken ct) =>
        _waits.WaitAsync(() => OpenConnections == 0, "no connection open", ct);

    /// <summary>Releases held sessions, stops listening and waits for every session to end.</summary>
    public async ValueTask DisposeAsync()
    {
        Release();
        await GoDownAsync();
    }

    private void Listen(TcpListener listener)
    {
        listener.Start();
        var up = new CancellationTokenSource();
        lock (_lock)
        {
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            _listener = listener;
            _up = up;
            _acceptLoop = AcceptLoopAsync(listener, up.Token);
        }
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken down)
    {
        // Off the caller's thread: Listen is called under the lock.
        await Task.Yield();
        while (!down.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(down);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_lock)
            {
                var id = ++_nextSessionId;
                _connectionsAccepted++;
                _openConnections++;
                _sessions[id] = RunSessionAsync(id, client, down);
            }

            _waits.Changed();
        }
    }

    private async Task RunSessionAsync(int id, TcpClient client, CancellationToken down)
    {
        await Task.Yield();
        try
        {
            using (client)
            using (down.Register(client.Dispose))
            {
                var connection = new Connection(client.GetStream());
                await new Session(this, connection).RunAsync(down);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the server went down: the session just ends.
        }
        finally
        {
            lock (_lock)
            {
                _openConnections--;
                _sessions.Remove(id);
            }

            _waits.Changed();
        }
    }

    // Waits while the server hangs. False when the client closed the connection meanwhile.
    private async Task<bool> WaitWhileHangingAsync(Connection connection, bool isAcceptance, CancellationToken down)
    {
        Task? hang;
        lock (_lock)
        {
            hang = _hang is { } h && (!_hangAfterAccepting || isAcceptance) ? h.Task : null;
            if (hang is not null)
            {
                _held++;
            }
        }

        if (hang is null)
        {
            return true;
        }

        _waits.Changed();
        try
        {
            // Keep reading meanwhile, only to notice a client that gives up; what it sends stays buffered.
            while (true)
            {
                var fill = connection.FillAsync(down);
                if (await Task.WhenAny(hang, fill) == hang)
                {
                    return true;
                }

                if (await fill == 0)
                {
                    return false;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }
        finally
        {
            lock (_lock)
            {
                _held--;
            }

            _waits.Changed();
        }
    }

    /// <summary>A byte-level line reader over the connection (commands are UTF-8, a message body may be 8-bit).</summary>
    private sealed class Connection(NetworkStream stream)
    {
        private const int MaxLine = 64 * 1024;
        private readonly byte[] _buffer = new byte[MaxLine * 2];
        private int _start;
        private int _end;
        private Task<int>? _fill;

        /// <summary>One line without its CRLF (or bare LF); null when the client closed the connection.</summary>
        public async Task<byte[]?> ReadLineAsync(CancellationToken ct)
        {
            while (true)
            {
                var lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (lf >= 0)
                {
                    var length = lf - _start;
                    if (length > 0 && _buffer[lf - 1] == '\r')
                    {
                        length--;
                    }

                    var line = _buffer.AsSpan(_start, length).ToArray();
                    _start = lf + 1;
                    return line;
                }

                if (_end - _start >= MaxLine)
                {
                    throw new IOException("Line too long.");
                }

                if (await FillAsync(ct) == 0)
                {
                    return null;
                }
            }
        }

        /// <summary>
        /// Reads more into the buffer; 0 at the end of the stream. A read still under way (started while hanging) is
        /// not started twice: the next call awaits it.
        /// </summary>
        public async Task<int> FillAsync(CancellationToken ct)
        {
            if (_fill is null)
            {
                if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }

                _fill = ReadMoreAsync(ct);
            }

            var fill = _fill;
            try
            {
                return await fill;
            }
            finally
            {
                if (_fill == fill)
                {
                    _fill = null;
                }
            }
        }

        public async Task WriteAsync(string text, CancellationToken ct)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
            await stream.FlushAsync(ct);
        }

        private async Task<int> ReadMoreAsync(CancellationToken ct)
        {
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct);
            _end += read;
            return read;
        }
    }

    private sealed class Session(FakeSmtpServer server, Connection connection)
    {
        private string? _helo;
        private SmtpLogin? _login;
        private string? _mailFrom;
        private List<string> _mailParameters = [];
        private readonly List<string> _rcptTo = [];

        public async Task RunAsync(CancellationToken down)
        {
            if (!await ReplyAsync($"220 {Name} ESMTP FakeSmtpServer ready", down))
            {
                return;
            }

            while (await connection.ReadLineAsync(down) is { } raw)
            {
                var line = Encoding.UTF8.GetString(raw);
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                var verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
                var argument = space < 0 ? string.Empty : line[(space + 1)..].Trim();
                var goOn = verb switch
                {
                    "EHLO" => await EhloAsync(argument, down),
                    "HELO" => await HeloAsync(argument, down),
                    "AUTH" => await AuthAsync(argument, down),
                    "MAIL" => await MailAsync(argument, down),
                    "RCPT" => await RcptAsync(argument, down),
                    "DATA" => await DataAsync(down),
                    "RSET" => await ResetAndReplyAsync(down),
                    "NOOP" => await ReplyAsync("250 OK", down),
                    "VRFY" => await ReplyAsync("252 Cannot VRFY user, but will accept message", down),
                    "QUIT" => await QuitAsync(down),
                    _ => await ReplyAsync("500 Command not recognised", down),
                };
                if (!goOn)
                {
                    return;
                }
            }
        }

        private Task<bool> ReplyAsync(string reply, CancellationToken down) => ReplyAsync(reply, isAcceptance: false, down);

        // After QUIT the session ends whether or not the goodbye got through.
        private async Task<bool> QuitAsync(CancellationToken down)
        {
            lock (server._lock)
            {
                server._quits++;
            }

            server._waits.Changed();

            await ReplyAsync($"221 {Name} closing connection", down);
            return false;
        }

        private async Task<bool> ReplyAsync(string reply, bool isAcceptance, CancellationToken down)
        {
            if (!await server.WaitWhileHangingAsync(connection, isAcceptance, down))
            {
                return false;
            }

            await connection.WriteAsync(reply + "\r\n", down);
            return true;
        }

        private void ResetTransaction()
        {
            _mailFrom = null;
            _mailParameters = [];
            _rcptTo.Clear();
        }

        private Task<bool> ResetAndReplyAsync(CancellationToken down)
        {
            ResetTransaction();
            return ReplyAsync("250 OK", down);
        }

        private Task<bool> EhloAsync(string argument, CancellationToken down)
        {
            _helo = argument;
            ResetTransaction();
            return ReplyAsync($"250-{Name} greets {argument}\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 AUTH PLAIN LOGIN", down);
        }

        private Task<bool> HeloAsync(string argument, CancellationToken down)
        {
            _helo = argument;
            ResetTransaction();
            return ReplyAsync($"250 {Name}", down);
        }

        private async Task<bool> AuthAsync(string argument, CancellationToken down)
        {
            if (_login is not null)
            {
                return await ReplyAsync("503 Already authenticated", down);
            }

            var parts = argument.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            var mechanism = parts.Length > 0 ? parts[0].ToUpperInvariant() : string.Empty;
            string? userName, password;
            switch (mechanism)
            {
                case "PLAIN":
                {
                    var response = parts.Length > 1 ? parts[1] : await ChallengeAsync(string.Empty, down);
                    if (response is null)
                    {
                        return false;
                    }

                    // authzid NUL authcid NUL password (RFC 4616).
                    var fields = Decode(response)?.Split('\0');
                    (userName, password) = fields is { Length: 3 } ? (fields[1], fields[2]) : (null, null);
                    break;
                }

                case "LOGIN":
                {
                    var user = parts.Length > 1 ? parts[1] : await ChallengeAsync("VXNlcm5hbWU6", down);
                    if (user is null)
                    {
                        return false;
                    }

                    var pass = user == "*" ? user : await ChallengeAsync("UGFzc3dvcmQ6", down);
                    if (pass is null)
                    {
                        return false;
                    }

                    (userName, password) = user == "*" || pass == "*" ? (null, null) : (Decode(user), Decode(pass));
                    break;
                }

                default:
                    return await ReplyAsync("504 Unrecognised authentication type", down);
            }

            if (userName is null || password is null)
            {
                return await ReplyAsync("501 Authentication cancelled or malformed", down);
            }

            bool accepted;
            lock (server._lock)
            {
                accepted = server._requiredLogin is not { } required || (required.UserName == userName && required.Password == password);
                server._logins.Add(new SmtpLogin(mechanism, userName, password, accepted));
            }

            server._waits.Changed();

            if (!accepted)
            {
                return await ReplyAsync("535 Authentication credentials invalid", down);
            }

            _login = new SmtpLogin(mechanism, userName, password, Accepted: true);
            return await ReplyAsync("235 Authentication successful", down);
        }

        // Sends a 334 challenge and reads the client's answer; null when the client left.
        private async Task<string?> ChallengeAsync(string challenge, CancellationToken down)
        {
            if (!await ReplyAsync($"334 {challenge}".TrimEnd(), down))
            {
                return null;
            }

            return await connection.ReadLineAsync(down) is { } raw ? Encoding.UTF8.GetString(raw).Trim() : null;
        }

        private static string? Decode(string base64)
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private async Task<bool> MailAsync(string argument, CancellationToken down)
        {
            if (_mailFrom is not null)
            {
                return await ReplyAsync("503 Nested MAIL command", down);
            }

            if (!TryPath(argument, "FROM:", out var address, out var parameters))
            {
                return await ReplyAsync("501 Syntax: MAIL FROM:<address>", down);
            }

            bool loginMissing;
            lock (server._lock)
            {
                loginMissing = server._requiredLogin is not null && _login is null;
            }

            if (loginMissing)
            {
                return await ReplyAsync("530 Authentication required", down);
            }

            _mailFrom = address;
            _mailParameters = parameters;
            return await ReplyAsync("250 OK", down);
        }

        private async Task<bool> RcptAsync(string argument, CancellationToken down)
        {
            if (_mailFrom is null)
            {
                return await ReplyAsync("503 Need MAIL before RCPT", down);
            }

            if (!TryPath(argument, "TO:", out var address, out _))
            {
                return await ReplyAsync("501 Syntax: RCPT TO:<address>", down);
            }

            int? refusal;
            lock (server._lock)
            {
                refusal = server._rejectedRecipients.TryGetValue(address, out var code) ? code : null;
            }

            if (refusal is { } refused)
            {
                return await ReplyAsync($"{refused.ToString(CultureInfo.InvariantCulture)} Mailbox unavailable", down);
            }

            _rcptTo.Add(address);
            return await ReplyAsync("250 OK", down);
        }

        private async Task<bool> DataAsync(CancellationToken down)
        {
            if (_rcptTo.Count == 0)
            {
                return await ReplyAsync("503 Need RCPT before DATA", down);
            }

            if (!await ReplyAsync("354 End data with <CR><LF>.<CR><LF>", down))
            {
                return false;
            }

            using var data = new MemoryStream();
            while (true)
            {
                var line = await connection.ReadLineAsync(down);
                if (line is null)
                {
                    return false;
                }

                if (line is [(byte)'.'])
                {
                    break;
                }

                // Dot-unstuffing (RFC 5321 4.5.2): a line the client began with an extra dot loses it.
                var start = line is [(byte)'.', ..] ? 1 : 0;
                data.Write(line, start, line.Length - start);
                data.Write("\r\n"u8);
            }

            int? refusal;
            SmtpReceivedMessage? accepted = null;
            lock (server._lock)
            {
                var number = ++server._transactions;
                refusal = server._failEvery > 0 && number % server._failEvery == 0 ? server._failCode : null;
                if (refusal is null)
                {
                    accepted = new SmtpReceivedMessage(server._messages.Count + 1, _helo, _mailFrom!, _mailParameters, [.. _rcptTo], data.ToArray(), _login);
                    server._messages.Add(accepted);
                }
            }

            ResetTransaction();
            if (refusal is { } refused)
            {
                return await ReplyAsync($"{refused.ToString(CultureInfo.InvariantCulture)} Try again later (fault injected by the test)", down);
            }

            server._waits.Changed();
            return await ReplyAsync($"250 OK queued as {accepted!.Number.ToString(CultureInfo.InvariantCulture)}", isAcceptance: true, down);
        }

        // "FROM:<a@b> BODY=8BITMIME" → a@b and its parameters. Also takes "FROM: <a@b>" as some clients send it.
        private static bool TryPath(string argument, string prefix, out string address, out List<string> parameters)
        {
            address = string.Empty;
            parameters = [];
            if (!argument.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var rest = argument[prefix.Length..].TrimStart();
            var close = rest.IndexOf('>', StringComparison.Ordinal);
            if (!rest.StartsWith('<') || close < 0)
            {
                return false;
            }

            address = rest[1..close];
            parameters = [.. rest[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)];
            return true;
        }
    }
}
