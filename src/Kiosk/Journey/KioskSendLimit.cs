using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using MobilnyUrzednik.Core.Security;

namespace MobilnyUrzednik.Kiosk.Journey;

/// <summary>How many requests each kiosk may send a minute (Abuse:KioskRequestsPerMinute).</summary>
public sealed class KioskSendLimit(IOptions<AbuseOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(device =>
        RateLimitPartition.GetFixedWindowLimiter(device, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.KioskRequestsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>True when this kiosk may send one more request now.</summary>
    public bool TryTake(string deviceId)
    {
        using var lease = _limiter.AttemptAcquire(deviceId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
