using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MobilnyUrzednik.Durability;

/// <summary>One group of nodes behind the proxy (the public site, the kiosk): its affinity cookie and its nodes by name.</summary>
internal sealed record ProxiedApp(string Name, string AffinityCookie, IReadOnlyList<(string Node, Uri Address)> Nodes);

/// <summary>
/// /usr/sbin/haproxy in the foreground, as README's production section puts it in front of the apps: TLS ends at the
/// proxy (a throw-away self-signed certificate for 127.0.0.1 made here, valid for an hour), <c>X-Forwarded-Proto: https</c>
/// and <c>X-Forwarded-For</c> passed on, cookie affinity per app, health checks on <c>/healthz/ready</c>. Each app gets
/// a frontend of its own on a free port (a deployment would use one port and a host name each). HAProxy names the node
/// that answered in <c>X-Served-By</c>. Clients trust exactly this certificate (<see cref="CreateHandler"/>).
/// </summary>
internal sealed class HaproxyProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly Dictionary<string, Uri> _addresses;
    private readonly string _certificateHash;

    private HaproxyProcess(Process process, string folder, Dictionary<string, Uri> addresses, string certificateHash)
    {
        _process = process;
        _folder = folder;
        _addresses = addresses;
        _certificateHash = certificateHash;
    }

    /// <summary>The https:// address of <paramref name="app"/>'s frontend.</summary>
    public Uri AddressOf(string app) => _addresses[app];

    /// <summary>A handler that trusts this proxy's certificate only (pinned by its SHA-256), and no redirects.</summary>
    public SocketsHttpHandler CreateHandler(CookieContainer? cookies = null)
    {
        var pinned = _certificateHash;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), pinned, StringComparison.OrdinalIgnoreCase),
            },
        };
        if (cookies is not null)
        {
            handler.CookieContainer = cookies;
        }

        return handler;
    }

    public static async Task<HaproxyProcess> StartAsync(IReadOnlyList<ProxiedApp> apps, CancellationToken ct)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"mu-haproxy-{Guid.NewGuid():N}")).FullName;
        var (pem, hash) = SelfSignedCertificate();
        var certificate = Path.Combine(folder, "proxy.pem");
        await File.WriteAllTextAsync(certificate, pem, ct);
        var addresses = new Dictionary<string, Uri>(StringComparer.Ordinal);
        var config = new StringBuilder("""
            defaults
                mode http
                timeout connect 5s
                timeout client 60s
                timeout server 60s
                timeout tunnel 1h
                timeout check 10s
                option redispatch
                retries 2

            """);
        foreach (var app in apps)
        {
            var port = FreePort();
            addresses[app.Name] = new Uri($"https://127.0.0.1:{port}/");
            config.Append(CultureInfo.InvariantCulture, $"""

                frontend {app.Name}
                    bind 127.0.0.1:{port} ssl crt {certificate}
                    option forwardfor
                    http-request set-header X-Forwarded-Proto https
                    default_backend {app.Name}-nodes

                backend {app.Name}-nodes
                    balance roundrobin
                    cookie {app.AffinityCookie} insert indirect nocache httponly secure
                    option httpchk GET /healthz/ready
                    http-check expect status 200
                    # Patient checks: on a loaded two-core CI machine a node's answer can take seconds, and a node
                    # wrongly marked down answers the test's requests with 503 (seen once). Nodes never stop here.
                    http-response set-header X-Served-By %[srv_name]

                """);
            foreach (var (node, address) in app.Nodes)
            {
                config.Append(CultureInfo.InvariantCulture, $"    server {node} 127.0.0.1:{address.Port} check inter 1s fall 10 rise 1 cookie {node}\n");
            }
        }

        var file = Path.Combine(folder, "haproxy.cfg");
        await File.WriteAllTextAsync(file, config.ToString(), ct);
        var start = new ProcessStartInfo("/usr/sbin/haproxy") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-db");
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add(file);
        var process = Process.Start(start) ?? throw new InvalidOperationException("haproxy did not start.");
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var proxy = new HaproxyProcess(process, folder, addresses, hash);

        // Ready when every node answers through it (its checks have passed).
        try
        {
            using var http = new HttpClient(proxy.CreateHandler());
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
            patience.CancelAfter(TimeSpan.FromSeconds(60));
            foreach (var app in apps)
            {
                foreach (var (node, _) in app.Nodes)
                {
                    while (!await AnswersAsync(http, proxy.AddressOf(app.Name), app.AffinityCookie, node, patience.Token))
                    {
                        if (process.HasExited)
                        {
                            throw new InvalidOperationException("haproxy stopped:\n" + log);
                        }

                        await Task.Delay(100, patience.Token);
                    }
                }
            }
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
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

    private static async Task<bool> AnswersAsync(HttpClient http, Uri frontend, string cookie, string node, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(frontend, "/healthz/ready"));
            request.Headers.Add("Cookie", cookie + "=" + node);
            using var response = await http.SendAsync(request, ct);
            return response.StatusCode == HttpStatusCode.OK && response.Headers.TryGetValues("X-Served-By", out var by) && by.Single() == node;
        }
        catch (HttpRequestException)
        {
            return false; // Not listening yet.
        }
    }

    // A P-256 key and a certificate for 127.0.0.1 that it signs itself, as HAProxy reads them (certificate, then key, in
    // one PEM file), and the certificate's SHA-256 for the clients to pin.
    private static (string Pem, string Sha256) SelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));
        return (certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n", certificate.GetCertHashString(HashAlgorithmName.SHA256));
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
