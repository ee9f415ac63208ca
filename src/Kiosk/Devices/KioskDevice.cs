using System.Security.Cryptography;
using System.Text;

namespace MobilnyUrzednik.Kiosk.Devices;

/// <summary>One configured kiosk: where it stands and the hash of its secret key (section "Kiosk:Devices").</summary>
public sealed class KioskDeviceConfig
{
    /// <summary>A short stable id, e.g. "biblioteka-szkolna"; requests record it.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Where the kiosk stands, as residents and staff know it.</summary>
    public string Location { get; set; } = string.Empty;

    /// <summary>SHA-256 of the kiosk's key, hex (<c>printf %s KEY | sha256sum</c>). The key itself is never stored.</summary>
    public string KeySha256 { get; set; } = string.Empty;
}

/// <summary>The kiosk app's settings (section "Kiosk").</summary>
public sealed class KioskOptions
{
    public List<KioskDeviceConfig> Devices { get; set; } = [];

    /// <summary>Development only: a browser without a device cookie is taken for this device id, so <c>dotnet run</c> just works.</summary>
    public string? DevelopmentDevice { get; set; }

    /// <summary>Seconds without a touch or key before the "are you still there?" warning (default 120).</summary>
    public int IdleSeconds { get; set; } = 120;

    /// <summary>
    /// Seconds the warning gives before everything is wiped (default 30). EN 301 549 / WCAG 2.2.1 ask for at
    /// least 20; shorter values are accepted only in Development, where browser tests use a few seconds.
    /// </summary>
    public int WarningSeconds { get; set; } = 30;

    /// <summary>
    /// Seconds from the moment the live connection drops until the page wipes itself and the server forgets the
    /// circuit's answers (default 60). A hard limit: touches do not extend it; a connection that comes back before it
    /// carries on where the person was.
    /// </summary>
    public int ConnectionLostSeconds { get; set; } = 60;
}

/// <summary>The kiosk a request comes from, once its key was accepted.</summary>
public sealed record KioskDevice(string Id, string Location)
{
    /// <summary>Finds the device whose key hash matches <paramref name="key"/> (constant-time comparison).</summary>
    public static KioskDeviceConfig? Match(IEnumerable<KioskDeviceConfig> devices, string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key.Trim()));
        KioskDeviceConfig? found = null;
        foreach (var device in devices)
        {
            byte[] expected;
            try
            {
                expected = Convert.FromHexString(device.KeySha256.Trim());
            }
            catch (FormatException)
            {
                continue;
            }

            if (expected.Length == hash.Length && CryptographicOperations.FixedTimeEquals(expected, hash))
            {
                found = device;
            }
        }

        return found;
    }
}
