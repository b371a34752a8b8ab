using System.Net;
using System.Net.Sockets;

namespace StepFlow.Integrations.Http;

/// <summary>HTTP handlers for the <see cref="HttpClient"/> given to the HTTP Task.</summary>
public static class HttpTaskHandlers
{
    /// <summary>
    /// A <see cref="SocketsHttpHandler"/> that connects only to public addresses (as <see cref="HttpTaskOptions.AllowPrivateNetworks"/> lists them): it
    /// resolves the host itself, refuses a name with any non-public address, and checks the address the socket actually
    /// connected to. The HTTP Task checks the endpoint before it sends, but an <see cref="HttpClient"/> resolves the name
    /// again when it connects, and follows redirects; this handler closes both gaps (DNS rebinding, a redirect to a private
    /// address): every connection it makes, a redirect's included, is checked.
    /// </summary>
    public static SocketsHttpHandler CreatePublicOnly() => new()
    {
        ConnectCallback = ConnectPublicOnlyAsync,
    };

    private static async ValueTask<Stream> ConnectPublicOnlyAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        foreach (var address in addresses)
        {
            if (!HttpAddressPolicy.IsPublic(address))
            {
                throw new HttpRequestException(HttpEndpointGuard.Refused(null, host, address).Cause);
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            if (socket.RemoteEndPoint is not IPEndPoint connected || !HttpAddressPolicy.IsPublic(connected.Address))
            {
                throw new HttpRequestException($"The connection to '{host}' reached {socket.RemoteEndPoint}, which is not a public address.");
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
