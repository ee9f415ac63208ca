namespace MobilnyUrzednik.Components.Forms;

/// <summary>
/// What the dictation button needs to know about the configured engine; the apps build it from Core's dictation
/// options. <see cref="Off"/> when no engine is configured: no button is rendered at all.
/// </summary>
/// <param name="Mode">"browser" (the page's own speech recognition), "server" (record and post) or null (off).</param>
/// <param name="Consent">Who receives the voice when it leaves the municipality: "browser", "azure", "external", or null (asks nothing).</param>
/// <param name="MaxSeconds">Longest recording.</param>
/// <param name="Endpoint">Where recordings are posted (server mode).</param>
public sealed record DictationSettings(string? Mode, string? Consent, int MaxSeconds, string Endpoint)
{
    public static DictationSettings Off { get; } = new(null, null, 0, string.Empty);

    public bool IsOn => Mode is not null;
}
