using MobilnyUrzednik.Core;
using MobilnyUrzednik.Kiosk;

var builder = WebApplication.CreateBuilder(args);
builder.AddCore();
builder.AddKiosk();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseKiosk();
await app.RunAsync();

/// <summary>Entry point, public so tests can host the kiosk with WebApplicationFactory.</summary>
public partial class Program;
