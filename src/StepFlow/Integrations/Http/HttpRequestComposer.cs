using System.Text;
using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Integrations.Http;

/// <summary>
/// Turns checked task parameters and a connection's authorization into the request AWS would send: the
/// connection's headers, query and body parameters merged over the task's (the connection wins on a clash),
/// the body serialized as JSON or URL-encoded after the merge, and the <c>User-Agent</c> and <c>Range</c>
/// headers Step Functions sets.
/// </summary>
internal static class HttpRequestComposer
{
    /// <summary>The <c>Range</c> header Step Functions sends (the payload limit).</summary>
    public const string RangeHeader = "bytes=0-262144";

    private const string UserAgentPrefix = "Amazon|StepFunctions|HttpInvoke|";
    private const string JsonContentType = "application/json; charset=UTF-8";
    private const string FormContentType = "application/x-www-form-urlencoded";

    public static HttpRequestMessage Compose(TaskInvocation invocation, HttpTaskParameters parameters, HttpConnectionAuthorization authorization)
    {
        var query = HttpQueryComposer.Compose(parameters.QueryParameters, authorization.QueryParameters, parameters.ArrayFormat, out var problem);
        if (problem is not null)
        {
            throw HttpTaskFailures.Runtime(invocation, problem);
        }

        var body = ComposeBody(invocation, parameters, authorization);
        var request = new HttpRequestMessage(parameters.Method, WithQuery(parameters.Endpoint, query));
        try
        {
            if (body is not null)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            }

            var headers = MergeHeaders(parameters.Headers, authorization.Headers);
            var hasContentType = false;
            foreach (var (name, values) in headers)
            {
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                hasContentType |= name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase);
                if (!request.Headers.TryAddWithoutValidation(name, values))
                {
                    // A content header (Content-Type, Content-Language, ...): it can only travel with a body.
                    request.Content?.Headers.TryAddWithoutValidation(name, values);
                }
            }

            if (request.Content is not null && !hasContentType)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", parameters.UrlEncodeBody ? FormContentType : JsonContentType);
            }

            request.Headers.Remove("User-Agent");
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgentPrefix + RegionOf(invocation.ExecutionArn));
            request.Headers.Remove("Range");
            request.Headers.TryAddWithoutValidation("Range", RangeHeader);
            return request;
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }

    private static string? ComposeBody(TaskInvocation invocation, HttpTaskParameters parameters, HttpConnectionAuthorization authorization)
    {
        var body = parameters.RequestBody;
        if (authorization.BodyParameters.Count > 0)
        {
            var merged = body switch
            {
                null => JsonObject.Empty,
                JsonObject obj => obj,
                JsonString => throw HttpTaskFailures.Runtime(
                    invocation,
                    "the connection adds body parameters, which cannot be merged into a string 'RequestBody' (use an object)."),
                _ => throw HttpTaskFailures.Runtime(
                    invocation,
                    $"the connection adds body parameters, which cannot be merged into a 'RequestBody' that is {body.KindName} (use an object)."),
            };
            foreach (var (name, value) in authorization.BodyParameters)
            {
                merged = merged.SetItem(name, JsonValue.From(value));
            }

            body = merged;
        }

        switch (body)
        {
            case null:
                return null;
            case JsonString text:
                return text.Value;
            case JsonObject obj when parameters.UrlEncodeBody:
                var pairs = new List<EncodedPair>();
                FormUrlEncoder.AppendObject(pairs, obj, parameters.ArrayFormat);
                return FormUrlEncoder.Join(pairs);
            case not JsonObject when parameters.UrlEncodeBody:
                throw HttpTaskFailures.Runtime(invocation, $"a URL_ENCODED 'RequestBody' must be an object or a string, not {body.KindName}.");
            default:
                return body.ToJsonString();
        }
    }

    /// <summary>The task's headers with the connection's added; a connection header replaces the task's of the same name (any case).</summary>
    private static List<KeyValuePair<string, string[]>> MergeHeaders(
        IReadOnlyList<KeyValuePair<string, string[]>> task,
        IReadOnlyList<KeyValuePair<string, string>> connection)
    {
        var merged = new List<KeyValuePair<string, string[]>>(task.Count + connection.Count);
        foreach (var header in task)
        {
            if (!connection.Any(c => c.Key.Equals(header.Key, StringComparison.OrdinalIgnoreCase)))
            {
                merged.Add(header);
            }
        }

        foreach (var group in connection.GroupBy(c => c.Key, StringComparer.OrdinalIgnoreCase))
        {
            merged.Add(new KeyValuePair<string, string[]>(group.Key, [.. group.Select(c => c.Value)]));
        }

        return merged;
    }

    private static Uri WithQuery(Uri endpoint, string query)
    {
        if (query.Length == 0)
        {
            return endpoint;
        }

        var builder = new UriBuilder(endpoint);
        var existing = builder.Query.TrimStart('?');
        builder.Query = existing.Length == 0 ? query : existing + "&" + query;
        return builder.Uri;
    }

    /// <summary>The region of an execution ARN (<c>arn:aws:states:us-east-1:...</c>), or an empty string.</summary>
    private static string RegionOf(string executionArn)
    {
        var parts = executionArn.Split(':', 5);
        return parts.Length >= 4 ? parts[3] : string.Empty;
    }
}
