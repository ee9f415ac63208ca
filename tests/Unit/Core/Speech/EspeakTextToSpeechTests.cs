using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MobilnyUrzednik.Core.Speech;

/// <summary>The real espeak-ng (test.sh installs it): Polish speech that is a valid WAV, grows with the text and is not silence.</summary>
public sealed class EspeakTextToSpeechTests : IDisposable
{
    private readonly EspeakTextToSpeech _speech = new(Options.Create(new EspeakOptions()), NullLogger<EspeakTextToSpeech>.Instance);

    [Fact]
    public async Task Synthesize_PolishSentence_GivesAudibleMonoPcmWav()
    {
        var wav = await _speech.SynthesizeAsync("Dzień dobry. Urzędnik przyjdzie do Pani we wtorek.", TestContext.Current.CancellationToken);
        var info = Read(wav);

        Assert.Equal(1, info.Channels);
        Assert.Equal(16, info.BitsPerSample);
        Assert.Equal(22050, info.SampleRate);
        Assert.Equal(wav.Length - 8, info.RiffSize);
        Assert.InRange(info.Seconds, 1.5, 10);
        Assert.True(info.Rms > 0.02, $"RMS {info.Rms:F4}: the audio is silence");
    }

    [Fact]
    public async Task Synthesize_LongerText_GivesLongerAudio()
    {
        var shortWav = Read(await _speech.SynthesizeAsync("Dalej.", TestContext.Current.CancellationToken));
        var longWav = Read(await _speech.SynthesizeAsync("Dalej. Wpisz imię i nazwisko osoby, do której ma przyjść urzędnik, a potem naciśnij przycisk Dalej.", TestContext.Current.CancellationToken));

        Assert.True(longWav.Seconds > shortWav.Seconds * 3, $"{shortWav.Seconds:F2} s vs {longWav.Seconds:F2} s");
    }

