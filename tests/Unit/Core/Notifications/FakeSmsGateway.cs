using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>One HTTP request as the fake SMS gateway received it, whatever the answer was.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, e.g. <c>/sms.do</c>.</param>
/// <param name="Headers">Every request header (names in any case).</param>
/// <param name="ContentType">The Content-Type header, as sent.</param>
/// <param name="Form">The form fields (empty when the body was not a form).</param>
public sealed record SmsGatewayRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    IReadOnlyDictionary<string, string> Form);

/// <summary>One SMS the fake gateway accepted (answered with its id).</summary>
/// <param name="Id">The id the gateway answered with.</param>
/// <param name="To">The <c>to</c> field.</param>
/// <param name="Message">The <c>message</c> field.</param>
/// <param name="From">The <c>from</c> field, or null when it was not sent.</param>
/// <param name="Idx">The <c>idx</c> field, or null when it was not sent.</param>
/// <param name="Normalize">Whether <c>normalize=1</c> was sent.</param>
/// <param name="Fields">Every form field.</param>
public sealed record SmsGatewayMessage(
    string Id,
    string To,
    string Message,
    string? From,
    string? Idx,
    bool Normalize,
    IReadOnlyDictionary<string, string> Fields);

/// <summary>What <see cref="FakeSmsGateway.FailEvery"/> answers.</summary>
public enum SmsGatewayFault
{
    /// <summary>HTTP 503 with a plain-text body, as a proxy in front of the gateway answers.</summary>
    ServiceUnavailable,

    /// <summary>HTTP 200 with <c>{"error":201,"message":"System internal error"}</c>, the gateway's own word for its trouble.</summary>
    Error201,
}

/// <summary>
/// SMSAPI.pl's documented send contract on real Kestrel at <c>http://127.0.0.1:{free port}</c>: <c>POST /sms.do</c> with
/// <c>Authorization: Bearer {token}</c> (otherwise 401) and a form with <c>to</c> (digits only, otherwise error 13) and
/// <c>message</c> (otherwise error 11) and <c>format=json</c> (otherwise a plain-text answer, as the real gateway
/// gives). With <c>check_idx=1</c> an <c>idx</c> already accepted is refused with error 53 and not recorded again
/// (the real gateway remembers an idx for 24 hours; this one for its lifetime). Accepted messages get
/// <c>{"count":1,"list":[{"id":…,"points":0.16,"number":…,"status":"QUEUE",…}]}</c>.
/// Knobs inject the faults a gateway shows: every n-th call failing, going down and coming back on the same port,
/// hanging without an answer, and one-off answers.
/// </summary>
/// <remarks>
/// Every member is thread-safe. Instead of sleeping, a test awaits the gateway's state with
/// <see cref="WaitForHeldAsync"/>, <see cref="WaitForAcceptedAsync"/> or <see cref="WaitForRequestsAsync"/>.
/// Order of handling a request: held while hanging (before it is read) → recorded in <see cref="Requests"/> → a queued
/// one-off answer (<see cref="AnswerWith"/>) → path and method → token → <see cref="FailEvery"/> → fields → idx → accepted.
/// </remarks>
public sealed class FakeSmsGateway : IAsyncDisposable
{
    /// <summary>The token the gateway accepts unless the test gives another.</summary>
    public const string DefaultToken = "token-testowy-0123456789";

    private readonly Lock _lock = new();
    private readonly FakeGatewayWaits _waits = new("fake SMS gateway");
    private readonly List<SmsGatewayRequest> _requests = [];
    private readonly List<SmsGatewayMessage> _messages = [];
    private readonly HashSet<string> _idx = new(StringComparer.Ordinal);
    private readonly Queue<(int Status, string Body)> _oneOffAnswers = new();
    private int _failEvery;
    private SmsGatewayFault _fault;
    private int _authorisedCalls;
    private TaskCompletionSource? _hang;
    private bool _hangAfterAccepting;
    private int _held;
    private WebApplication? _app;
    private CancellationTokenSource? _up;

    private FakeSmsGateway(string token) => Token = token;

    /// <summary>The bearer token the gateway accepts.</summary>
    public string Token { get; }

    /// <summary>The gateway's address with a trailing slash, e.g. <c>http://127.0.0.1:41234/</c> (for <see cref="SmsOptions.BaseUrl"/>).</summary>
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>The port, kept across <see cref="GoDownAsync"/>/<see cref="ComeBackAsync"/>.</summary>
    public int Port => BaseAddress.Port;

    /// <summary>Every request received so far (a snapshot), answered or not.</summary>
    public IReadOnlyList<SmsGatewayRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The messages accepted so far, in order (a snapshot). A repeat refused with error 53 is not here twice.</summary>
    public IReadOnlyList<SmsGatewayMessage> Messages
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

