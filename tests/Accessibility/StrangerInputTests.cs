using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MobilnyUrzednik.Core.Dictation;

namespace MobilnyUrzednik.Accessibility;

/// <summary>
/// Limits on what a stranger can send (issue 12, point 6), tried as a script would, over plain HTTP and WebSockets:
/// odd return addresses, a forged Host header, a 24 MB form, a crafted WAV, too many live connections.
/// </summary>
public sealed partial class StrangerInputTests(StrangerSiteFixture site) : IClassFixture<StrangerSiteFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/%0d%0aSet-Cookie:%20x=1")]
    [InlineData("/%00")]
    [InlineData("/ą")]
    [InlineData("/zg%C5%82oszenie\t")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("~/status")]
    [InlineData("status")]
    [InlineData("")]
    [InlineData("%")]
    public async Task LanguageSwitch_AnOddReturnValue_GoesHome_NeverA500(string powrot)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = site.BaseAddress };
        var query = "/jezyk?kultura=en-GB&powrot=" + (powrot.Contains('%', StringComparison.Ordinal) ? powrot : Uri.EscapeDataString(powrot));
        using var response = await http.GetAsync(query, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task LanguageSwitch_APathOfOurs_IsWhereItReturns()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = site.BaseAddress };
        using var response = await http.GetAsync("/jezyk?kultura=en-GB&powrot=" + Uri.EscapeDataString("/status?numer=K7P-4QX-9M"), Ct);
        Assert.Equal("/status?numer=K7P-4QX-9M", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/status")]
    [InlineData("/deklaracja-dostepnosci")]
    [InlineData("/zgloszenie")]
    [InlineData("/nie-ma-takiej-strony")]
    public async Task AForgedHostHeader_IsNeverEchoedIntoAPage(string path)
    {
        using var http = new HttpClient { BaseAddress = site.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "phishing.example";
        using var response = await http.SendAsync(request, Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("phishing.example", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("phishing.example", string.Join(" ", response.Headers.Concat(response.Content.Headers).SelectMany(h => h.Value)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AFormPostOf24MB_IsRefusedBeforeItIsRead_WithAPolishPage()
    {
        using var http = new HttpClient { BaseAddress = site.BaseAddress };
        var body = new string('a', 24 * 1024 * 1024);
        using var content = new StringContent("_handler=status&numer=" + body, Encoding.ASCII, "application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/status") { Content = content };

        // The client waits to be asked for the body ("100 Continue"), as browsers and proxies may: a body read on
        // the server is asked for, one refused from its declared length is never sent.
        request.Headers.ExpectContinue = true;
        using var response = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<html lang=\"pl\">", page, StringComparison.Ordinal);
        Assert.Contains("Formularz jest za duży", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChunkedFormPostPastTheLimit_IsRefused_AnOrdinaryOneStillWorks()
    {
        using var http = new HttpClient { BaseAddress = site.BaseAddress };
        using var huge = new StreamContent(new RepeatingStream("numer=" + new string('a', 100), 100 * 1024));
        huge.Headers.ContentType = new("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/status") { Content = huge };
        request.Headers.TransferEncodingChunked = true;
        using var refused = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("Formularz jest za duży", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // A real look-up, chunked, well under the limit: answered as always.
        using var cookies = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = site.BaseAddress };
        var token = Token().Match(await cookies.GetStringAsync("/status", Ct)).Groups[1].Value;
        var form = $"_handler=status&__RequestVerificationToken={Uri.EscapeDataString(token)}&numer=K7P4QX9&cyfry=0200";
        using var small = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes(form)));
        small.Headers.ContentType = new("application/x-www-form-urlencoded");
        using var ordinary = new HttpRequestMessage(HttpMethod.Post, "/status") { Content = small };
        ordinary.Headers.TransferEncodingChunked = true;
        using var answered = await cookies.SendAsync(ordinary, Ct);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains("Numer zgłoszenia ma 8 znaków", WebUtility.HtmlDecode(await answered.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACraftedWavChunkSize_Gets400WithAPolishMessage_NeverA500()
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = site.BaseAddress };
        var token = Token().Match(await http.GetStringAsync("/status", Ct)).Groups[1].Value;

        // A "LIST" chunk whose size, with its pad byte, runs past 2 GiB.
        var file = new byte[64];
        "RIFF"u8.CopyTo(file);
        BitConverter.TryWriteBytes(file.AsSpan(4), 56u);
        "WAVE"u8.CopyTo(file.AsSpan(8));
        "LIST"u8.CopyTo(file.AsSpan(12));
        BitConverter.TryWriteBytes(file.AsSpan(16), 0x7FFFFFEBu);
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new("audio/wav");
        using var request = new HttpRequestMessage(HttpMethod.Post, DictationEndpoints.Path) { Content = content };
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Nagranie jest uszkodzone albo niepełne. Nagraj jeszcze raz albo wpisz tekst w polu.", problem.GetProperty("detail").GetString());
        Assert.Equal("Damaged", problem.GetProperty("kod").GetString());
    }

    [Fact]
    public async Task AChunkedRecordingPastTheLimit_Gets413WithAPolishMessage_NeverA500()
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = site.BaseAddress };
        var token = Token().Match(await http.GetStringAsync("/status", Ct)).Groups[1].Value;
        var wav = WavAudio.Encode(new short[WavAudio.SampleRate * 6]); // 6 s where 5 are allowed
        using var content = new StreamContent(new MemoryStream(wav));
        content.Headers.ContentType = new("audio/wav");
        using var request = new HttpRequestMessage(HttpMethod.Post, DictationEndpoints.Path) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("TooLong", problem.GetProperty("kod").GetString());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    /// <summary>A body that repeats <paramref name="text"/> up to <paramref name="length"/> bytes, of unknown length (so it is sent chunked).</summary>
    private sealed class RepeatingStream(string text, long length) : Stream
    {
        private readonly byte[] _bytes = Encoding.ASCII.GetBytes(text);
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = _bytes[(_position + i) % _bytes.Length];
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>A site with server dictation (its engine is absent: nothing listens there) of at most 5 s a recording.</summary>
public sealed class StrangerSiteFixture : SiteFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Dictation:Engine"] = "OpenAiCompatible",
        ["Dictation:OpenAiCompatible:BaseUrl"] = "http://127.0.0.1:9/",
        ["Dictation:MaxSeconds"] = "5",
    };
}

/// <summary>A site where one address may hold three live connections.</summary>
public sealed class FewConnectionsSiteFixture : SiteFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Abuse:LiveConnectionsPerAddress"] = "3",
    };
}

/// <summary>A kiosk that may hold two live connections and ask for three texts a minute.</summary>
public sealed class FewConnectionsKioskFixture : KioskTests.KioskFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Abuse:LiveConnectionsPerKiosk"] = "2",
        ["Speech:RequestsPerMinute"] = "3",
    };
}

/// <summary>Live connections per address (IPv6: per /64) and per kiosk are capped; the kiosk's read-aloud has a rate.</summary>
public sealed class LiveConnectionCapTests(FewConnectionsSiteFixture site, FewConnectionsKioskFixture kiosk)
    : IClassFixture<FewConnectionsSiteFixture>, IClassFixture<FewConnectionsKioskFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OneAddress_HoldsAtMostThreeLiveConnections_ItsSlash64Too_OthersAreUnaffected()
    {
        var open = new List<ClientWebSocket>();
        try
        {
            foreach (var address in new[] { "2001:db8:5:6::1", "2001:db8:5:6::2", "2001:db8:5:6::3" })
            {
                open.Add(await ConnectAsync(site.BaseAddress, address));
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, await RefusedAsync(site.BaseAddress, "2001:db8:5:6:ffff::4"));
            open.Add(await ConnectAsync(site.BaseAddress, "2001:db8:5:7::1"));
            open.Add(await ConnectAsync(site.BaseAddress, "198.51.100.77"));

            // A closed connection frees its place.
            await open[0].CloseAsync(WebSocketCloseStatus.NormalClosure, null, Ct);
            open.Add(await ConnectWhenFreeAsync(site.BaseAddress, "2001:db8:5:6::9"));
        }
        finally
        {
            foreach (var socket in open)
            {
                socket.Dispose();
            }
        }
    }

    [Fact]
    public async Task OneKiosk_HoldsAtMostTwoLiveConnections_AndAsksForAtMostThreeTextsAMinute()
    {
        var open = new List<ClientWebSocket>();
        try
        {
            open.Add(await ConnectAsync(kiosk.BaseAddress, null));
            open.Add(await ConnectAsync(kiosk.BaseAddress, null));
            Assert.Equal(HttpStatusCode.TooManyRequests, await RefusedAsync(kiosk.BaseAddress, null));
        }
        finally
        {
            foreach (var socket in open)
            {
                socket.Dispose();
            }
        }

        using var http = new HttpClient { BaseAddress = kiosk.BaseAddress };
        for (var i = 0; i < 3; i++)
        {
            using var spoken = await http.PostAsJsonAsync("/api/mowa", new { tekst = "Dalej" }, Ct);
            Assert.Equal(HttpStatusCode.OK, spoken.StatusCode);
        }

        using var refused = await http.PostAsJsonAsync("/api/mowa", new { tekst = "Wstecz" }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.RetryAfter?.ToString());
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.StartsWith("Ten kiosk poprosił w ostatniej minucie o przeczytanie zbyt wielu tekstów.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A Blazor connection as the page opens one: negotiate, then the WebSocket and SignalR's handshake.</summary>
    private static async Task<ClientWebSocket> ConnectAsync(Uri app, string? forwardedFor)
    {
        var socket = await TryConnectAsync(app, forwardedFor);
        return socket.Socket ?? throw new InvalidOperationException($"Refused with {socket.Status}.");
    }

    private static async Task<HttpStatusCode> RefusedAsync(Uri app, string? forwardedFor)
    {
        var socket = await TryConnectAsync(app, forwardedFor);
        socket.Socket?.Dispose();
        Assert.Null(socket.Socket);
        return socket.Status;
    }

    private static async Task<ClientWebSocket> ConnectWhenFreeAsync(Uri app, string forwardedFor)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var socket = await TryConnectAsync(app, forwardedFor);
            if (socket.Socket is not null)
            {
                return socket.Socket;
            }

            Assert.True(DateTime.UtcNow < deadline, "The closed connection's place was never freed.");
            await Task.Delay(100, Ct);
        }
    }

    private static async Task<(ClientWebSocket? Socket, HttpStatusCode Status)> TryConnectAsync(Uri app, string? forwardedFor)
    {
        using var http = new HttpClient { BaseAddress = app };
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        if (forwardedFor is not null)
        {
            negotiate.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var negotiated = await http.SendAsync(negotiate, Ct);
        negotiated.EnsureSuccessStatusCode();
        var token = (await negotiated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("connectionToken").GetString();

        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (forwardedFor is not null)
        {
            socket.Options.SetRequestHeader("X-Forwarded-For", forwardedFor);
        }

        try
        {
            await socket.ConnectAsync(new Uri($"ws://{app.Authority}/_blazor?id={token}"), Ct);
        }
        catch (WebSocketException)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            return (null, status);
        }

        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"blazorpack\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, Ct);
        var buffer = new byte[256];
        var handshake = await socket.ReceiveAsync(buffer, Ct);
        Assert.Equal("{}\u001e", Encoding.UTF8.GetString(buffer, 0, handshake.Count));
        return (socket, HttpStatusCode.SwitchingProtocols);
    }
}
