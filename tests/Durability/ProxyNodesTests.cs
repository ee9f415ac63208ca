using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MobilnyUrzednik.Durability;

/// <summary>
/// Two public-site nodes (their own processes) on one PostgreSQL database behind the system's HAProxy with cookie
/// affinity, all on loopback: a resident files through one node and finds the request on /status through the other, and
/// a coordinator signed in once through one node goes on working when the affinity cookie moves them to the other (the
/// key ring and the staff sessions are in the database). HAProxy names the node that answered (X-Served-By).
/// </summary>
[Trait("RunOnce", "true")]
public sealed class ProxyNodesTests
{
    private const string Password = "Kolorowe-Jabłka-2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ResidentAndCoordinator_MovedBetweenNodes_KeepWorking()
    {
        var database = await TestPostgres.CreateDatabaseAsync(Ct);
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Default"] = database,
                ["PublicSiteUrl"] = "https://mobilny.przykladowo.example.pl",
                ["Abuse:PostsPerMinute"] = "1000",
                ["Abuse:MinimumFillSeconds"] = "0",
                ["Staff:RequireTwoFactor"] = "false",
            };
            var created = await AppProcess.RunWithInputAsync("MobilnyUrzednik.PublicSite", settings, Password, Ct,
                "create-staff", "--email", "ewa.nowak@gmina.example.pl", "--name", "Ewa Nowak", "--role", "coordinator");
            Assert.True(created.ExitCode == 0, created.Output + created.Error);

            await using var node1 = await AppProcess.StartAsync("MobilnyUrzednik.PublicSite", settings, Ct);
            await using var node2 = await AppProcess.StartAsync("MobilnyUrzednik.PublicSite", settings, Ct);
            await using var proxy = await HaproxyProcess.StartAsync(node1.BaseAddress, node2.BaseAddress, Ct);

            // A resident files through node 1 …
            using var resident = new JourneyClient(proxy.Address);
            resident.SetCookie("mu_node", "node1");
            await resident.WalkToCheckAsync("+48 602 555 123", Ct);
            Assert.True(await resident.SendAsync(Ct), "the request was not sent");
            var code = await resident.ReadConfirmationAsync(null, Ct);
            Assert.Equal("node1", resident.ServedBy);

            // … and, from another browser held to node 2, finds it on /status.
            using var neighbour = new JourneyClient(proxy.Address);
            neighbour.SetCookie("mu_node", "node2");
            Assert.Contains(code, await neighbour.LookUpStatusAsync(code, "5123", Ct), StringComparison.Ordinal);
            Assert.Equal("node2", neighbour.ServedBy);

            // A coordinator signs in once through node 1 …
            using var coordinator = new JourneyClient(proxy.Address);
            coordinator.SetCookie("mu_node", "node1");
            var landed = await coordinator.SignInStaffAsync("ewa.nowak@gmina.example.pl", Password, Ct);
            Assert.StartsWith("/panel", landed, StringComparison.Ordinal);
            Assert.NotEqual("/panel/logowanie", landed);
            Assert.Equal("/panel", (await coordinator.OpenAsync("/panel", Ct)).Path);
            Assert.Equal("node1", coordinator.ServedBy);

            // … and when the affinity cookie sends them to node 2, the panel is still theirs, without signing in again.
            coordinator.SetCookie("mu_node", "node2");
            Assert.Equal("/panel", (await coordinator.OpenAsync("/panel", Ct)).Path);
            Assert.Equal("node2", coordinator.ServedBy);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    /// <summary>/usr/sbin/haproxy in the foreground with a configuration written for two nodes, on a free port.</summary>
    private sealed class HaproxyProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _folder;

        private HaproxyProcess(Process process, string folder, Uri address)
        {
            _process = process;
            _folder = folder;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<HaproxyProcess> StartAsync(Uri node1, Uri node2, CancellationToken ct)
        {
            var port = FreePort();
            var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"mu-haproxy-{Guid.NewGuid():N}")).FullName;
            var config = Path.Combine(folder, "haproxy.cfg");
            await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 60s
                    timeout server 60s
                    timeout tunnel 1h
                    timeout check 10s
                    option redispatch
                    retries 2

                frontend public
                    bind 127.0.0.1:{port}
                    option forwardfor
                    http-request set-header X-Forwarded-Proto http
                    default_backend publicsite

                backend publicsite
                    balance roundrobin
                    cookie mu_node insert indirect nocache httponly
                    option httpchk GET /healthz/ready
                    http-check expect status 200
                    # Patient checks: on a loaded two-core CI machine a node's answer can take seconds, and a node
                    # wrongly marked down answers the test's requests with 503 (seen once). Nodes never stop here.
                    http-response set-header X-Served-By %[srv_name]
                    server node1 127.0.0.1:{node1.Port} check inter 1s fall 10 rise 1 cookie node1
                    server node2 127.0.0.1:{node2.Port} check inter 1s fall 10 rise 1 cookie node2

                """), ct);
            var start = new ProcessStartInfo("/usr/sbin/haproxy") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-db");
            start.ArgumentList.Add("-f");
            start.ArgumentList.Add(config);
            var process = Process.Start(start) ?? throw new InvalidOperationException("haproxy did not start.");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var proxy = new HaproxyProcess(process, folder, new Uri($"http://127.0.0.1:{port}/"));

            // Ready when both nodes answer through it (its checks have passed).
            using var http = new HttpClient();
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
            patience.CancelAfter(TimeSpan.FromSeconds(60));
            foreach (var node in new[] { "node1", "node2" })
            {
                while (true)
                {
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(proxy.Address, "/healthz/ready"));
                        request.Headers.Add("Cookie", "mu_node=" + node);
                        using var response = await http.SendAsync(request, patience.Token);
                        if (response.StatusCode == HttpStatusCode.OK && response.Headers.TryGetValues("X-Served-By", out var by) && by.Single() == node)
                        {
                            break;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // Not listening yet.
                    }

                    await Task.Delay(100, patience.Token);
                }
            }

            return proxy;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
            Directory.Delete(_folder, recursive: true);
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
