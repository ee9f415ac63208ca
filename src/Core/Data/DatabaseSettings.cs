using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace MobilnyUrzednik.Core.Data;

/// <summary>The database engines the service runs on: the same model, one migrations set each.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one file, migrated at start, for one node.</summary>
    Sqlite,

    /// <summary>For a municipality's IT department or an operator: migrated by the <c>migrate</c> command, several nodes.</summary>
    Postgres,
}

/// <summary>
/// Which engine and which database, from configuration: <c>Database:Provider</c> (<c>Sqlite</c>, the default, or
/// <c>Postgres</c>) and <c>ConnectionStrings:Default</c>. Anything wrong is a <see cref="StartupFailureException"/>
/// with one clear line, never a stack trace alone.
/// </summary>
public sealed class DatabaseSettings
{
    /// <summary>The migrations assembly of each engine (src/Core.Migrations.Sqlite, src/Core.Migrations.Postgres).</summary>
    public const string SqliteMigrationsAssembly = "MobilnyUrzednik.Core.Migrations.Sqlite";

    /// <inheritdoc cref="SqliteMigrationsAssembly"/>
    public const string PostgresMigrationsAssembly = "MobilnyUrzednik.Core.Migrations.Postgres";

    /// <summary>The command that brings a PostgreSQL schema up to date, as README gives it.</summary>
    public const string MigrateCommand = "dotnet run --project src/PublicSite -- migrate";

    private DatabaseSettings(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The connection string, with a relative SQLite file resolved against the app's folder.</summary>
    public string ConnectionString { get; }

    /// <summary>True for the embedded engine, which migrates itself at start.</summary>
    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    /// <summary>Reads and checks the settings.</summary>
    /// <param name="configuration">The app's configuration.</param>
    /// <param name="contentRoot">The folder a relative SQLite file name is resolved against.</param>
    public static DatabaseSettings From(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = ParseProvider(configuration["Database:Provider"]);
        var connectionString = configuration.GetConnectionString("Default");
        return provider == DatabaseProvider.Sqlite
            ? new(provider, Sqlite(connectionString ?? "Data Source=mobilny-urzednik.db", contentRoot))
            : new(provider, Postgres(connectionString));
    }

    /// <summary>Settings for a given engine and connection string (tests and benchmarks).</summary>
    public static DatabaseSettings For(DatabaseProvider provider, string connectionString, string? contentRoot = null) =>
        provider == DatabaseProvider.Sqlite
            ? new(provider, Sqlite(connectionString, contentRoot ?? Directory.GetCurrentDirectory()))
            : new(provider, Postgres(connectionString));

    /// <summary>Points <paramref name="options"/> at this database with the engine's migrations assembly.</summary>
    public DbContextOptionsBuilder<AppDbContext> Configure(DbContextOptionsBuilder<AppDbContext> options)
    {
        Configure((DbContextOptionsBuilder)options);
        return options;
    }

    /// <inheritdoc cref="Configure(DbContextOptionsBuilder{AppDbContext})"/>
    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Provider == DatabaseProvider.Sqlite
            ? options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly))
                .AddInterceptors(SqliteConnectionSetup.Instance)
            : options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
    }

    /// <summary>The options of a context on this database, for code outside an app's container.</summary>
    public DbContextOptions<AppDbContext> Options() => Configure(new DbContextOptionsBuilder<AppDbContext>()).Options;

    /// <summary>Where the database is, for messages: the file, or host, port and database — never a password.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        }

        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"{b.Host}:{b.Port}/{b.Database} (user {b.Username})";
    }

    private static DatabaseProvider ParseProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return value.Trim().ToUpperInvariant() switch
        {
            "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
            _ => throw new StartupFailureException(
                $"Nieznany silnik bazy danych „{value.Trim()}” w Database:Provider — wpisz Sqlite albo Postgres. "
                + $"/ Unknown database provider '{value.Trim()}' in Database:Provider: use Sqlite or Postgres."),
        };
    }

    private static string Sqlite(string connectionString, string contentRoot)
    {
        SqliteConnectionStringBuilder csb;
        try
        {
            csb = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new StartupFailureException(LooksLikePostgres(connectionString)
                ? "ConnectionStrings:Default wygląda na PostgreSQL (Host=…), a Database:Provider to Sqlite — ustaw Database:Provider=Postgres. "
                    + "/ The connection string is PostgreSQL's: set Database:Provider=Postgres."
                : $"Błędny ciąg połączenia SQLite w ConnectionStrings:Default ({ex.Message}). / Invalid SQLite connection string.");
        }

        if (!string.IsNullOrEmpty(csb.DataSource) && csb.DataSource != ":memory:" && !Path.IsPathRooted(csb.DataSource)
            && !csb.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            csb.DataSource = Path.GetFullPath(Path.Combine(contentRoot, csb.DataSource));
        }

        return csb.ToString();
    }

    private static string Postgres(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StartupFailureException(
                "Database:Provider to Postgres, ale brak ConnectionStrings:Default (np. Host=localhost;Database=mobilny_urzednik;Username=mobilny_urzednik;Password=…). "
                + "/ Database:Provider is Postgres but ConnectionStrings:Default is empty.");
        }

        try
        {
            var csb = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrEmpty(csb.Host))
            {
                throw new ArgumentException("Host is missing");
            }

            return csb.ConnectionString;
        }
        catch (ArgumentException ex)
        {
            throw new StartupFailureException(
                $"Błędny ciąg połączenia PostgreSQL w ConnectionStrings:Default ({ex.Message}); potrzebne są co najmniej Host, Database i Username. "
                + "/ Invalid PostgreSQL connection string: Host, Database and Username are needed.");
        }
    }

    private static bool LooksLikePostgres(string connectionString) =>
        connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase) || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase);
}
