using System.Net;
using System.Net.Sockets;
using StepFlow.Tasks;

namespace StepFlow.Integrations.Http;

/// <summary>
/// Refuses an HTTP Task whose endpoint is not public (<see cref="HttpAddressPolicy"/>) before anything is sent: an IP
/// address as written, or every address the host name resolves to. The refusal is <c>States.Http.Socket</c>, as a
/// connection that could not be made.
/// </summary>
internal static class HttpEndpointGuard
{
    public static async ValueTask CheckAsync(TaskInvocation invocation, Uri endpoint, CancellationToken cancellationToken)
    {
        var host = endpoint.IdnHost;
        IPAddress[] addresses;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                throw HttpTaskFailures.Socket(invocation, $"the host '{host}' could not be resolved: {e.Message}", e);
            }
        }

        foreach (var address in addresses)
        {
            if (!HttpAddressPolicy.IsPublic(address))
            {
                throw Refused(invocation, host, address);
            }
        }
    }

    /// <summary>The error of a refused address.</summary>
    public static Errors.StatesErrorException Refused(TaskInvocation? invocation, string host, IPAddress address) =>
        new(
            Errors.StatesErrorNames.HttpSocket,
            $"The HTTP Task{(invocation is null ? string.Empty : $" '{invocation.StateName}'")} failed: the host '{host}' is the address {address}, which is not public " +
            "(loopback, link-local, private or reserved); set HttpTaskOptions.AllowPrivateNetworks to call it.");
}
