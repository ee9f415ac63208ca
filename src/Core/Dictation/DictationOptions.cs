namespace MobilnyUrzednik.Core.Dictation;

/// <summary>Which engine turns a resident's speech into text (configuration "Dictation:Engine").</summary>
public enum DictationEngine
{
    /// <summary>No dictation: the button is not shown; typing works as always.</summary>
    None,

    /// <summary>The browser's own speech recognition (Web Speech API, pl-PL). In Chrome the audio goes to Google's cloud.</summary>
    Browser,

    /// <summary>Azure AI Speech, REST API for short audio (pl-PL), called from our server.</summary>
    Azure,

    /// <summary>An OpenAI-compatible <c>/v1/audio/transcriptions</c> endpoint, e.g. whisper.cpp or faster-whisper run by the municipality.</summary>
    OpenAiCompatible,
}

/// <summary>Dictation settings (section "Dictation").</summary>
public sealed class DictationOptions
{
    public DictationEngine Engine { get; set; } = DictationEngine.None;

    /// <summary>Longest recording, in seconds (Azure's short-audio API takes at most 60).</summary>
    public int MaxSeconds { get; set; } = 60;

    /// <summary>How long the engine may take for one recording before the resident is told to type.</summary>
    public int EngineTimeoutSeconds { get; set; } = 20;

    /// <summary>Recordings one address (or one kiosk) may send a minute.</summary>
    public int RecordingsPerMinute { get; set; } = 10;

    public AzureSpeechOptions Azure { get; set; } = new();

    public OpenAiTranscriptionOptions OpenAiCompatible { get; set; } = new();

    /// <summary>Largest body accepted: the WAV header and <see cref="MaxSeconds"/> of 16 kHz mono 16-bit audio.</summary>
    public int MaxBytes => WavAudio.HeaderAllowance + (MaxSeconds * WavAudio.BytesPerSecond);
}

/// <summary>Azure AI Speech (section "Dictation:Azure").</summary>
public sealed class AzureSpeechOptions
{
    /// <summary>The Speech resource's key (keep it in user secrets or the environment, never in the repository).</summary>
    public string? Key { get; set; }

    /// <summary>The resource's region, e.g. "westeurope" or "polandcentral".</summary>
    public string? Region { get; set; }

    /// <summary>Overrides the address made from the region (sovereign clouds, a proxy, or a test listener).</summary>
    public Uri? Endpoint { get; set; }

    public Uri ResolvedEndpoint => Endpoint
        ?? new Uri($"https://{Region}.stt.speech.microsoft.com/speech/recognition/conversation/cognitiveservices/v1");
}

/// <summary>An OpenAI-compatible transcription server (section "Dictation:OpenAiCompatible").</summary>
public sealed class OpenAiTranscriptionOptions
{
    /// <summary>The server's base address; <c>/v1/audio/transcriptions</c> is added (e.g. http://whisper.gmina.local:8080).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>A bearer key, when the server wants one.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The model name the server expects (whisper.cpp ignores it; faster-whisper servers use e.g. "Systran/faster-whisper-small").</summary>
    public string Model { get; set; } = "whisper-1";

    /// <summary>
    /// True when the municipality runs the server itself, so voices never leave its systems and no consent notice is
    /// needed. Set false when the address belongs to an outside company (e.g. a cloud API).
    /// </summary>
    public bool HostedByMunicipality { get; set; } = true;
}