    /// <summary>Requests held right now without an answer (<see cref="Hang"/>); one whose client gave up stops counting.</summary>
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

    /// <summary>Starts the gateway on 127.0.0.1 at a free port.</summary>
    /// <param name="token">The bearer token to accept.</param>
    public static async Task<FakeSmsGateway> StartAsync(string token = DefaultToken)
    {
        var gateway = new FakeSmsGateway(token);
        await gateway.ListenAsync("http://127.0.0.1:0");
        return gateway;
    }

    /// <summary>
    /// Fails every <paramref name="n"/>-th call that carries the right token (the 2nd, 4th… with n = 2) with
    /// <paramref name="fault"/>; a failed call records no message and no idx. n = 1 fails all, n = 0 stops the faults.
    /// Counted from the gateway's start; one-off answers and refused tokens do not count.
    /// </summary>
    public void FailEvery(int n, SmsGatewayFault fault = SmsGatewayFault.ServiceUnavailable)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        lock (_lock)
        {
            _failEvery = n;
            _fault = fault;
        }
    }

    /// <summary>The next request gets exactly this answer (JSON content type), whatever it holds, and nothing is recorded
    /// as a message. Several calls queue several answers, used in order.</summary>
    public void AnswerWith(int status, string body)
    {
        lock (_lock)
        {
            _oneOffAnswers.Enqueue((status, body));
        }
    }

    /// <summary>
    /// The gateway already holds a message under <paramref name="idx"/>, as after our database was restored from a backup,
    /// started afresh, or shared the account with another one: a send with that idx and <c>check_idx=1</c> gets error 53
    /// and nothing is sent. The real gateway says no more than that: its answer names no message and proves no delivery.
    /// </summary>
    public void RememberIdx(string idx)
    {
        lock (_lock)
        {
            _idx.Add(idx);
        }
    }

    /// <summary>
    /// Accepts connections but answers nothing until <see cref="Release"/>; a held request is not yet read or recorded.
    /// With <paramref name="afterAccepting"/> the request is handled (the message recorded) and only the answer is
    /// held: the gateway has the message but the client does not hear so — a lost answer.
    /// Each held request counts in <see cref="HeldConnections"/>.
    /// </summary>
    public void Hang(bool afterAccepting = false)
    {
        lock (_lock)
        {
            _hang ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _hangAfterAccepting = afterAccepting;
        }
    }

    /// <summary>Ends <see cref="Hang"/>: held requests whose clients are still there are answered.</summary>
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
    /// Stops listening (held requests are cut off, open connections closed), so connections are refused until
    /// <see cref="ComeBackAsync"/>. The records and knobs stay.
    /// </summary>
    public async Task GoDownAsync()
    {
        WebApplication? app;
        CancellationTokenSource? up;
        lock (_lock)
        {
            (app, up) = (_app, _up);
            (_app, _up) = (null, null);
        }

        if (app is null)
        {
            return;
        }

        await up!.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        up.Dispose();
    }

    /// <summary>Listens again on the same port after <see cref="GoDownAsync"/>.</summary>
    public async Task ComeBackAsync()
    {
        lock (_lock)
        {
            if (_app is not null)
            {
                return;
            }
        }

        await ListenAsync(BaseAddress.ToString());
    }

    /// <summary>
    /// Completes once <paramref name="condition"/> holds, checked after every change of the gateway's state (at once if it
    /// already holds). The condition should read only this gateway's public properties.
    /// </summary>
    /// <param name="condition">E.g. <c>() => fake.HeldConnections == 1</c>.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <param name="ct">Cancels the wait.</param>
    public Task WaitUntilAsync(Func<bool> condition, string what, CancellationToken ct) => _waits.WaitAsync(condition, what, ct);

    /// <summary>Completes once at least <paramref name="count"/> requests are held (<see cref="Hang"/>).</summary>
    public Task WaitForHeldAsync(int count, CancellationToken ct) =>
        _waits.WaitAsync(() => HeldConnections >= count, $"{count} request(s) held", ct);

    /// <summary>Completes once no request is held any more (released, or the clients gave up).</summary>
    public Task WaitForNoneHeldAsync(CancellationToken ct) =>
        _waits.WaitAsync(() => HeldConnections == 0, "no request held", ct);

    /// <summary>Completes once at least <paramref name="count"/> messages were accepted.</summary>
    public Task WaitForAcceptedAsync(int count, CancellationToken ct) =>
        _waits.WaitAsync(() => AcceptedCount >= count, $"{count} message(s) accepted", ct);

    /// <summary>Completes once at least <paramref name="count"/> requests were received (and read).</summary>
    public Task WaitForRequestsAsync(int count, CancellationToken ct) =>
        _waits.WaitAsync(() => Requests.Count >= count, $"{count} request(s) received", ct);

    /// <summary>Releases held requests and stops the gateway.</summary>
    public async ValueTask DisposeAsync()
    {
        Release();
        await GoDownAsync();
    }

    private async Task ListenAsync(string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var up = new CancellationTokenSource();
        app.Run(context => HandleAsync(context, up.Token));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        lock (_lock)
        {
            BaseAddress = new Uri(address.TrimEnd('/') + "/");
            _app = app;
            _up = up;
        }
    }

    private async Task HandleAsync(HttpContext context, CancellationToken down)
    {
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, down);
        if (!await WaitWhileHangingAsync(isAcceptance: false, cut.Token))
        {
            context.Abort();
            return;
        }

        var request = context.Request;
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            foreach (var (key, value) in await request.ReadFormAsync(cut.Token))
            {
                form[key] = value.ToString();
            }
        }

        var received = new SmsGatewayRequest(
            request.Method,
            request.Path.Value ?? string.Empty,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            request.ContentType,
            form);
        lock (_lock)
        {
            _requests.Add(received);
        }

        _waits.Changed();
        var (status, body, accepted) = Decide(received);
        if (accepted && !await WaitWhileHangingAsync(isAcceptance: true, cut.Token))
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = body.StartsWith('{') ? "application/json" : "text/plain; charset=utf-8";
        await context.Response.WriteAsync(body, cut.Token);
    }

    // The gateway's decision; accepted: a new message was recorded.
    private (int Status, string Body, bool Accepted) Decide(SmsGatewayRequest request)
    {
        SmsGatewayMessage? message = null;
        (int, string, bool) answer;
        lock (_lock)
        {
            answer = DecideLocked(request, ref message);
        }

        if (message is not null)
        {
            _waits.Changed();
        }

        return answer;
    }

    private (int Status, string Body, bool Accepted) DecideLocked(SmsGatewayRequest request, ref SmsGatewayMessage? message)
    {
        if (_oneOffAnswers.TryDequeue(out var oneOff))
        {
            return (oneOff.Status, oneOff.Body, false);
        }

        if (request.Path != "/sms.do")
        {
            return (404, "Not found", false);
        }

        if (request.Method != HttpMethods.Post)
        {
            return (405, "Method not allowed", false);
        }

        if (!request.Headers.TryGetValue("Authorization", out var authorization) || authorization != $"Bearer {Token}")
        {
            return (401, Error(101, "Authorization failed"), false);
        }

        var call = ++_authorisedCalls;
        if (_failEvery > 0 && call % _failEvery == 0)
        {
            return _fault == SmsGatewayFault.Error201 ? (200, Error(201, "System internal error"), false) : (503, "Service Unavailable", false);
        }

        var fields = request.Form;
        if (!fields.TryGetValue("format", out var format) || format != "json")
        {
            // Without format=json the real gateway answers in its old plain-text form.
            return (200, "ERROR:999", false);
        }

        if (!fields.TryGetValue("to", out var to) || to.Length is < 9 or > 15 || !to.All(char.IsAsciiDigit))
        {
            return (200, Error(13, "No correct phone numbers"), false);
        }

        if (!fields.TryGetValue("message", out var text) || text.Length == 0)
        {
            return (200, Error(11, "Message is empty or too long"), false);
        }

        var idx = fields.GetValueOrDefault("idx");
        if (idx is not null && fields.GetValueOrDefault("check_idx") == "1" && _idx.Contains(idx))
        {
            return (200, Error(53, "Message with this idx has already been sent"), false);
        }

        if (idx is not null)
        {
            _idx.Add(idx);
        }

        var id = $"FAKE{(_messages.Count + 1).ToString("D8", CultureInfo.InvariantCulture)}";
        message = new SmsGatewayMessage(id, to, text, fields.GetValueOrDefault("from"), idx, fields.GetValueOrDefault("normalize") == "1", fields);
        _messages.Add(message);
        var body = JsonSerializer.Serialize(new
        {
            count = 1,
            list = new[]
            {
                new { id, points = 0.16, number = to, date_sent = 1760000000, submitted_number = to, status = "QUEUE", error = (string?)null, idx },
            },
        });
        return (200, body, true);
    }

    private static string Error(int code, string message) => JsonSerializer.Serialize(new { error = code, message });

    // Waits while the gateway hangs. False when the client gave up or the gateway went down meanwhile.
    private async Task<bool> WaitWhileHangingAsync(bool isAcceptance, CancellationToken cut)
    {
        Task? hang;
        lock (_lock)
        {
            hang = _hang is { } h && _hangAfterAccepting == isAcceptance ? h.Task : null;
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
            await hang.WaitAsync(cut);
            return true;
        }
        catch (OperationCanceledException)
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
}
