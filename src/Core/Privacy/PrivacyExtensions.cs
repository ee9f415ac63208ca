using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MobilnyUrzednik.Core.Data;

namespace MobilnyUrzednik.Core.Privacy;

/// <summary>Registers anonymisation, the resident's data rights and (public site only) the retention job.</summary>
public static class PrivacyExtensions
{
    public static IHostApplicationBuilder AddPrivacy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PrivacyOptions>()
            .Bind(builder.Configuration.GetSection("Privacy"))
            .Validate(o => o.RetentionDays >= 30, "Privacy:RetentionDays must be at least 30 (days a closed request keeps its personal data).")
            .ValidateOnStart();
        builder.Services.AddSingleton<RequestAnonymiser>();
        builder.Services.AddSingleton<PersonalData>();
        builder.Services.AddSingleton<RetentionJob>();
        return builder;
    }

    /// <summary>The hourly retention run, in the one app that runs background jobs (the public site).</summary>
    public static IHostApplicationBuilder AddRetentionWorker(this IHostApplicationBuilder builder)
    {
        builder.AddJobLeader();
        builder.Services.AddHostedService<RetentionWorker>();
        return builder;
    }
}
