using System.Collections.Concurrent;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>A gateway in memory: records what it is given and answers as the test scripts it (default: delivered).</summary>
internal sealed class ScriptedTransport(NotificationChannel channel) : IMessageTransport
{
    private readonly ConcurrentQueue<DeliveryResult> _answers = new();

    public NotificationChannel Channel { get; } = channel;

    /// <summary>Every message handed over, in order (retries included).</summary>
    public ConcurrentQueue<OutgoingMessage> Calls { get; } = new();

    /// <summary>The answers to give, one per call; when they run out, every call is delivered.</summary>
    public ScriptedTransport Then(params DeliveryResult[] answers)
    {
        foreach (var answer in answers)
        {
            _answers.Enqueue(answer);
        }

        return this;
    }

    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        Calls.Enqueue(message);
        return Task.FromResult(_answers.TryDequeue(out var answer) ? answer : DeliveryResult.Delivered("id-" + message.Key[..6]));
    }
}

/// <summary>The app's environment as a test wants it.</summary>
internal sealed class TestEnvironment(string name, string contentRoot) : Microsoft.Extensions.Hosting.IHostEnvironment
{
    public string EnvironmentName { get; set; } = name;
    public string ApplicationName { get; set; } = "MobilnyUrzednik.PublicSite";
    public string ContentRootPath { get; set; } = contentRoot;
    public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
}
