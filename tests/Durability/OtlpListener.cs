using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MobilnyUrzednik.Durability;

/// <summary>
/// An OTLP/HTTP receiver (<c>POST /v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>, protobuf) on 127.0.0.1 at a free
/// port, as a collector is to the apps: it answers each export with an empty success and keeps the raw bodies. Protobuf
/// carries strings as their UTF-8 bytes, so a string anywhere in a span, attribute, resource or metric is found by
/// searching the bodies, without decoding them.
/// </summary>
internal sealed class OtlpListener : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<(string Path, byte[] Body)> _received = [];
    private WebApplication? _app;

    public Uri Endpoint { get; private set; } = default!;

    public static async Task<OtlpListener> StartAsync()
    {
        var listener = new OtlpListener();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(listener.HandleAsync);
        await app.StartAsync();
        listener._app = app;
        listener.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return listener;
    }

    /// <summary>How many exports arrived at <paramref name="path"/> (e.g. "/v1/traces").</summary>
    public int Count(string path)
    {
        lock (_lock)
        {
            return _received.Count(r => r.Path == path);
        }
    }

    /// <summary>Everything received, as text (protobuf's strings readable, the rest noise).</summary>
    public string Text
    {
        get
        {
            lock (_lock)
            {
                return string.Join('\n', _received.Select(r => Encoding.UTF8.GetString(r.Body)));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        var source = context.Request.Headers.ContentEncoding == "gzip" ? new GZipStream(context.Request.Body, CompressionMode.Decompress) : context.Request.Body;
        await source.CopyToAsync(body, context.RequestAborted);
        lock (_lock)
        {
            _received.Add((context.Request.Path.Value ?? "", body.ToArray()));
        }

        // An empty Export…ServiceResponse: all accepted.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-protobuf";
    }
}
