using Microsoft.EntityFrameworkCore.Design;

namespace MobilnyUrzednik.Core.Data.Postgres;

/// <summary>
/// Lets `dotnet ef migrations add Name --project src/Core.Migrations.Postgres` build the context for this engine without
/// starting an app (nothing connects to the database for adding a migration or checking for model changes).
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(DatabaseSettings.For(DatabaseProvider.Postgres, "Host=localhost;Database=design_time;Username=design_time").Options());
}
