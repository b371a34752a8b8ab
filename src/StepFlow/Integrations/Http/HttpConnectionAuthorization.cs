using System.Collections.Immutable;
using System.Text;

namespace StepFlow.Integrations.Http;

/// <summary>
/// What a connection adds to an HTTP Task's request: headers, query parameters and body parameters, as an
/// EventBridge connection's authorization and invocation parameters do. Where a name is also set by the task
/// definition, the connection's value wins (header names compare case-insensitively, query and body keys
/// exactly). Immutable; the <c>With*</c> methods return a copy.
/// </summary>
public sealed class HttpConnectionAuthorization
{
    private readonly ImmutableArray<KeyValuePair<string, string>> _headers;
    private readonly ImmutableArray<KeyValuePair<string, string>> _query;
    private readonly ImmutableArray<KeyValuePair<string, string>> _body;

    private HttpConnectionAuthorization(
        ImmutableArray<KeyValuePair<string, string>> headers,
        ImmutableArray<KeyValuePair<string, string>> query,
        ImmutableArray<KeyValuePair<string, string>> body)
    {
        _headers = headers;
        _query = query;
        _body = body;
    }

    /// <summary>Adds nothing (a connection whose API needs no credentials).</summary>
    public static HttpConnectionAuthorization None { get; } = new([], [], []);

    /// <summary>Headers to send, such as <c>Authorization</c> or an API key header.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    /// <summary>Query string parameters to append to the URL.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> QueryParameters => _query;

    /// <summary>Top-level members to merge into the request body (which must then be a JSON object or absent).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> BodyParameters => _body;

    /// <summary>An API key sent as the header <paramref name="headerName"/> (EventBridge's <c>API_KEY</c> authorization).</summary>
    public static HttpConnectionAuthorization ApiKey(string headerName, string value) => None.WithHeader(headerName, value);

    /// <summary>HTTP Basic authentication (EventBridge's <c>BASIC</c> authorization): <c>Authorization: Basic base64(user:password)</c>.</summary>
    public static HttpConnectionAuthorization Basic(string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(userName + ":" + password));
        return None.WithHeader("Authorization", "Basic " + credentials);
    }

    /// <summary>
    /// A bearer token: <c>Authorization: Bearer token</c>. Use it for OAuth client credentials (EventBridge's
    /// <c>OAUTH_CLIENT_CREDENTIALS</c>): the provider obtains and refreshes the token, then returns this.
    /// </summary>
    public static HttpConnectionAuthorization Bearer(string accessToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        return None.WithHeader("Authorization", "Bearer " + accessToken);
    }

    /// <summary>A copy that also sends the header <paramref name="name"/>.</summary>
    public HttpConnectionAuthorization WithHeader(string name, string value) =>
        new(Add(_headers, name, value), _query, _body);

    /// <summary>A copy that also appends the query parameter <paramref name="name"/>.</summary>
    public HttpConnectionAuthorization WithQueryParameter(string name, string value) =>
        new(_headers, Add(_query, name, value), _body);

    /// <summary>A copy that also sets the body member <paramref name="name"/>.</summary>
    public HttpConnectionAuthorization WithBodyParameter(string name, string value) =>
        new(_headers, _query, Add(_body, name, value));

    private static ImmutableArray<KeyValuePair<string, string>> Add(ImmutableArray<KeyValuePair<string, string>> list, string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        return list.Add(new KeyValuePair<string, string>(name, value));
    }
}
