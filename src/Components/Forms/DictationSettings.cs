using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Dictation;

namespace MobilnyUrzednik.Components.Forms;

/// <summary>
/// What the dictation button needs to know about the configured engine, built from Core's dictation options. <see cref="Off"/> when no engine is configured: no button is rendered at all.
/// </summary>
/// <param name="Mode">"browser" (the page's own speech recognition), "server" (record and post) or null (off).</param>
/// <param name="Consent">Who receives the voice when it leaves the municipality: "browser", "azure", "external", or null (asks nothing).</param>
/// <param name="MaxSeconds">Longest recording.</param>
/// <param name="Endpoint">Where recordings are posted (server mode).</param>
public sealed record DictationSettings(string? Mode, string? Consent, int MaxSeconds, string Endpoint)
{
    public static DictationSettings Off { get; } = new(null, null, 0, string.Empty);

    public bool IsOn => Mode is not null;

    /// <summary>What the dictation button needs to know of the configured engine (Off when none is configured).</summary>
    public static DictationSettings From(DictationOptions o) =>
        new(DictationSetup.ClientMode(o.Engine), DictationSetup.ConsentFor(o), o.MaxSeconds, DictationEndpoints.Path);

    /// <summary>Registers the settings built from the app's "Dictation" section (both apps, one way).</summary>
    public static IServiceCollection AddDictationSettings(IServiceCollection services) =>
        services.AddSingleton(sp => From(sp.GetRequiredService<IOptions<DictationOptions>>().Value));
}
