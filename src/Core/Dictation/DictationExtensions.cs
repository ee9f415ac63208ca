using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MobilnyUrzednik.Core.Dictation;

/// <summary>What the pages need to know about the configured engine.</summary>
public static class DictationSetup
{
    public static bool IsServerSide(DictationEngine engine) => engine is DictationEngine.Azure or DictationEngine.OpenAiCompatible;

    /// <summary>"browser" (the Web Speech API in the page), "server" (record and post to us) or null (no button).</summary>
    public static string? ClientMode(DictationEngine engine) => engine switch
    {
        DictationEngine.Browser => "browser",
        DictationEngine.Azure or DictationEngine.OpenAiCompatible => "server",
        _ => null,
    };

    /// <summary>Who receives the voice when it leaves the municipality — "browser" (the browser vendor's cloud),
    /// "azure", "external" (an outside transcription service) — so the resident is told and asked before the first
    /// recording; null when voices stay on the municipality's own machines (or there is no dictation).</summary>
    public static string? ConsentFor(DictationOptions options) => options.Engine switch
    {
        DictationEngine.Browser => "browser",
        DictationEngine.Azure => "azure",
        DictationEngine.OpenAiCompatible when !options.OpenAiCompatible.HostedByMunicipality => "external",
        _ => null,
    };
}

/// <summary>Registers dictation for either app.</summary>
public static class DictationExtensions
{
    public static IHostApplicationBuilder AddDictation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DictationOptions>()
            .Bind(builder.Configuration.GetSection("Dictation"))
            .Validate(o => o.MaxSeconds is >= 5 and <= 60, "Dictation:MaxSeconds must be between 5 and 60 (Azure's short-audio limit).")
            .Validate(o => o.EngineTimeoutSeconds is >= 1 and <= 120, "Dictation:EngineTimeoutSeconds must be between 1 and 120.")
            .Validate(o => o.RecordingsPerMinute >= 1, "Dictation:RecordingsPerMinute must be at least 1.")
            .Validate(o => o.Engine != DictationEngine.Azure || (!string.IsNullOrWhiteSpace(o.Azure.Key) && (o.Azure.Endpoint is not null || !string.IsNullOrWhiteSpace(o.Azure.Region))),
                "Dictation:Engine is Azure: set Dictation:Azure:Key and Dictation:Azure:Region (or Dictation:Azure:Endpoint).")
            .Validate(o => o.Engine != DictationEngine.OpenAiCompatible || o.OpenAiCompatible.BaseUrl is not null,
                "Dictation:Engine is OpenAiCompatible: set Dictation:OpenAiCompatible:BaseUrl.")
            .ValidateOnStart();

        // Each engine gets its own HttpClient; the time limit is ours (per recording), not HttpClient's.
        builder.Services.AddHttpClient<AzureSpeechRecognizer>(c => c.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.AddHttpClient<OpenAiTranscriptionRecognizer>(c => c.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.AddTransient<ISpeechRecognizer>(sp => sp.GetRequiredService<IOptions<DictationOptions>>().Value.Engine switch
        {
            DictationEngine.Azure => sp.GetRequiredService<AzureSpeechRecognizer>(),
            DictationEngine.OpenAiCompatible => sp.GetRequiredService<OpenAiTranscriptionRecognizer>(),
            _ => throw new InvalidOperationException("No server-side dictation engine is configured."),
        });
        return builder;
    }
}
