using System.Buffers.Binary;

namespace MobilnyUrzednik.Core.Dictation;

/// <summary>Why an upload is not a recording we accept.</summary>
public enum WavProblem
{
    None,
    NotWav,
    WrongFormat,
    Empty,

    /// <summary>A RIFF/WAVE file whose chunk sizes do not fit the file (cut short, or crafted).</summary>
    Damaged,
}

/// <summary>
/// A recording as the browser sends it: RIFF/WAVE, PCM, 16 kHz, mono, 16-bit. Parsed strictly (chunk by chunk), so
/// anything else is refused before it reaches an engine.
/// </summary>
public sealed class WavAudio
{
    public const int SampleRate = 16_000;
    public const int BytesPerSecond = SampleRate * 2;

    /// <summary>Room for the RIFF header and a few small extra chunks.</summary>
    public const int HeaderAllowance = 4_096;

    private WavAudio(byte[] file, int dataOffset, int dataLength)
    {
        File = file;
        DataOffset = dataOffset;
        DataLength = dataLength;
    }

    /// <summary>The whole file, as received (sent on to the engine unchanged).</summary>
    public byte[] File { get; }

    public int DataOffset { get; }

    public int DataLength { get; }

    public TimeSpan Duration => TimeSpan.FromSeconds(DataLength / (double)BytesPerSecond);

    public static WavProblem TryParse(byte[] file, out WavAudio? audio)
    {
        audio = null;
        var span = file.AsSpan();
        if (span.Length < 12 || !span[..4].SequenceEqual("RIFF"u8) || !span[8..12].SequenceEqual("WAVE"u8))
        {
            return WavProblem.NotWav;
        }

        var position = 12;
        var formatOk = false;
        var formatSeen = false;
        while (position + 8 <= span.Length)
        {
            var id = span.Slice(position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(position + 4, 4));
            var body = position + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + 16 > span.Length)
                {
                    return WavProblem.NotWav;
                }

                formatSeen = true;
                var format = BinaryPrimitives.ReadUInt16LittleEndian(span.Slice(body, 2));
                var channels = BinaryPrimitives.ReadUInt16LittleEndian(span.Slice(body + 2, 2));
                var rate = BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(body + 4, 4));
                var bits = BinaryPrimitives.ReadUInt16LittleEndian(span.Slice(body + 14, 2));
                formatOk = format == 1 && channels == 1 && rate == SampleRate && bits == 16;
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (!formatSeen)
                {
                    return WavProblem.NotWav;
                }

                if (!formatOk)
                {
                    return WavProblem.WrongFormat;
                }

                // A recorder that streams may leave the size open (0 or 0xFFFFFFFF): take what arrived.
                var available = span.Length - body;
                var length = size == 0 || size > available ? available : (int)size;
                length -= length % 2;
                if (length == 0)
                {
                    return WavProblem.Empty;
                }

                audio = new WavAudio(file, body, length);
                return WavProblem.None;
            }

            // In long arithmetic: a size near 4 GiB (crafted, or a broken recorder) must neither wrap around nor
            // point outside the file.
            var next = (long)body + size + (size % 2);
            if (next > span.Length)
            {
                return WavProblem.Damaged;
            }

            position = (int)next;
        }

        return formatSeen && !formatOk ? WavProblem.WrongFormat : WavProblem.NotWav;
    }

    /// <summary>A WAV file around 16 kHz mono 16-bit samples (used by tests and by tools that record).</summary>
    public static byte[] Encode(ReadOnlySpan<short> samples)
    {
        var data = samples.Length * 2;
        var file = new byte[44 + data];
        var s = file.AsSpan();
        "RIFF"u8.CopyTo(s);
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], (uint)(36 + data));
        "WAVE"u8.CopyTo(s[8..]);
        "fmt "u8.CopyTo(s[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(s[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(s[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(s[24..], SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(s[28..], BytesPerSecond);
        BinaryPrimitives.WriteUInt16LittleEndian(s[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(s[34..], 16);
        "data"u8.CopyTo(s[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[40..], (uint)data);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(s[(44 + (i * 2))..], samples[i]);
        }

        return file;
    }
}
