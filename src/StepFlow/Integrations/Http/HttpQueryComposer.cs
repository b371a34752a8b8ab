using StepFlow.Json;

namespace StepFlow.Integrations.Http;

/// <summary>
/// Builds the query string of an HTTP Task: the task's <c>QueryParameters</c> (an object, a query string, or an
/// array of either), then the connection's query parameters, which replace the task's parameters of the same
/// top-level name.
/// </summary>
internal static class HttpQueryComposer
{
    /// <summary>The encoded query (without <c>?</c>), or an empty string; null <paramref name="problem"/> when it worked.</summary>
    public static string Compose(
        JsonValue? queryParameters,
        IReadOnlyList<KeyValuePair<string, string>> connectionParameters,
        HttpArrayFormat format,
        out string? problem)
    {
        problem = null;
        var pairs = new List<EncodedPair>();
        switch (queryParameters)
        {
            case null or JsonNull:
                break;
            case JsonArray parts:
                foreach (var part in parts.Items)
                {
                    if (!TryAppend(pairs, part, format))
                    {
                        problem = $"'QueryParameters' items must be objects or query strings, not {part.KindName}.";
                        return string.Empty;
                    }
                }

                break;
            default:
                if (!TryAppend(pairs, queryParameters, format))
                {
                    problem = $"'QueryParameters' must be an object, a query string or an array of them, not {queryParameters.KindName}.";
                    return string.Empty;
                }

                break;
        }

        if (connectionParameters.Count > 0)
        {
            var replaced = new HashSet<string>(connectionParameters.Select(p => p.Key), StringComparer.Ordinal);
            pairs.RemoveAll(p => replaced.Contains(p.TopKey));
            foreach (var (name, value) in connectionParameters)
            {
                FormUrlEncoder.AppendPair(pairs, name, value);
            }
        }

        return FormUrlEncoder.Join(pairs);
    }

    private static bool TryAppend(List<EncodedPair> pairs, JsonValue value, HttpArrayFormat format)
    {
        switch (value)
        {
            case JsonObject members:
                FormUrlEncoder.AppendObject(pairs, members, format);
                return true;
            case JsonString text:
                AppendRaw(pairs, text.Value);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Keeps an already-encoded query string's pieces as written.</summary>
    private static void AppendRaw(List<EncodedPair> pairs, string query)
    {
        foreach (var piece in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var end = piece.IndexOfAny(['=', '[']);
            var encodedName = end < 0 ? piece : piece[..end];
            var bracket = encodedName.IndexOf("%5B", StringComparison.OrdinalIgnoreCase);
            if (bracket >= 0)
            {
                encodedName = encodedName[..bracket];
            }

            pairs.Add(new EncodedPair(Decode(encodedName), piece));
        }
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
