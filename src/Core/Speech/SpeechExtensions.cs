using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MobilnyUrzednik.Core.Speech;

/// <summary>Registers the server-side voice (espeak-ng, Polish).</summary>
public static class SpeechExtensions
{
    public static IServiceCollection AddTextToSpeech(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EspeakOptions>(configuration.GetSection("Speech:Espeak"));
        services.AddSingleton<ITextToSpeech, EspeakTextToSpeech>();
        return services;
    }
}
