using System.Collections.Frozen;

namespace StepFlow.Integrations.Http;

/// <summary>
/// A fixed set of connections, each ARN mapped to its authorization. Enough for API keys and Basic credentials
/// held in configuration; for tokens that expire, implement <see cref="IHttpConnectionProvider"/>.
/// </summary>
public sealed class StaticHttpConnectionProvider : IHttpConnectionProvider
{
    private readonly FrozenDictionary<string, HttpConnectionAuthorization> _connections;

    /// <summary>Creates the provider; ARNs compare exactly.</summary>
    public StaticHttpConnectionProvider(IEnumerable<KeyValuePair<string, HttpConnectionAuthorization>> connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        var map = new Dictionary<string, HttpConnectionAuthorization>(StringComparer.Ordinal);
        foreach (var (arn, authorization) in connections)
        {
            ArgumentException.ThrowIfNullOrEmpty(arn, nameof(connections));
            ArgumentNullException.ThrowIfNull(authorization, nameof(connections));
            map[arn] = authorization;
        }

        _connections = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public ValueTask<HttpConnectionAuthorization?> GetAuthorizationAsync(string connectionArn, CancellationToken cancellationToken) =>
        new(_connections.GetValueOrDefault(connectionArn));
}
