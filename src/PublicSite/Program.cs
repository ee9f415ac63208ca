using MobilnyUrzednik.Core;
using MobilnyUrzednik.PublicSite;
using MobilnyUrzednik.PublicSite.Backup;
using MobilnyUrzednik.PublicSite.Staff;

var builder = WebApplication.CreateBuilder(args);
builder.AddCore();
builder.AddPublicSite();
builder.AddStaffAccounts();

var app = builder.Build();
if (BackupCommand.IsCommand(args))
{
    // Before PrepareDatabaseAsync: a backup copies the database as it is, never migrating or seeding it.
    return await BackupCommand.RunAsync(app.Services, args, Console.Out, Console.Error);
}

await app.PrepareDatabaseAsync();
await app.PrepareStaffAsync();
if (StaffCommands.IsCommand(args))
{
    return await StaffCommands.RunAsync(app.Services, args, Console.In, Console.Out, Console.Error);
}

app.UsePublicSite();
await app.RunAsync();
return 0;

/// <summary>Entry point, public so tests can host the site with WebApplicationFactory.</summary>
public partial class Program;
