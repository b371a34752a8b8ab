using System.Collections.Frozen;
using StepFlow.Definition;
using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Integrations.Http;

/// <summary>
/// The HTTP Task's resolved <c>Parameters</c> (or <c>Arguments</c>), checked: <c>ApiEndpoint</c>, <c>Method</c>,
/// <c>Authentication</c> or <c>InvocationConfig</c> with its <c>ConnectionArn</c>, and the optional
/// <c>Headers</c>, <c>QueryParameters</c>, <c>Transform</c> and <c>RequestBody</c>.
/// </summary>
internal sealed class HttpTaskParameters
{
    private static readonly FrozenSet<string> Fields = new[]
    {
        AslFields.ApiEndpoint, AslFields.Method, AslFields.Authentication, AslFields.InvocationConfig, AslFields.Headers, AslFields.QueryParameters, AslFields.Transform, AslFields.RequestBody,
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, HttpMethod> Methods = new[]
    {
        HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Options, HttpMethod.Head,
    }.ToFrozenDictionary(m => m.Method, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, HttpArrayFormat> ArrayFormats = new Dictionary<string, HttpArrayFormat>
    {
        ["INDICES"] = HttpArrayFormat.Indices,
        ["REPEAT"] = HttpArrayFormat.Repeat,
        ["COMMAS"] = HttpArrayFormat.Commas,
        ["BRACKETS"] = HttpArrayFormat.Brackets,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private HttpTaskParameters(
        Uri endpoint,
        HttpMethod method,
        string connectionArn,
        IReadOnlyList<KeyValuePair<string, string[]>> headers,
        JsonValue? queryParameters,
        JsonValue? requestBody,
        bool urlEncodeBody,
        HttpArrayFormat arrayFormat)
    {
        Endpoint = endpoint;
        Method = method;
        ConnectionArn = connectionArn;
        Headers = headers;
        QueryParameters = queryParameters;
        RequestBody = requestBody;
        UrlEncodeBody = urlEncodeBody;
        ArrayFormat = arrayFormat;
    }

    /// <summary>The absolute http(s) URL, without the task's query parameters.</summary>
    public Uri Endpoint { get; }

    public HttpMethod Method { get; }

    public string ConnectionArn { get; }

    /// <summary>The definition's headers in order, each with its values.</summary>
    public IReadOnlyList<KeyValuePair<string, string[]>> Headers { get; }

    public JsonValue? QueryParameters { get; }

    /// <summary>The body, or null when the task sends none (absent or JSON null).</summary>
    public JsonValue? RequestBody { get; }

    /// <summary>True for <c>Transform.RequestBodyEncoding: URL_ENCODED</c>.</summary>
    public bool UrlEncodeBody { get; }

    public HttpArrayFormat ArrayFormat { get; }

    /// <summary>Reads and checks the invocation's payload; every problem is a <c>States.Runtime</c> error naming the field.</summary>
    public static HttpTaskParameters Read(TaskInvocation invocation)
    {
        if (invocation.Input is not JsonObject input)
        {
            throw HttpTaskFailures.Runtime(invocation, $"its parameters must be an object with ApiEndpoint, Method and Authentication, not {invocation.Input.KindName}.");
        }

        foreach (var key in input.Keys)
        {
            if (!Fields.Contains(key))
            {
                throw HttpTaskFailures.Runtime(
                    invocation,
                    $"the field '{key}' is not supported (use ApiEndpoint, Method, Authentication or InvocationConfig, Headers, QueryParameters, Transform, RequestBody).");
            }
        }

        var endpoint = ReadEndpoint(invocation, input);
        var method = ReadMethod(invocation, input);
        var connectionArn = ReadConnectionArn(invocation, input);
        var headers = ReadHeaders(invocation, input);
        var (urlEncode, arrayFormat) = ReadTransform(invocation, input);
        var query = input.TryGetValue(AslFields.QueryParameters, out var q) && q is not JsonNull ? q : null;
        var body = input.TryGetValue(AslFields.RequestBody, out var b) && b is not JsonNull ? b : null;
        return new HttpTaskParameters(endpoint, method, connectionArn, headers, query, body, urlEncode, arrayFormat);
    }

    private static Uri ReadEndpoint(TaskInvocation invocation, JsonObject input)
    {
        if (!input.TryGetValue(AslFields.ApiEndpoint, out var value))
        {
            throw HttpTaskFailures.Runtime(invocation, "the required field 'ApiEndpoint' is missing.");
        }

        if (value is not JsonString text ||
            !Uri.TryCreate(text.Value, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) ||
            string.IsNullOrEmpty(uri.Host))
        {
            throw HttpTaskFailures.Runtime(invocation, $"'ApiEndpoint' must be an absolute https:// (or http://) URL, not {Describe(value)}.");
        }

        return uri;
    }

    private static HttpMethod ReadMethod(TaskInvocation invocation, JsonObject input)
    {
        if (!input.TryGetValue(AslFields.Method, out var value))
        {
            throw HttpTaskFailures.Runtime(invocation, "the required field 'Method' is missing.");
        }

        if (value is not JsonString text || !Methods.TryGetValue(text.Value, out var method))
        {
            throw HttpTaskFailures.Runtime(invocation, $"'Method' must be one of GET, POST, PUT, DELETE, PATCH, OPTIONS or HEAD, not {Describe(value)}.");
        }

        return method;
    }

    private static string ReadConnectionArn(TaskInvocation invocation, JsonObject input)
    {
        var hasAuthentication = input.TryGetValue(AslFields.Authentication, out var authentication);
        var hasInvocationConfig = input.TryGetValue(AslFields.InvocationConfig, out var invocationConfig);
        if (hasAuthentication && hasInvocationConfig)
        {
            throw HttpTaskFailures.Runtime(invocation, "give the connection in either 'Authentication' or 'InvocationConfig', not both.");
        }

        if (!hasAuthentication && !hasInvocationConfig)
        {
            throw HttpTaskFailures.Runtime(invocation, "the connection is missing: set 'Authentication' (or 'InvocationConfig') to { \"ConnectionArn\": \"arn:aws:events:...:connection/...\" }.");
        }

        var field = hasAuthentication ? AslFields.Authentication : AslFields.InvocationConfig;
        var config = hasAuthentication ? authentication : invocationConfig;
        if (config is not JsonObject obj || !obj.TryGetValue(AslFields.ConnectionArn, out var arn) || arn is not JsonString { Value.Length: > 0 } text)
        {
            throw HttpTaskFailures.Runtime(invocation, $"'{field}' must be an object with a non-empty string 'ConnectionArn'.");
        }

        return text.Value;
    }

    private static List<KeyValuePair<string, string[]>> ReadHeaders(TaskInvocation invocation, JsonObject input)
    {
        var headers = new List<KeyValuePair<string, string[]>>();
        if (!input.TryGetValue(AslFields.Headers, out var value) || value is JsonNull)
        {
            return headers;
        }

        if (value is not JsonObject members)
        {
            throw HttpTaskFailures.Runtime(invocation, $"'Headers' must be an object of header names and values, not {value.KindName}.");
        }

        foreach (var (name, headerValue) in members)
        {
            if (HttpForbiddenHeaders.IsForbidden(name))
            {
                throw HttpTaskFailures.Runtime(invocation, $"the header '{name}' cannot be set in an HTTP Task definition (put credentials in the connection).");
            }

            if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 127 || c == ':'))
            {
                throw HttpTaskFailures.Runtime(invocation, $"'{name}' is not a valid header name.");
            }

            string[] values = headerValue switch
            {
                JsonArray items when items.All(IsScalar) => [.. items.Select(FormUrlEncoder.ScalarText)],
                _ when IsScalar(headerValue) => [FormUrlEncoder.ScalarText(headerValue)],
                _ => throw HttpTaskFailures.Runtime(invocation, $"the header '{name}' must be a string, number, boolean or an array of them, not {headerValue.KindName}."),
            };
            if (values.Any(v => v.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0))
            {
                throw HttpTaskFailures.Runtime(invocation, $"the value of the header '{name}' must not contain line breaks.");
            }

            headers.Add(new KeyValuePair<string, string[]>(name, values));
        }

        return headers;
    }

    private static (bool UrlEncode, HttpArrayFormat Format) ReadTransform(TaskInvocation invocation, JsonObject input)
    {
        if (!input.TryGetValue(AslFields.Transform, out var value) || value is JsonNull)
        {
            return (false, HttpArrayFormat.Indices);
        }

        if (value is not JsonObject transform)
        {
            throw HttpTaskFailures.Runtime(invocation, $"'Transform' must be an object, not {value.KindName}.");
        }

        var urlEncode = false;
        if (transform.TryGetValue(AslFields.RequestBodyEncoding, out var encoding))
        {
            urlEncode = encoding switch
            {
                JsonString { Value: "URL_ENCODED" } => true,
                JsonString { Value: "NONE" } => false,
                _ => throw HttpTaskFailures.Runtime(invocation, $"'Transform.RequestBodyEncoding' must be NONE or URL_ENCODED, not {Describe(encoding)}."),
            };
        }

        var format = HttpArrayFormat.Indices;
        if (transform.TryGetValue(AslFields.RequestEncodingOptions, out var options))
        {
            if (options is not JsonObject optionsObject ||
                (optionsObject.TryGetValue(AslFields.ArrayFormat, out var arrayFormat) &&
                 (arrayFormat is not JsonString formatName || !ArrayFormats.TryGetValue(formatName.Value, out format))))
            {
                throw HttpTaskFailures.Runtime(
                    invocation,
                    "'Transform.RequestEncodingOptions' must be an object whose 'ArrayFormat' is INDICES, REPEAT, COMMAS or BRACKETS.");
            }
        }

        return (urlEncode, format);
    }

    private static bool IsScalar(JsonValue value) => value is JsonString or JsonNumber or JsonBool;

    private static string Describe(JsonValue value) => value switch
    {
        JsonString text => "'" + (text.Value.Length <= 200 ? text.Value : text.Value[..200] + "...") + "'",
        _ => value.KindName,
    };
}
