using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MobilnyUrzednik.Core.Dictation;

/// <summary>One request as the fake engine received it over HTTP.</summary>
public sealed record EngineRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    byte[] Body,
    IReadOnlyDictionary<string, string> FormFields,
    byte[]? File,
    string? FileName,
    string? FileType);

/// <summary>
/// A speech engine on real Kestrel at a free port, holding the documented contract of both engines (Azure's short-audio
/// REST API and the OpenAI-compatible transcription endpoint): it records every request and answers as the test says.
/// </summary>
public sealed class FakeSpeechEngine : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeSpeechEngine(WebApplication app) => _app = app;

    public ConcurrentQueue<EngineRequest> Requests { get; } = new();

    /// <summary>The answer to give: status, JSON body, and an optional delay before answering.</summary>
    public Func<EngineRequest, (int Status, string Body, TimeSpan Delay)> Answer { get; set; } =
        _ => (200, """{"text":"Proszę o wizytę w sprawie dowodu osobistego."}""", TimeSpan.Zero);

    public Uri BaseAddress { get; private set; } = default!;

    public static async Task<FakeSpeechEngine> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var engine = new FakeSpeechEngine(app);
        app.Run(engine.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        engine.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return engine;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var fields = new Dictionary<string, string>();
        byte[] body;
        byte[]? file = null;
        string? fileName = null, fileType = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (key, value) in form)
            {
                fields[key] = value.ToString();
            }

            if (form.Files.Count > 0)
            {
                using var copy = new MemoryStream();
                await form.Files[0].CopyToAsync(copy);
                file = copy.ToArray();
                fileName = form.Files[0].FileName;
                fileType = form.Files[0].ContentType;
            }

            body = [];
        }
        else
        {
            using var copy = new MemoryStream();
            await request.Body.CopyToAsync(copy);
            body = copy.ToArray();
        }

        var received = new EngineRequest(
            request.Method,
            request.Path.Value ?? string.Empty,
            request.QueryString.Value ?? string.Empty,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            request.ContentType,
            body,
            fields,
            file,
            fileName,
            fileType);
        Requests.Enqueue(received);
        var (status, answer, delay) = Answer(received);
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
