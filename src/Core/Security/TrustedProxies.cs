using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using MobilnyUrzednik.Core.Data;
using IPNetwork = System.Net.IPNetwork;

namespace MobilnyUrzednik.Core.Security;

/// <summary>
/// Which reverse proxies are believed when they say who the caller is (<c>X-Forwarded-For</c>) and whether the caller
/// used HTTPS (<c>X-Forwarded-Proto</c>): setting <c>Abuse:TrustedProxies</c>, a list of addresses (<c>10.0.0.5</c>,
/// <c>2001:db8::5</c>) or networks in CIDR form (<c>10.0.0.0/24</c>, <c>2001:db8::/64</c>). Empty (the default): a
/// proxy on the same machine (loopback) only. Once the list names anything, only what it names is trusted — list
/// <c>127.0.0.1</c> too if a proxy also runs on the same machine. A malformed entry stops start-up with one line.
/// </summary>
public static class TrustedProxies
{
    /// <summary>The setting, as an operator writes it.</summary>
    public const string Setting = "Abuse:TrustedProxies";

    /// <summary>Makes <paramref name="networks"/> (none: loopback) the proxies <paramref name="options"/> believes.</summary>
    public static void Configure(ForwardedHeadersOptions options, IReadOnlyList<IPNetwork> networks)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(networks);
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        if (networks.Count == 0)
        {
            // The framework's default: 127.0.0.0/8 and ::1.
            return;
        }

        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(network);
        }
    }

    /// <summary>
    /// The networks the entries name (a single address is a network of one; an entry may hold several, separated by
    /// commas or spaces). Throws <see cref="StartupFailureException"/> naming the first malformed entry.
    /// </summary>
    public static IReadOnlyList<IPNetwork> Parse(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var networks = new List<IPNetwork>();
        foreach (var entry in entries.SelectMany(e => (e ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            networks.Add(ParseOne(entry));
        }

        return networks;
    }

    /// <summary>
    /// Applies the forwarded headers of trusted proxies: first of all, so HSTS, the error page, the limits and the
    /// kiosk's HTTPS-only cookie all see the caller's scheme and address, not the proxy's.
    /// </summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) => app.UseForwardedHeaders();

    /// <summary>Reads <see cref="Setting"/> into the framework's options.</summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IEnumerable<string> entries)
    {
        // Parsed now, not when the first request comes: a malformed entry stops start-up.
        var networks = Parse(entries);
        return services.Configure<ForwardedHeadersOptions>(o => Configure(o, networks));
    }

    private static IPNetwork ParseOne(string entry)
    {
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        var addressPart = slash < 0 ? entry : entry[..slash];
        // IPAddress.TryParse also takes "10" (0.0.0.10) and "10.1" (10.0.0.1): an operator never means those.
        if (!IPAddress.TryParse(addressPart, out var address)
            || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && addressPart.Count(c => c == '.') != 3))
        {
            throw Malformed(entry);
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bits = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(entry[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix > bits))
        {
            throw Malformed(entry);
        }

        // 10.0.0.5/24 means the network 10.0.0.0/24: the host bits are let go rather than refused.
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPNetwork(new IPAddress(bytes), prefix);
    }

    private static StartupFailureException Malformed(string entry) => new(
        $"Błędny wpis „{entry}” w {Setting} — wpisz adres IP (np. 10.0.0.5) albo sieć w zapisie CIDR (np. 10.0.0.0/24). "
        + $"/ Invalid entry '{entry}' in {Setting}: use an IP address or a CIDR network.");
}
