using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// The fake SMS gateway itself, called by hand over HTTP: other tests inject faults with it, so its contract and its
/// knobs must be what they claim.
/// </summary>
public sealed class FakeSmsGatewayTests : IAsyncLifetime
{
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
    public async Task Idx_IsCheckedOnlyWithCheckIdx()
    {
        var withoutCheck = new Dictionary<string, string> { ["to"] = "48600100200", ["message"] = "a", ["format"] = "json", ["idx"] = "x1" };
        var withCheck = new Dictionary<string, string>(withoutCheck) { ["check_idx"] = "1" };

        Assert.True((await PostAsync(withoutCheck)).Json.TryGetProperty("list", out _));
        Assert.True((await PostAsync(withoutCheck)).Json.TryGetProperty("list", out _));
        var refused = await PostAsync(withCheck);

        Assert.Equal(53, refused.Json.GetProperty("error").GetInt32());
        Assert.Equal(2, _gateway.AcceptedCount);
    }

    [Fact]
    public async Task Accepted_AnswersWithTheDocumentedListAndRecordsTheFields()
    {
        var answer = await PostAsync(new() { ["to"] = "48600100200", ["message"] = "ż", ["format"] = "json", ["from"] = "UG", ["normalize"] = "1" });

        var entry = Assert.Single(answer.Json.GetProperty("list").EnumerateArray());
        var message = Assert.Single(_gateway.Messages);
        Assert.Equal((HttpStatusCode.OK, 1), (answer.Status, answer.Json.GetProperty("count").GetInt32()));
        Assert.Equal((message.Id, "48600100200", "QUEUE"), (entry.GetProperty("id").GetString(), entry.GetProperty("number").GetString(), entry.GetProperty("status").GetString()));
        Assert.Equal(("48600100200", "ż", "UG", true, null), (message.To, message.Message, message.From, message.Normalize, message.Idx));
    }

    [Theory]
    [InlineData("+48600100200", "x", 13)]
    [InlineData("", "x", 13)]
    [InlineData("48600100200", "", 11)]
    public async Task Fields_AreRequiredAsDocumented(string to, string text, int error)
    {
        var answer = await PostAsync(new() { ["to"] = to, ["message"] = text, ["format"] = "json" });

        Assert.Equal(error, answer.Json.GetProperty("error").GetInt32());
        Assert.Empty(_gateway.Messages);
    }

    [Fact]
    public async Task Token_IsRequired()
    {
        var answer = await PostAsync(new() { ["to"] = "48600100200", ["message"] = "x", ["format"] = "json" }, token: "inny");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Empty(_gateway.Messages);
    }

    [Fact]
    public async Task AnswerWith_QueuesOneOffAnswers_ThenTheContractResumes()
    {
        _gateway.AnswerWith(418, """{"error":8}""");
        _gateway.AnswerWith(200, "nie JSON");
        var form = new Dictionary<string, string> { ["to"] = "48600100200", ["message"] = "x", ["format"] = "json" };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await PostRawAsync(form)).Status);
        }

        Assert.Equal([(HttpStatusCode)418, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Single(_gateway.Messages);
        Assert.Equal(3, _gateway.Requests.Count);
    }

    [Fact]
    public async Task GoDown_RefusesConnections_ComeBack_ListensOnTheSameAddress()
    {
        var address = _gateway.BaseAddress;

        await _gateway.GoDownAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => PostRawAsync([]));
        await _gateway.ComeBackAsync();
        Assert.Equal(address, _gateway.BaseAddress);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostRawAsync([], token: "inny")).Status);
    }

    [Fact]
    public async Task Hang_AHeldRequestWhoseClientLeaves_StopsCountingAndIsNotRecorded()
    {
        _gateway.Hang();
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var leaving = PostRawAsync(new() { ["to"] = "48600100200", ["message"] = "x", ["format"] = "json" }, ct: leave.Token);
        await _gateway.WaitForHeldAsync(1, Ct);

        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);

        await _gateway.WaitForNoneHeldAsync(Ct);
        _gateway.Release();
        Assert.Empty(_gateway.Requests);
    }

    [Fact]
    public async Task GoDown_WhileHolding_CutsTheHeldRequestOff()
    {
        _gateway.Hang();
        var held = PostRawAsync(new() { ["to"] = "48600100200", ["message"] = "x", ["format"] = "json" });
        await _gateway.WaitForHeldAsync(1, Ct);

        await _gateway.GoDownAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => held);
        Assert.Equal(0, _gateway.HeldConnections);
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> PostAsync(Dictionary<string, string> form, string? token = null)
    {
        var (status, body) = await PostRawAsync(form, token);
        using var json = JsonDocument.Parse(body);
        return (status, json.RootElement.Clone());
    }

    private async Task<(HttpStatusCode Status, string Body)> PostRawAsync(Dictionary<string, string> form, string? token = null, CancellationToken? ct = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_gateway.BaseAddress, "sms.do")) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? _gateway.Token);
        using var response = await _http.SendAsync(request, ct ?? Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct ?? Ct));
    }
}
