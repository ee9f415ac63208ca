using Microsoft.Extensions.Options;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// Our side of SMSAPI.pl's send contract, over real HTTP against <see cref="FakeSmsGateway"/>: the exact request
/// (address, method, token, every form field) and what each answer and fault of the gateway becomes.
/// </summary>
public sealed class SmsApiTransportContractTests : IAsyncLifetime
{
    private const string Number = "+48600100200";
    private const string Text = "Urzędnik przyjdzie jutro, w środę, o 10:00. Zażółć gęślą jaźń: ąćęłńóśźż. Hasło: ŻUBR";
    private const string Key = "0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c";

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private FakeSmsGateway _gateway = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _gateway = await FakeSmsGateway.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task Send_PostsTheDocumentedForm_AndReadsTheMessageId()
    {
        var result = await Transport(from: null, normalize: true).SendAsync(Message(), Ct);

        var accepted = Assert.Single(_gateway.Messages);
        Assert.Equal(DeliveryResult.Delivered(accepted.Id), result);
        var request = Assert.Single(_gateway.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/sms.do", request.Path);
        Assert.Equal($"Bearer {FakeSmsGateway.DefaultToken}", request.Headers["Authorization"]);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["to"] = "48600100200",
                ["message"] = Text,
                ["encoding"] = "utf-8",
                ["format"] = "json",
                ["idx"] = Key,
                ["check_idx"] = "1",
                ["normalize"] = "1",
            },
            request.Form);
    }

    [Fact]
    public async Task Send_WithSenderName_SendsFrom()
    {
        await Transport(from: "UG Przyklad").SendAsync(Message(), Ct);

        var accepted = Assert.Single(_gateway.Messages);
        Assert.Equal("UG Przyklad", accepted.From);
        Assert.Equal(Text, accepted.Message);
    }

    [Fact]
    public async Task Send_NormalizeOff_SendsNoNormalize()
    {
        await Transport(normalize: false).SendAsync(Message(), Ct);

        var accepted = Assert.Single(_gateway.Messages);
        Assert.False(accepted.Normalize);
        Assert.False(accepted.Fields.ContainsKey("normalize"));
        Assert.False(accepted.Fields.ContainsKey("from"));
    }

    [Fact]
    public async Task Send_SameKeyTwice_GatewayAlreadyHasIt_SecondIsNotSentAgainAndNotTakenAsDelivered()
    {
        var transport = Transport();

        var first = await transport.SendAsync(Message(), Ct);
        var second = await transport.SendAsync(Message(), Ct);
        var other = await transport.SendAsync(Message(key: "inny-klucz"), Ct);

        Assert.Equal(DeliveryOutcome.Delivered, first.Outcome);

        // Error 53 names no message and proves nothing: it was once counted as delivered (issue 12, point 3).
        Assert.Equal(DeliveryResult.Unconfirmed(SmsApiTransport.DuplicateError), second);
        Assert.Equal(DeliveryOutcome.Delivered, other.Outcome);
        Assert.Equal([Key, "inny-klucz"], _gateway.Messages.Select(m => m.Idx));
    }

    [Theory]
    [InlineData(13)]
    [InlineData(33)]
    [InlineData(11)]
    [InlineData(12)]
    public async Task Send_GatewaySaysTheMessageCanNeverGo_IsPermanent(int error)
    {
        // The gateway's text may quote the number; none of it may reach the error code.
        _gateway.AnswerWith(200, $$"""{"error":{{error}},"message":"Invalid phone number: 48600100200, text: Zażółć"}""");

        var result = await Transport().SendAsync(Message(), Ct);

        Assert.Equal(DeliveryResult.Permanent($"smsapi-{error}"), result);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(101)]
    [InlineData(102)]
    [InlineData(103)]
    [InlineData(105)]
    [InlineData(8)]
    [InlineData(52)]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(202)]
    [InlineData(999)]
    [InlineData(4711)]
    public async Task Send_GatewayErrorOfItsOwnOrOfTheAccount_IsTransient(int error)
    {
        _gateway.AnswerWith(200, $$"""{"error":{{error}},"message":"Something about 48600100200"}""");

        var result = await Transport().SendAsync(Message(), Ct);

        Assert.Equal(DeliveryResult.Transient($"smsapi-{error}"), result);
    }

    [Fact]
    public async Task Send_GatewayErrorWithA4xxStatus_IsReadFromTheBody()
    {
        _gateway.AnswerWith(400, """{"error":13,"message":"No correct phone numbers"}""");

        Assert.Equal(DeliveryResult.Permanent("smsapi-13"), await Transport().SendAsync(Message(), Ct));
    }

    [Fact]
    public async Task Send_WrongToken_IsTransientAuth()
    {
        var result = await Transport(token: "zly-token").SendAsync(Message(), Ct);

        Assert.Equal(DeliveryResult.Transient("sms-auth"), result);
        Assert.Equal("Bearer zly-token", Assert.Single(_gateway.Requests).Headers["Authorization"]);
        Assert.Empty(_gateway.Messages);
    }

    [Theory]
    [InlineData(401, "", "sms-auth")]
    [InlineData(403, """{"error":105,"message":"IP not allowed"}""", "sms-auth")]
    [InlineData(429, """{"error":8,"message":"Too many requests"}""", "sms-http-429")]
    [InlineData(500, "", "sms-http-500")]
    [InlineData(502, "<html>Bad Gateway</html>", "sms-http-502")]
    [InlineData(503, """{"error":201,"message":"System internal error"}""", "sms-http-503")]
    [InlineData(404, "<html>Not found</html>", "sms-http-404")]
    public async Task Send_HttpStatusWithoutAUsableAnswer_IsTransient(int status, string body, string error)
    {
        _gateway.AnswerWith(status, body);

        Assert.Equal(DeliveryResult.Transient(error), await Transport().SendAsync(Message(), Ct));
    }

    [Theory]
    [InlineData("OK:17372365:0.16")]
    [InlineData("")]
    [InlineData("""{"count":0,"list":[]}""")]
    [InlineData("""{"count":1,"list":[{"points":0.16}]}""")]
    [InlineData("""{"error":"trzynaście"}""")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"count":1,""")]
    public async Task Send_MalformedAnswer_IsTransientBadAnswer(string body)
    {
        _gateway.AnswerWith(200, body);

        Assert.Equal(DeliveryResult.Transient("sms-bad-answer"), await Transport().SendAsync(Message(), Ct));
    }

    [Theory]
    [InlineData(SmsGatewayFault.ServiceUnavailable, "sms-http-503")]
    [InlineData(SmsGatewayFault.Error201, "smsapi-201")]
    public async Task Send_GatewayFailsEverySecondCall_ThoseAreTransient_TheRestGoThrough(SmsGatewayFault fault, string error)
    {
        _gateway.FailEvery(2, fault);
        var transport = Transport();

        var results = new List<DeliveryOutcome>();
        var errors = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            var result = await transport.SendAsync(Message(key: $"k{i}"), Ct);
            results.Add(result.Outcome);
            errors.Add(result.ErrorCode);
        }

        Assert.Equal([DeliveryOutcome.Delivered, DeliveryOutcome.Transient, DeliveryOutcome.Delivered, DeliveryOutcome.Transient], results);
        Assert.Equal([null, error, null, error], errors);
        Assert.Equal(["k0", "k2"], _gateway.Messages.Select(m => m.Idx));
    }

    [Fact]
    public async Task Send_GatewayDown_IsTransient_AndGoesThroughWhenItComesBack()
    {
        var transport = Transport();
        await transport.SendAsync(Message(key: "przed"), Ct);
        await _gateway.GoDownAsync();

        var whileDown = await transport.SendAsync(Message(), Ct);

        Assert.Equal(DeliveryResult.Transient("sms-connect"), whileDown);
        await _gateway.ComeBackAsync();
        Assert.Equal(DeliveryOutcome.Delivered, (await transport.SendAsync(Message(), Ct)).Outcome);
        Assert.Equal(["przed", Key], _gateway.Messages.Select(m => m.Idx));
    }

    [Fact]
    public async Task Send_GatewayHoldsTheConnectionWithoutAnswer_CallerCutOffEndsInOperationCanceled()
    {
        _gateway.Hang();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var sending = Transport().SendAsync(Message(), timeout.Token);

        await _gateway.WaitForHeldAsync(1, Ct);
        Assert.False(sending.IsCompleted);
        await timeout.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        await _gateway.WaitForNoneHeldAsync(Ct);
        Assert.Empty(_gateway.Messages);
    }

    [Fact]
    public async Task Send_AnswerLostAfterTheGatewayTookIt_RetryIsNotSentTwiceAndIsNotTakenAsDelivered()
    {
        _gateway.Hang(afterAccepting: true);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var first = Transport().SendAsync(Message(), timeout.Token);
        await _gateway.WaitForHeldAsync(1, Ct);
        await timeout.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        _gateway.Release();

        var retry = await Transport().SendAsync(Message(), Ct);

        // The phone gets one message; whether it was ours the answer cannot say, so a person checks.
        Assert.Equal(DeliveryResult.Unconfirmed(SmsApiTransport.DuplicateError), retry);
        Assert.Equal(Key, Assert.Single(_gateway.Messages).Idx);
    }

    [Theory]
    [InlineData("https://api.smsapi.pl/", "https://api.smsapi.pl/sms.do")]
    [InlineData("https://api.smsapi.pl", "https://api.smsapi.pl/sms.do")]
    [InlineData("https://api.smsapi.com/", "https://api.smsapi.com/sms.do")]
    [InlineData("http://127.0.0.1:8080/bramka", "http://127.0.0.1:8080/bramka/sms.do")]
    [InlineData("http://127.0.0.1:8080/bramka/", "http://127.0.0.1:8080/bramka/sms.do")]
    public void Endpoint_IsSmsDoUnderTheBaseUrl(string baseUrl, string expected) =>
        Assert.Equal(new Uri(expected), SmsApiTransport.Endpoint(baseUrl));

    [Theory]
    [InlineData("api.smsapi.pl")]
    [InlineData("ftp://api.smsapi.pl/")]
    [InlineData("")]
    [InlineData(null)]
    public void Endpoint_OfSomethingElseThanAnHttpAddress_IsNone(string? baseUrl) =>
        Assert.Null(SmsApiTransport.Endpoint(baseUrl));

    private static OutgoingMessage Message(string key = Key) => new(key, Number, null, Text, "https://mobilny.przykladowo.pl/powiadomienia/stop/t");

    private SmsApiTransport Transport(string? from = null, bool normalize = true, string token = FakeSmsGateway.DefaultToken) =>
        new(_http, Options.Create(new NotificationOptions
        {
            Sms = new SmsOptions { BaseUrl = _gateway.BaseAddress.ToString(), Token = token, From = from, Normalize = normalize },
        }));
}
