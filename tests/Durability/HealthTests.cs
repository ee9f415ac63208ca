using System.Net;
using System.Text.Json;
using Npgsql;

namespace MobilnyUrzednik.Durability;

/// <summary>
/// <c>/healthz</c> and <c>/healthz/ready</c> on both apps, run as their own processes in Production: ready while the
/// database answers with a current schema and a readable key ring, 503 while PostgreSQL is down and 200 again once it is
/// back, without restarting the apps; the answers name checks and states only.
/// </summary>
[Trait("RunOnce", "true")]
public sealed class HealthTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sqlite_LiveAndReady_BothApps_WithoutADeviceOrSignIn()
    {
        using var folder = new TempFolder();
        var settings = Production(new() { ["ConnectionStrings:Default"] = "Data Source=" + folder.File("mobilny.db") });
        await using var site = await AppProcess.StartAsync("MobilnyUrzednik.PublicSite", settings, Ct);
        await using var kiosk = await AppProcess.StartAsync("MobilnyUrzednik.Kiosk", settings, Ct);

        foreach (var app in new[] { site, kiosk })
        {
            var (liveStatus, live) = await GetAsync(app, "/healthz");
            Assert.Equal(HttpStatusCode.OK, liveStatus);
            Assert.Equal("""{"status":"Healthy","checks":{}}""", live);

            var (readyStatus, ready) = await GetAsync(app, "/healthz/ready");
            Assert.Equal(HttpStatusCode.OK, readyStatus);
            Assert.Equal("""{"status":"Healthy","checks":{"database":"Healthy","key-ring":"Healthy"}}""", ready);
        }
    }

    [Fact]
    public async Task PostgresStopped_Ready503_ThenReadyAgainAfterItRestarts_WithoutRestartingTheApps()
    {
        await using var cluster = await ThrowawayCluster.StartAsync(Ct);
        await using (var connection = new NpgsqlConnection(cluster.ServerConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var create = new NpgsqlCommand("CREATE DATABASE mobilny", connection);
            await create.ExecuteNonQueryAsync(Ct);
        }

        var settings = Production(new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = new NpgsqlConnectionStringBuilder(cluster.ServerConnectionString) { Database = "mobilny", Timeout = 3 }.ConnectionString,
        });
        var migrate = await AppProcess.RunAsync("MobilnyUrzednik.PublicSite", settings, Ct, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.Error);
        await using var site = await AppProcess.StartAsync("MobilnyUrzednik.PublicSite", settings, Ct);
        await using var kiosk = await AppProcess.StartAsync("MobilnyUrzednik.Kiosk", settings, Ct);
        var apps = new[] { site, kiosk };
        var processes = apps.Select(a => a.Id).ToArray();
        foreach (var app in apps)
        {
            await UntilAsync(app, "/healthz/ready", HttpStatusCode.OK);
        }

        await cluster.PauseAsync(Ct);
        foreach (var app in apps)
        {
            var down = await UntilAsync(app, "/healthz/ready", HttpStatusCode.ServiceUnavailable);
            Assert.Equal("Unhealthy", Checks(down)["database"]);
            Assert.DoesNotContain("Exception", down, StringComparison.Ordinal);
            Assert.DoesNotContain("127.0.0.1", down, StringComparison.Ordinal);

            // The process itself lives: the load balancer takes it out of rotation, the supervisor leaves it running.
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(app, "/healthz")).Status);
        }

        await cluster.ResumeAsync(Ct);
        foreach (var app in apps)
        {
            var up = await UntilAsync(app, "/healthz/ready", HttpStatusCode.OK);
            Assert.Equal("""{"status":"Healthy","checks":{"database":"Healthy","key-ring":"Healthy"}}""", up);
        }

        // The same processes, and the site serves pages from the database again.
        Assert.Equal(processes, apps.Select(a => a.Id).ToArray());
        Assert.All(apps, a => Assert.False(a.HasExited));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(site, "/zgloszenie")).Status);
    }

    [Fact]
    public async Task SchemaBehind_Ready503NamingTheDatabaseCheck()
    {
        var database = await TestPostgres.CreateDatabaseAsync(Ct);
        try
        {
            var settings = Production(new() { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Default"] = database });
            await using var site = await AppProcess.StartAsync("MobilnyUrzednik.PublicSite", settings, Ct);
            await UntilAsync(site, "/healthz/ready", HttpStatusCode.OK);

            // As when a newer node ran its migration's rollback, or the history was restored from an older backup.
            await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString))
            {
                await connection.OpenAsync(Ct);
                await using var command = new NpgsqlCommand(
                    "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = (SELECT max(\"MigrationId\") FROM \"__EFMigrationsHistory\")", connection);
                Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
            }

            var behind = await UntilAsync(site, "/healthz/ready", HttpStatusCode.ServiceUnavailable);
            Assert.Equal("""{"status":"Unhealthy","checks":{"database":"Unhealthy","key-ring":"Healthy"}}""", behind);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    private static Dictionary<string, string> Checks(string body) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body)!["checks"].Deserialize<Dictionary<string, string>>()!;

    // Polls as a load balancer does, until the answer is the one expected (or the patience runs out).
    private static async Task<string> UntilAsync(AppProcess app, string path, HttpStatusCode expected)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(Patience);
        var last = (Status: (HttpStatusCode)0, Body: "");
        while (!patience.IsCancellationRequested)
        {
            last = await GetAsync(app, path);
            if (last.Status == expected)
            {
                return last.Body;
            }

            await Task.Delay(200, CancellationToken.None);
        }

        Assert.Fail($"{app.BaseAddress}{path} still answered {last.Status} {last.Body}, not {expected}:\n{app.Log}");
        return "";
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(AppProcess app, string path)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync(new Uri(app.BaseAddress, path), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static Dictionary<string, string> Production(Dictionary<string, string> settings)
    {
        settings["PublicSiteUrl"] = "https://mobilny.przykladowo.example.pl";
        return settings;
    }
}
