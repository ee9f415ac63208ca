using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace MobilnyUrzednik.Core.Security;

/// <summary>
/// Who a limit counts: the caller's address as one bucket. An IPv6 customer is normally given a whole /64 (2^64
/// addresses), so per-address limits count the /64, not the single address; IPv4 addresses count one by one (an
/// IPv4-mapped IPv6 address is its IPv4 address). The address is the real one when a trusted proxy forwarded it
/// (ForwardedHeaders runs first).
/// </summary>
public static class ClientAddress
{
    /// <summary>The limit bucket of <paramref name="address"/>: "203.0.113.7" or "2001:db8:1:2::/64".</summary>
    public static string Partition(IPAddress? address)
    {
        if (address is null)
        {
            return "nieznany";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The limit bucket of this request's caller.</summary>
    public static string Partition(HttpContext context) => Partition(context.Connection.RemoteIpAddress);
}
