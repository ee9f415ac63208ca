using MobilnyUrzednik.Core;
using MobilnyUrzednik.PublicSite;

var builder = WebApplication.CreateBuilder(args);
builder.AddCore();
builder.AddPublicSite();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UsePublicSite();
await app.RunAsync();

/// <summary>Entry point, public so tests can host the site with WebApplicationFactory.</summary>
public partial class Program;
