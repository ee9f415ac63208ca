using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MobilnyUrzednik.Core.Speech;

/// <summary>Registers the server-side voice (espeak-ng, Polish).</summary>
public static class SpeechExtensions
{
    public static IServiceCollection AddTextToSpeech(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EspeakOptions>().Bind(configuration.GetSection("Speech:Espeak"))
            .Validate(o => o.CacheMegabytes >= 1 && o.MaxConcurrent >= 1 && o.MaxWaiting >= 0, "Speech:Espeak: CacheMegabytes and MaxConcurrent must be at least 1, MaxWaiting at least 0.")
            .ValidateOnStart();
        services.AddOptions<SpeechOptions>().Bind(configuration.GetSection("Speech"))
            .Validate(o => o.RequestsPerMinute >= 1, "Speech:RequestsPerMinute must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<ITextToSpeech, EspeakTextToSpeech>();
        return services;
    }
}