    [Fact]
    public async Task Synthesize_SameTextTwice_ComesFromTheCache()
    {
        var first = await _speech.SynthesizeAsync("Numer zgłoszenia", TestContext.Current.CancellationToken);
        var second = await _speech.SynthesizeAsync("Numer zgłoszenia", TestContext.Current.CancellationToken);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task Cache_IsBoundedByBytes_NotByHowManyTexts()
    {
        using var speech = new EspeakTextToSpeech(Options.Create(new EspeakOptions { CacheMegabytes = 1 }), NullLogger<EspeakTextToSpeech>.Instance);
        long made = 0;
        for (var i = 0; i < 8; i++)
        {
            // About 10 s of speech each: roughly 440 KB of audio.
            made += (await speech.SynthesizeAsync($"Tekst numer {i}. Wpisz imię i nazwisko osoby, do której ma przyjść urzędnik, a potem naciśnij przycisk Dalej. Sprawdź, czy wszystko się zgadza.", TestContext.Current.CancellationToken)).Length;
            Assert.InRange(speech.CachedBytes, 1, 1024 * 1024);
        }

        Assert.True(made > 2 * 1024 * 1024, $"Only {made} bytes made: the texts were too short to test the bound.");
    }

    [Fact]
    public async Task MoreTextsAtOnceThanSlotsAndQueue_TheRestAreToldBusyAtOnce()
    {
        using var speech = new EspeakTextToSpeech(Options.Create(new EspeakOptions { MaxConcurrent = 1, MaxWaiting = 1 }), NullLogger<EspeakTextToSpeech>.Instance);
        var ct = TestContext.Current.CancellationToken;

        // Started together: one runs, one waits, the third is told "busy" at once.
        var first = speech.SynthesizeAsync("Pierwszy tekst do przeczytania.", ct);
        var second = speech.SynthesizeAsync("Drugi tekst do przeczytania.", ct);
        var third = speech.SynthesizeAsync("Trzeci tekst do przeczytania.", ct);

        await Assert.ThrowsAsync<SpeechBusyException>(() => third);
        Assert.True((await first).Length > 44);
        Assert.True((await second).Length > 44);

        // Once they are done, there is room again.
        Assert.True((await speech.SynthesizeAsync("Trzeci tekst do przeczytania.", ct)).Length > 44);
    }

    [Fact]
    public async Task Synthesize_TextOutsideThePolishScript_IsRefusedBeforeTheEngineRuns() =>
        await Assert.ThrowsAsync<ArgumentException>(() => _speech.SynthesizeAsync("Привет", TestContext.Current.CancellationToken));

    [Fact]
    public async Task Synthesize_UkrainianText_InTheUkrainianVoice_IsAudibleAndCachedApartFromPolish()
    {
        var ukrainian = await _speech.SynthesizeAsync("Для кого цей візит? Номер заявки: K7P 4QX 9M.", "uk", TestContext.Current.CancellationToken);
        var info = Read(ukrainian);
        Assert.InRange(info.Seconds, 1.5, 12);
        Assert.True(info.Rms > 0.02, $"RMS {info.Rms:F4}: the audio is silence");

        // The same Latin letters in the Polish and the Ukrainian voice are two different recordings.
        Assert.NotSame(await _speech.SynthesizeAsync("Dalej", "pl", TestContext.Current.CancellationToken), await _speech.SynthesizeAsync("Dalej", "uk", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Synthesize_EngineMissing_SaysSpeechIsUnavailable()
    {
        using var missing = new EspeakTextToSpeech(Options.Create(new EspeakOptions { Executable = "/nonexistent/espeak-ng" }), NullLogger<EspeakTextToSpeech>.Instance);
        await Assert.ThrowsAsync<SpeechUnavailableException>(() => missing.SynthesizeAsync("Dzień dobry", TestContext.Current.CancellationToken));
    }

    [Fact]
    public void FixStreamedWavHeader_PlaceholderSizes_AreReplacedByTheRealOnes()
    {
        var wav = new byte[44 + 10];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(wav, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(4), 0x7FFFF024);
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(wav, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(16), 16);
        Encoding.ASCII.GetBytes("data").CopyTo(wav, 36);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(40), 0x7FFFF000);

        var fixedWav = EspeakTextToSpeech.FixStreamedWavHeader(wav);

        Assert.Equal(46u, BinaryPrimitives.ReadUInt32LittleEndian(fixedWav.AsSpan(4)));
        Assert.Equal(10u, BinaryPrimitives.ReadUInt32LittleEndian(fixedWav.AsSpan(40)));
    }

    public void Dispose() => _speech.Dispose();

    internal sealed record WavInfo(int Channels, int SampleRate, int BitsPerSample, long RiffSize, double Seconds, double Rms);

    /// <summary>Reads a PCM WAV: its format, length and loudness (root mean square, 0–1).</summary>
    internal static WavInfo Read(byte[] wav)
    {
        Assert.Equal("RIFF", Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal("WAVE", Encoding.ASCII.GetString(wav, 8, 4));
        int channels = 0, rate = 0, bits = 0, offset = 12;
        while (offset + 8 <= wav.Length)
        {
            var id = Encoding.ASCII.GetString(wav, offset, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(offset + 4));
            if (id == "fmt ")
            {
                Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(offset + 8))); // PCM
                channels = BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(offset + 10));
                rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(offset + 12));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(offset + 22));
            }
            else if (id == "data")
            {
                Assert.Equal(wav.Length - offset - 8, size);
                var samples = size / 2;
                double sum = 0;
                for (var i = 0; i < samples; i++)
                {
                    var s = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(offset + 8 + (i * 2))) / 32768.0;
                    sum += s * s;
                }

                return new WavInfo(channels, rate, bits, BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(4)), samples / (double)(rate * channels), Math.Sqrt(sum / Math.Max(1, samples)));
            }

            offset += 8 + size;
        }

        throw new Xunit.Sdk.XunitException("No data chunk in the WAV.");
    }
}
