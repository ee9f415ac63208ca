using MobilnyUrzednik.Core;
using MobilnyUrzednik.Core.Data;
using MobilnyUrzednik.Kiosk;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddCore();
    builder.AddKiosk();

    var app = builder.Build();
    await app.PrepareDatabaseAsync();
    app.UseKiosk();
    await app.RunAsync();
    return 0;
}
catch (StartupFailureException ex)
{
    // One line an operator can act on (a wrong setting, an unreachable database, a schema behind), not a stack trace.
    await Console.Error.WriteLineAsync(ex.Message);
    return 3;
}

/// <summary>Entry point, public so tests can host the kiosk with WebApplicationFactory.</summary>
public partial class Program;
