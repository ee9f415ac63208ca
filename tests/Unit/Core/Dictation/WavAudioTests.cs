using System.Buffers.Binary;

namespace MobilnyUrzednik.Core.Dictation;

public sealed class WavAudioTests
{
    [Fact]
    public void SixteenKilohertzMonoPcm_IsAccepted_WithItsDuration()
    {
        var file = WavAudio.Encode(SpeechEngineContractTests.Tone(TimeSpan.FromSeconds(2.5)));
        Assert.Equal(WavProblem.None, WavAudio.TryParse(file, out var audio));
        Assert.Equal(2.5, audio!.Duration.TotalSeconds, 3);
    }

    [Theory]
    [InlineData(24, 8000u, "WrongFormat")]   // 8 kHz
    [InlineData(22, 2u, "WrongFormat")]      // stereo (channels field is 16 bits: written as 2)
    [InlineData(20, 3u, "WrongFormat")]      // IEEE float, not PCM
    public void OtherFormats_AreRefused(int offset, uint value, string expected)
    {
        var file = WavAudio.Encode(SpeechEngineContractTests.Tone(TimeSpan.FromSeconds(1)));
        if (offset == 24)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(offset), (ushort)value);
        }

        Assert.Equal(Enum.Parse<WavProblem>(expected), WavAudio.TryParse(file, out _));
    }

    [Theory]
    [InlineData(0x7FFFFFEBu)] // body + size = int.MaxValue, odd: the pad byte wrapped the position round to a negative one
    [InlineData(0x7FFFFFFFu)]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(1_000u)]      // simply longer than the file
    public void AChunkSizePastTheEndOfTheFile_IsDamaged_NeverAnException(uint size)
    {
        var file = new byte[64];
        "RIFF"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), 56);
        "WAVE"u8.CopyTo(file.AsSpan(8));
        "LIST"u8.CopyTo(file.AsSpan(12));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(16), size);

        Assert.Equal(WavProblem.Damaged, WavAudio.TryParse(file, out var audio));
        Assert.Null(audio);
    }

    [Fact]
    public void NotAWav_IsRefused()
    {
        Assert.Equal(WavProblem.NotWav, WavAudio.TryParse("OggS\0\0\0\0to nie jest wav"u8.ToArray(), out _));
        Assert.Equal(WavProblem.NotWav, WavAudio.TryParse([], out _));
        Assert.Equal(WavProblem.NotWav, WavAudio.TryParse("RIFF\0\0\0\0WAVE"u8.ToArray(), out _));
    }

    [Fact]
    public void NoSamples_IsEmpty()
    {
        Assert.Equal(WavProblem.Empty, WavAudio.TryParse(WavAudio.Encode([]), out _));
    }

    [Fact]
    public void Transcript_LosesMarkupAndControlCharacters()
    {
        Assert.Equal("Proszę o wizytę", DictationEndpoints.Clean("Proszę <b>o</b> wizytę\u0007"));
    }
}
