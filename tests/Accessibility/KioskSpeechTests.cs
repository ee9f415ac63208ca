using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MobilnyUrzednik.Accessibility;

/// <summary>The kiosk's read-aloud endpoint over real HTTP: Polish audio for good text, a clear Polish refusal otherwise.</summary>
public sealed class KioskSpeechTests(KioskTests.KioskFixture kiosk) : IClassFixture<KioskTests.KioskFixture>
{
    private readonly HttpClient _http = new() { BaseAddress = kiosk.BaseAddress };

    [Fact]
    public async Task Sentence_IsSpokenAsAWavThatGrowsWithTheText()
    {
        var shortAudio = await SpeakAsync("Dalej.");
        var longAudio = await SpeakAsync("Twój numer zgłoszenia to K 7 P, 4 Q X, 9 M. Zapisz go albo wydrukuj potwierdzenie.");

        Assert.Equal("audio/wav", shortAudio.Content.Headers.ContentType?.MediaType);
        var shortLength = (await shortAudio.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length;
        var longBytes = await longAudio.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True(longBytes.Length > shortLength * 3, $"{shortLength} vs {longBytes.Length} bytes");
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(longBytes, 0, 4));

        // Not silence: the loudness of the samples after the 44-byte header.
        double sum = 0;
        var samples = (longBytes.Length - 44) / 2;
        for (var i = 0; i < samples; i++)
        {
            var s = BitConverter.ToInt16(longBytes, 44 + (i * 2)) / 32768.0;
            sum += s * s;
        }

        Assert.True(Math.Sqrt(sum / samples) > 0.02, "the audio is silence");
    }

    [Theory]
    [InlineData("", "Brak tekstu do przeczytania.")]
    [InlineData("Привет, как дела?", "Tekst zawiera znaki, których nie umiemy przeczytać po polsku (na przykład emotikony, znaczniki albo inny alfabet).")]
    [InlineData("Dzień dobry 😀", "Tekst zawiera znaki, których nie umiemy przeczytać po polsku (na przykład emotikony, znaczniki albo inny alfabet).")]
    [InlineData("<b>Dalej</b>", "Tekst zawiera znaki, których nie umiemy przeczytać po polsku (na przykład emotikony, znaczniki albo inny alfabet).")]
    public async Task BadText_IsRefusedWithAPolishReason(string text, string reason)
    {
        var response = await SpeakAsync(text);
        await ExpectRefusalAsync(response, reason);
    }

    [Fact]
    public async Task TooLongText_IsRefusedWithTheLimit()
    {
        var response = await SpeakAsync(string.Concat(Enumerable.Repeat("Proszę o wizytę. ", 40)));
        await ExpectRefusalAsync(response, "Tekst jest za długi do przeczytania: może mieć najwyżej 600 znaków.");
    }

    private Task<HttpResponseMessage> SpeakAsync(string text) =>
        _http.PostAsJsonAsync("/api/mowa", new { tekst = text }, TestContext.Current.CancellationToken);

    private static async Task ExpectRefusalAsync(HttpResponseMessage response, string reason)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(reason, problem.RootElement.GetProperty("detail").GetString());
    }
}
