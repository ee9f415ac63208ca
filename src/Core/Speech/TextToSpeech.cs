using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MobilnyUrzednik.Core.Speech;

/// <summary>Turns checked Polish text into speech audio (a WAV file).</summary>
public interface ITextToSpeech
{
    /// <summary>The spoken text as a RIFF/WAV (PCM). Throws <see cref="SpeechUnavailableException"/> when the engine cannot run.</summary>
    Task<byte[]> SynthesizeAsync(string text, CancellationToken ct = default);

    /// <summary>The text spoken with the voice of <paramref name="language"/> ("pl", "en", "uk").</summary>
    Task<byte[]> SynthesizeAsync(string text, string language, CancellationToken ct = default);
}

/// <summary>Settings of the server-side voice (section "Speech:Espeak").</summary>
public sealed class EspeakOptions
{
    /// <summary>The espeak-ng program (from the system packages: <c>apt-get install espeak-ng</c>).</summary>
    public string Executable { get; set; } = "espeak-ng";

    /// <summary>The Polish voice.</summary>
    public string Voice { get; set; } = "pl";

    /// <summary>The Ukrainian voice (the kiosk in Ukrainian).</summary>
    public string UkrainianVoice { get; set; } = "uk";

    /// <summary>The English voice (the kiosk in English).</summary>
    public string EnglishVoice { get; set; } = "en";

    /// <summary>Words per minute; a little slower than espeak's 175 default, for older listeners.</summary>
    public int WordsPerMinute { get; set; } = 150;

    /// <summary>Longest time one sentence may take to synthesise.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Memory for spoken texts kept for the next time (each screen's question is asked again and again), in
    /// megabytes; the least recently used go first. A long text is about 1 MB of audio.</summary>
    public int CacheMegabytes { get; set; } = 32;

    /// <summary>espeak-ng processes running at once; further texts wait for one to finish…</summary>
    public int MaxConcurrent { get; set; } = 2;

    /// <summary>…at most this many of them; beyond that the answer is "busy" at once.</summary>
    public int MaxWaiting { get; set; } = 8;
}

/// <summary>Settings of the read-aloud endpoint (section "Speech").</summary>
public sealed class SpeechOptions
{
    /// <summary>Texts one kiosk may ask to hear a minute (a screen is a few; keys echoed in the non-visual mode are one each).</summary>
    public int RequestsPerMinute { get; set; } = 120;
}

/// <summary>The speech engine could not produce audio (not installed, crashed, too slow).</summary>
public class SpeechUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Every espeak-ng slot is taken and the queue is full: try again in a moment.</summary>
public sealed class SpeechBusyException() : SpeechUnavailableException("Every speech slot is busy.");

