using Microsoft.EntityFrameworkCore.Design;

namespace MobilnyUrzednik.Core.Data.Sqlite;

/// <summary>
/// Lets `dotnet ef migrations add Name --project src/Core.Migrations.Sqlite` build the context for this engine without
/// starting an app (nothing connects to the database for adding a migration or checking for model changes).
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(DatabaseSettings.For(DatabaseProvider.Sqlite, "Data Source=design-time.db").Options());
}
