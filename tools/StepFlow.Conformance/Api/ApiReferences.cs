using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using StepFlow.Json;

namespace StepFlow.Conformance.Api;

/// <summary>
/// Resolves <c>${N.path}</c> references: the string at <c>path</c> (<c>.key</c> and <c>[index]</c>) in the actual
/// response of call <c>N</c>, substituted as text, also inside longer strings.
/// </summary>
public static partial class ApiReferences
{
    /// <summary>
    /// <paramref name="text"/> with every reference replaced; <paramref name="escapeForJson"/> escapes the values for the
    /// inside of a JSON string. A reference to a call without a response, or to a missing value, throws.
    /// </summary>
    public static string Resolve(string text, IReadOnlyList<JsonValue?> responses, bool escapeForJson) =>
        Reference().Replace(text, match =>
        {
            var index = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            var value = index < responses.Count && responses[index] is { } response ? At(response, match.Groups["path"].Value) : null;
            if (value is null)
            {
                throw new InvalidOperationException($"The reference {match.Value} names no value of an earlier response.");
            }

            return escapeForJson ? JsonEncodedText.Encode(value, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() : value;
        });

    private static string? At(JsonValue value, string path)
    {
        foreach (Match step in Step().Matches(path))
        {
            if (step.Groups["key"].Success)
            {
                if (value is not JsonObject o || !o.TryGetValue(step.Groups["key"].Value, out var next))
                {
                    return null;
                }

                value = next;
            }
            else
            {
                var i = int.Parse(step.Groups["index"].Value, CultureInfo.InvariantCulture);
                if (value is not JsonArray a || i >= a.Count)
                {
                    return null;
                }

                value = a[i];
            }
        }

        return value is JsonString s ? s.Value : null;
    }

    [GeneratedRegex(@"\$\{(?<n>\d+)\.(?<path>[^}]+)\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\.?(?<key>[A-Za-z0-9_]+)|\[(?<index>\d+)\]")]
    private static partial Regex Step();
}