/// <summary>
/// Offline text-to-speech with espeak-ng (Polish, and the Ukrainian and English voices for the kiosk in those languages), run as a process (no shell: the text goes on standard
/// input, never on a command line). Results are cached by the text's hash in a cache bounded by bytes, so a screen
/// read again costs nothing; at most <see cref="EspeakOptions.MaxConcurrent"/> processes run at once, with a short
/// queue, so a flood of texts cannot start a process each.
/// The text itself is never logged: it may hold a name or an address.
/// </summary>
public sealed class EspeakTextToSpeech(IOptions<EspeakOptions> options, ILogger<EspeakTextToSpeech> logger) : ITextToSpeech, IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.CacheMegabytes) * 1024L * 1024L, CompactionPercentage = 0.25, TrackStatistics = true });
    private readonly SemaphoreSlim slots = new(Math.Max(1, options.Value.MaxConcurrent));
    private int waiting;

    /// <summary>Bytes of audio in the cache now.</summary>
    public long CachedBytes => cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    public void Dispose()
    {
        cache.Dispose();
        slots.Dispose();
    }

    public Task<byte[]> SynthesizeAsync(string text, CancellationToken ct = default) => SynthesizeAsync(text, "pl", ct);

    public async Task<byte[]> SynthesizeAsync(string text, string language, CancellationToken ct = default)
    {
        language = SpeechText.Language(language);
        if (SpeechText.Check(text, language) is { } error)
        {
            throw new ArgumentException($"The text cannot be read aloud: {error}.", nameof(text));
        }

        var voice = language switch
        {
            "uk" => options.Value.UkrainianVoice,
            "en" => options.Value.EnglishVoice,
            _ => options.Value.Voice,
        };
        var key = "tts:" + voice + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        if (cache.TryGetValue(key, out byte[]? cached) && cached is not null)
        {
            return cached;
        }

        if (Interlocked.Increment(ref waiting) > Math.Max(1, options.Value.MaxConcurrent) + Math.Max(0, options.Value.MaxWaiting))
        {
            Interlocked.Decrement(ref waiting);
            throw new SpeechBusyException();
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.Timeout);
            try
            {
                await slots.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new SpeechBusyException();
            }

            try
            {
                var audio = await RunAsync(text, voice, ct);
                cache.Set(key, audio, new MemoryCacheEntryOptions { Size = audio.Length, SlidingExpiration = TimeSpan.FromHours(12) });
                return audio;
            }
            finally
            {
                slots.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    private async Task<byte[]> RunAsync(string text, string voice, CancellationToken ct)
    {
        var o = options.Value;
        var start = new ProcessStartInfo(o.Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var arg in new[] { "-v", voice, "-s", o.WordsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture), "-b", "1", "--stdout" })
        {
            start.ArgumentList.Add(arg);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(o.Timeout);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SpeechUnavailableException("espeak-ng did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            logger.LogError("Text-to-speech engine {Executable} cannot be started: {Reason}", o.Executable, e.Message);
            throw new SpeechUnavailableException("espeak-ng is not installed.", e);
        }

        using (process)
        {
            try
            {
                var output = new MemoryStream();
                var copy = process.StandardOutput.BaseStream.CopyToAsync(output, timeout.Token);
                var errors = process.StandardError.ReadToEndAsync(timeout.Token);
                await process.StandardInput.WriteAsync(text.AsMemory(), timeout.Token);
                process.StandardInput.Close();
                await copy;
                await process.WaitForExitAsync(timeout.Token);
                if (process.ExitCode != 0 || output.Length <= 44)
                {
                    logger.LogError("Text-to-speech engine failed with exit code {ExitCode}: {Error}", process.ExitCode, (await errors).Trim());
                    throw new SpeechUnavailableException("espeak-ng produced no audio.");
                }

                return FixStreamedWavHeader(output.ToArray());
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                logger.LogError("Text-to-speech engine took longer than {Timeout}", o.Timeout);
                throw new SpeechUnavailableException("espeak-ng took too long.");
            }
        }
    }

    /// <summary>
    /// espeak-ng writing to a pipe cannot seek back, so its RIFF and data sizes are placeholders
    /// (0x7FFFF000…). Writes the real sizes, so every player (and the browser) knows the length.
    /// </summary>
    internal static byte[] FixStreamedWavHeader(byte[] wav)
    {
        if (wav.Length < 44 || Encoding.ASCII.GetString(wav, 0, 4) != "RIFF" || Encoding.ASCII.GetString(wav, 8, 4) != "WAVE")
        {
            throw new SpeechUnavailableException("espeak-ng produced something that is not a WAV file.");
        }

        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(4), (uint)(wav.Length - 8));
        var offset = 12;
        while (offset + 8 <= wav.Length)
        {
            var id = Encoding.ASCII.GetString(wav, offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(offset + 4));
            if (id == "data")
            {
                BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(offset + 4), (uint)(wav.Length - offset - 8));
                return wav;
            }

            offset += 8 + (int)size;
        }

        throw new SpeechUnavailableException("espeak-ng produced a WAV file without audio data.");
    }
}
