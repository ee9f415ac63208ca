using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace MobilnyUrzednik.Durability;

/// <summary>
/// What an operator sees when the database settings are wrong: each mistake ends start-up with one clear line (Polish, then
/// English) naming what to fix and a non-zero exit code, never a stack trace alone — for both apps. And the PostgreSQL
/// path README gives: an empty database refuses to start, <c>migrate</c> prepares it, and then the apps start.
/// </summary>
[Trait("RunOnce", "true")]
public sealed class StartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Apps => new() { "MobilnyUrzednik.PublicSite", "MobilnyUrzednik.Kiosk" };

    [Theory]
    [MemberData(nameof(Apps))]
    public async Task UnknownProvider_OneLineNamingTheSetting(string app)
    {
        var (code, output, error) = await AppProcess.RunAsync(app, Production(new() { ["Database:Provider"] = "Oracle" }), Ct);

        AssertOneLine(code, output, error, "Nieznany silnik bazy danych „Oracle” w Database:Provider — wpisz Sqlite albo Postgres.");
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public async Task NoPublicSiteUrlOutsideDevelopment_OneLineNamingTheSetting(string app)
    {
        var (code, output, error) = await AppProcess.RunAsync(app, new Dictionary<string, string>(), Ct);

        AssertOneLine(code, output, error, "Brak PublicSiteUrl: wpisz pełny adres strony publicznej");
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public async Task MovedClockOutsideTheTestingEnvironment_OneLineSayingItIsForTestsOnly(string app)
    {
        var (code, output, error) = await AppProcess.RunAsync(app, Production(new() { [Core.Common.ShiftedClock.OffsetKey] = "-2.00:00:00" }), Ct);

        AssertOneLine(code, output, error, "Testing:ClockOffset przesuwa zegar aplikacji i służy tylko testom: usuń to ustawienie");
    }

    [Fact]
    public async Task PostgresConnectionStringWithTheSqliteDefault_OneLineSayingWhichSettingToSet()
    {
        var (code, output, error) = await AppProcess.RunAsync("MobilnyUrzednik.PublicSite",
            Production(new() { ["ConnectionStrings:Default"] = "Host=127.0.0.1;Database=mobilny;Username=mobilny" }), Ct);

        AssertOneLine(code, output, error, "ustaw Database:Provider=Postgres");
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public async Task UnreachablePostgres_OneLineNamingTheAddress(string app)
    {
        var port = ClosedPort();
        var (code, output, error) = await AppProcess.RunAsync(app, Postgres($"Host=127.0.0.1;Port={port};Database=mobilny;Username=mobilny;Password=x;Timeout=5"), Ct);

        AssertOneLine(code, output, error, $"Nie można połączyć się z PostgreSQL pod adresem 127.0.0.1:{port}/mobilny");
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public async Task WrongPassword_OneLineSayingTheLoginWasRefused(string app)
    {
        var wrong = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString) { Password = "to-nie-jest-haslo" }.ConnectionString;

        var (code, output, error) = await AppProcess.RunAsync(app, Postgres(wrong), Ct);

        AssertOneLine(code, output, error, "PostgreSQL odrzucił logowanie");
        Assert.DoesNotContain("to-nie-jest-haslo", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingDatabase_OneLineSayingToCreateIt()
    {
        var missing = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString) { Database = "nie_ma_takiej_bazy" }.ConnectionString;

        var (code, output, error) = await AppProcess.RunAsync("MobilnyUrzednik.PublicSite", Postgres(missing), Ct);

        AssertOneLine(code, output, error, "Baza danych 127.0.0.1:");
        Assert.Contains("/nie_ma_takiej_bazy (user postgres) nie istnieje: utwórz ją", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyPostgresDatabase_RefusesToStartUntilMigrated_ThenBothAppsStart()
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync(Ct);
        try
        {
            foreach (var app in new[] { "MobilnyUrzednik.PublicSite", "MobilnyUrzednik.Kiosk" })
            {
                var (code, output, error) = await AppProcess.RunAsync(app, Postgres(database), Ct);
                AssertOneLine(code, output, error, "jest pusta: utwórz schemat poleceniem dotnet run --project src/PublicSite -- migrate");
            }

            var migrate = await AppProcess.RunAsync("MobilnyUrzednik.PublicSite", Postgres(database), Ct, "migrate");
            Assert.True(migrate.ExitCode == 0, migrate.Error);
            // Every migration of the PostgreSQL set, in a sentence whose noun agrees with the count ("5 migracji", "2 migracje").
            Assert.Matches(@"^Wykonano (1 migrację|\d*[2-4] migracje|\d+ migracji) w .*_Initial", migrate.Output);

            var again = await AppProcess.RunAsync("MobilnyUrzednik.PublicSite", Postgres(database), Ct, "migrate");
            Assert.Equal(0, again.ExitCode);
            Assert.Contains("jest aktualny", again.Output, StringComparison.Ordinal);

            await using var site = await AppProcess.StartAsync("MobilnyUrzednik.PublicSite", Postgres(database), Ct);
            await using var kiosk = await AppProcess.StartAsync("MobilnyUrzednik.Kiosk", Postgres(database), Ct);
            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(site.BaseAddress, "/"), Ct)).StatusCode);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task SchemaBehind_OneLineNamingTheMigrateCommand()
    {
        var database = await TestPostgres.CreateDatabaseAsync(Ct);
        try
        {
            // As after deploying a version with a new migration without running migrate: one migration not applied.
            await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString))
            {
                await connection.OpenAsync(Ct);
                await using var command = new NpgsqlCommand(
                    "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = (SELECT max(\"MigrationId\") FROM \"__EFMigrationsHistory\")", connection);
                Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
            }

            var (code, output, error) = await AppProcess.RunAsync("MobilnyUrzednik.Kiosk", Postgres(database), Ct);

            // "nieaktualny" (behind) with earlier migrations applied, "pusta" (empty) when the one removed was the only one: either way the command is named.
            AssertOneLine(code, output, error, "dotnet run --project src/PublicSite -- migrate");
            Assert.Matches("jest nieaktualny \\(1 migracja do wykonania|jest pusta", error);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    // The operator reads one line on standard error that says what to do; nothing that looks like a stack trace.
    private static void AssertOneLine(int code, string output, string error, string expected)
    {
        Assert.True(code != 0, $"The app started or ended well (exit code 0):\n{output}\n{error}");
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Contains(" / ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Production(Dictionary<string, string> settings)
    {
        settings["PublicSiteUrl"] = "https://mobilny.example.pl";
        return settings;
    }

    private static Dictionary<string, string> Postgres(string connectionString) => Production(new()
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Default"] = connectionString,
    });

    // A port nothing listens on: taken from the system, then let go.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
