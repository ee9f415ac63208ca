using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Data;

namespace MobilnyUrzednik.PublicSite.Data;

/// <summary>
/// <c>dotnet run --project src/PublicSite -- migrate</c>: brings the database schema up to date and seeds the
/// first-start data. PostgreSQL deployments run it before starting (or rolling) the nodes; on SQLite the apps
/// do the same at every start, so it is only needed there to prepare a file ahead of time.
/// </summary>
internal static class MigrateCommand
{
    public const string Name = "migrate";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        var applied = await DatabaseStartup.MigrateAsync(services);
        await output.WriteLineAsync(applied.Count == 0
            ? $"Schemat bazy {settings.Describe()} jest aktualny. / The schema is up to date."
            : $"Wykonano {Plural.Format(applied.Count, "migrację|migracje|migracji", Plural.Polish)} w {settings.Describe()}: {string.Join(", ", applied)}. / Applied {applied.Count} migrations.");
        return 0;
    }
}
