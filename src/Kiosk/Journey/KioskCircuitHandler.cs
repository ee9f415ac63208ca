using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Kiosk.Devices;

namespace MobilnyUrzednik.Kiosk.Journey;

/// <summary>
/// The server's half of the lost-connection limit: if the connection is lost (the browser closed, the network down)
/// the circuit lingers on the server with the answers in it. When the connection stays down for
/// <see cref="KioskOptions.ConnectionLostSeconds"/>, the session is wiped here, as the page wipes itself in the browser
/// at the same limit (kiosk.js), so a connection that comes back late cannot bring the answers back. The clock is a
/// <see cref="TimeProvider"/> so the rule can be tested without waiting.
/// </summary>
public sealed class KioskCircuitHandler(KioskSession session, TimeProvider clock, IOptions<KioskOptions> options) : CircuitHandler, IDisposable
{
    private ITimer? _timer;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var after = TimeSpan.FromSeconds(options.Value.ConnectionLostSeconds);
        _timer?.Dispose();
        _timer = clock.CreateTimer(_ => session.Reset(), null, after, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _timer = null;
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        session.Reset();
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();
}
