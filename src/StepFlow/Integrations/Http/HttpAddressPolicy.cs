using System.Net;
using System.Net.Sockets;

namespace StepFlow.Integrations.Http;

/// <summary>
/// Which addresses the HTTP Task calls by default: public ones only. Refused unless
/// <see cref="HttpTaskOptions.AllowPrivateNetworks"/> is set: loopback (127.0.0.0/8, ::1), link-local (169.254.0.0/16,
/// the cloud metadata address 169.254.169.254 included, fe80::/10), unspecified (0.0.0.0/8, ::), private (10.0.0.0/8,
/// 172.16.0.0/12, 192.168.0.0/16, fc00::/7, fec0::/10), shared (100.64.0.0/10), benchmarking (198.18.0.0/15), IETF
/// (192.0.0.0/24), multicast and reserved (224.0.0.0/3, ff00::/8); an IPv4 address inside IPv6 (::ffff:a.b.c.d,
/// 64:ff9b::/96, 2002::/16) is judged as that IPv4 address.
/// </summary>
internal static class HttpAddressPolicy
{
    /// <summary>Whether the HTTP Task may call <paramref name="address"/> without <see cref="HttpTaskOptions.AllowPrivateNetworks"/>.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsPublicV4(address.GetAddressBytes());
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublicV4(address.MapToIPv4().GetAddressBytes());
        }

        var b = address.GetAddressBytes();
        if (IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6None.Equals(address))
        {
            return false;
        }

        // 64:ff9b::/96 (NAT64) and 2002::/16 (6to4) carry an IPv4 address.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublicV4(b[12..16]);
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublicV4(b[2..6]);
        }

        // fe80::/10 link-local, fec0::/10 site-local, fc00::/7 unique local, ff00::/8 multicast, ::/8 (IPv4-compatible and reserved).
        return !((b[0] == 0xfe && (b[1] & 0xc0) is 0x80 or 0xc0) || (b[0] & 0xfe) == 0xfc || b[0] == 0xff || b[0] == 0x00);
    }

    private static bool IsPublicV4(ReadOnlySpan<byte> b) =>
        !(b[0] is 0 or 10 or 127 or >= 224
          || (b[0] == 100 && (b[1] & 0xc0) == 64)
          || (b[0] == 169 && b[1] == 254)
          || (b[0] == 172 && (b[1] & 0xf0) == 16)
          || (b[0] == 192 && b[1] == 168)
          || (b[0] == 192 && b[1] == 0 && b[2] == 0)
          || (b[0] == 198 && (b[1] & 0xfe) == 18));
}
