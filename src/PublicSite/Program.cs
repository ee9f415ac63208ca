using MobilnyUrzednik.Core;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.PublicSite;
using MobilnyUrzednik.PublicSite.Backup;
using MobilnyUrzednik.PublicSite.Data;
using MobilnyUrzednik.PublicSite.Staff;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddCore();
    builder.AddPublicSite();
    builder.AddStaffAccounts();

    var app = builder.Build();
    if (BackupCommand.IsCommand(args))
    {
        // Before the database is prepared: a backup copies the database as it is, never migrating or seeding it.
        return await BackupCommand.RunAsync(app.Services, args, Console.Out, Console.Error);
    }

    if (MigrateCommand.IsCommand(args))
    {
        return await MigrateCommand.RunAsync(app.Services, Console.Out);
    }

    await app.PrepareDatabaseAsync();
    if (StaffCommands.IsCommand(args))
    {
        return await StaffCommands.RunAsync(app.Services, args, Console.In, Console.Out, Console.Error);
    }

    app.UsePublicSite();
    await app.RunAsync();
    return 0;
}
catch (StartupFailureException ex)
{
    // One line an operator can act on (a wrong setting, an unreachable database, a schema behind), not a stack trace.
    await Console.Error.WriteLineAsync(ex.Message);
    return 3;
}

/// <summary>Entry point, public so tests can host the site with WebApplicationFactory.</summary>
public partial class Program;
