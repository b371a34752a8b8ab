using System.Globalization;
using System.Text.RegularExpressions;
using StepFlow.Conformance.TestState;
using StepFlow.Json;

namespace StepFlow.Conformance.Api;

/// <summary>
/// Compares actual API answers with the recorded ones by the README's rules: exactly the expected fields, JSON-text
/// fields as JSON, bindings / context / dates normalised in actual strings, masks and the bare words
/// <c>datetime</c> and <c>timestamp</c> accepted, and <c>&lt;...&gt;</c> tokens matched consistently through the case.
/// </summary>
public sealed partial class ApiComparator
{
    private readonly TestStateTokenMatcher _tokens;
    private readonly HashSet<string> _maskWords;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _bindings;

    /// <summary>Creates the comparator of one case; <paramref name="bindings"/> have their references resolved.</summary>
    public ApiComparator(ApiCase testCase, IReadOnlyList<KeyValuePair<string, string>> bindings)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        _tokens = new TestStateTokenMatcher(string.Concat(testCase.Calls.Select(c => c.Request.ToJsonString())));
        _bindings = [.. bindings.Where(b => b.Value.Length > 0).OrderByDescending(b => b.Value.Length)];
        _maskWords = testCase.Masks
            .Where(m => !(m.TryGetValue("token", out var t) && t is JsonBool { Value: true }) && !m.ContainsKey("resourceNames"))
            .Select(m => m.TryGetValue("replacement", out var r) && r is JsonString word ? word.Value : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Compares a successful response; null when it matches, else what differs.</summary>
    public string? CompareResponse(JsonValue expected, JsonValue actual) => Compare(expected, actual, "$");

    /// <summary>Compares the items a list response must contain, in order, with others allowed between them.</summary>
    public string? CompareSubset(JsonObject subset, JsonValue actual)
    {
        var path = subset.TryGetValue("path", out var p) && p is JsonString s ? s.Value : string.Empty;
        var items = subset.TryGetValue("items", out var i) && i is JsonArray array ? array : JsonArray.Empty;
        if (actual is not JsonObject o || !o.TryGetValue(path, out var listed) || listed is not JsonArray list)
        {
            return $"$.{path}: expected a list";
        }

        var next = 0;
        foreach (var item in items)
        {
            while (next < list.Count && Compare(item, list[next], "$") is not null)
            {
                next++;
            }

            if (next == list.Count)
            {
                return $"$.{path}: no item matches {item.ToJsonString()} (got {list.ToJsonString()})";
            }

            next++;
        }

        return items.Count == 0 && list.Count > 0 ? $"$.{path}: expected none of the case's resources, got {list.ToJsonString()}" : null;
    }

    /// <summary>Compares a refusal with the recorded exception.</summary>
    public string? CompareError(JsonObject expectedException, string type, string message)
    {
        ArgumentNullException.ThrowIfNull(expectedException);
        var code = expectedException.TryGetValue("code", out var c) && c is JsonString cs ? cs.Value : string.Empty;
        var expectedMessage = expectedException.TryGetValue("message", out var m) && m is JsonString ms ? ms.Value : string.Empty;
        if (code != type)
        {
            return $"expected {code}: {expectedMessage}; got {type}: {message}";
        }

        return _tokens.Match(expectedMessage, Normalise(message)) ? null : $"message differs: expected '{expectedMessage}', got '{message}'";
    }

    private string? Compare(JsonValue expected, JsonValue actual, string at)
    {
        switch (expected)
        {
            case JsonString s when _maskWords.Contains(s.Value):
                return null;
            case JsonString { Value: "datetime" or "timestamp" } when actual is JsonNumber:
                return null;
            case JsonString s:
                return actual is JsonString a && _tokens.Match(s.Value, Normalise(a.Value)) ? null : Differs(at, expected, actual);
            case JsonObject or JsonArray when actual is JsonString text:
                try
                {
                    return Compare(expected, JsonValue.Parse(text.Value), at);
                }
                catch (JsonParseException)
                {
                    return Differs(at, expected, actual);
                }

            case JsonObject o:
                if (actual is not JsonObject ao)
                {
                    return Differs(at, expected, actual);
                }

                if (o.Keys.FirstOrDefault(k => !ao.ContainsKey(k)) is { } missing)
                {
                    return $"{at}.{missing}: missing (expected {o[missing].ToJsonString()})";
                }

                if (ao.Keys.FirstOrDefault(k => !o.ContainsKey(k)) is { } extra)
                {
                    return $"{at}.{extra}: not expected (got {ao[extra].ToJsonString()})";
                }

                foreach (var key in o.Keys)
                {
                    if (Compare(o[key], ao[key], $"{at}.{key}") is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            case JsonArray e:
                if (actual is not JsonArray aa || aa.Count != e.Count)
                {
                    return Differs(at, expected, actual);
                }

                for (var i = 0; i < e.Count; i++)
                {
                    if (Compare(e[i], aa[i], string.Create(CultureInfo.InvariantCulture, $"{at}[{i}]")) is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            case JsonNumber n:
                return actual is JsonNumber b && n.DoubleValue.Equals(b.DoubleValue) ? null : Differs(at, expected, actual);
            default:
                return expected.ToJsonString() == actual.ToJsonString() ? null : Differs(at, expected, actual);
        }
    }

    private static string Differs(string at, JsonValue expected, JsonValue actual) =>
        $"{at}: expected {expected.ToJsonString()}, got {actual.ToJsonString()}";

    /// <summary>The recorder's normalisation of an actual string: bindings, context, dates.</summary>
    private string Normalise(string text)
    {
        foreach (var (placeholder, value) in _bindings)
        {
            text = text.Replace(value, placeholder, StringComparison.Ordinal);
        }

        text = text.Replace("arn:aws:", "arn:<partition>:", StringComparison.Ordinal).Replace("us-east-1", "<region>", StringComparison.Ordinal);
        return DatePattern().Replace(text, "date");
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)")]
    private static partial Regex DatePattern();
}
