using System.Net.Http.Headers;
using System.Text;
using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Integrations.Http;

/// <summary>
/// Writes an HTTP Task's request and response into an <see cref="HttpExchangeRecorder"/> (TestState's TRACE data).
/// Unless secrets are revealed, what the connection added is left out, as AWS does: its authorization headers, the
/// values of its query parameters, and a body it added parameters to.
/// </summary>
internal static class HttpExchangeTrace
{
    /// <summary>Shown in place of a value the connection added.</summary>
    private const string Hidden = "<hidden>";

    public static async Task RecordRequestAsync(
        HttpExchangeRecorder recorder, HttpRequestMessage request, HttpConnectionAuthorization authorization, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var hiddenHeaders = recorder.RevealSecrets ? [] : authorization.Headers.Select(h => h.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var headers = Headers(request.Content is null ? request.Headers : request.Headers.Concat(request.Content.Headers), hiddenHeaders);
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!recorder.RevealSecrets && authorization.BodyParameters.Count > 0)
        {
            body = Hidden;
        }

        var url = recorder.RevealSecrets || authorization.QueryParameters.Count == 0 ? uri.ToString() : HideQueryValues(uri, authorization);
        recorder.Request = new RecordedHttpRequest(uri.Scheme, request.Method.Method, url, headers, body);
    }

    public static void RecordResponse(HttpExchangeRecorder recorder, HttpResponseMessage response, string body) =>
        recorder.Response = new RecordedHttpResponse(
            response.RequestMessage?.RequestUri?.Scheme ?? "https",
            ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
            response.ReasonPhrase ?? string.Empty,
            Headers(response.Headers.Concat(response.Content.Headers), []),
            body);

    private static string Headers(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers, HashSet<string> hidden)
    {
        var result = new JsonObjectBuilder();
        foreach (var (name, values) in headers)
        {
            if (!hidden.Contains(name))
            {
                result.Set(name, JsonArray.Create(values.Select(v => (JsonValue)JsonValue.From(v))));
            }
        }

        return result.Build().ToJsonString();
    }

    private static string HideQueryValues(Uri uri, HttpConnectionAuthorization authorization)
    {
        var names = authorization.QueryParameters.Select(p => Uri.EscapeDataString(p.Key)).ToHashSet(StringComparer.Ordinal);
        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            return names.Contains(name) ? $"{name}={Uri.EscapeDataString(Hidden)}" : pair;
        });
        return new StringBuilder(uri.GetLeftPart(UriPartial.Path)).Append('?').AppendJoin('&', query).Append(uri.Fragment).ToString();
    }
}
