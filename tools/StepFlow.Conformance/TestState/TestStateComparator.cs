using System.Globalization;
using System.Text.RegularExpressions;
using StepFlow.Json;
using StepFlow.Service;

namespace StepFlow.Conformance.TestState;

/// <summary>
/// Compares StepFlow's TestState answer with the recorded one by the README's rules: the same fields (no missing, no
/// extra), JSON-text fields as JSON values, the actual response normalised as the recorder normalised AWS's (bindings,
/// <c>us-east-1</c> → <c>&lt;region&gt;</c>, <c>arn:aws:</c> → <c>arn:&lt;partition&gt;:</c>, dates → <c>date</c>),
/// masked values accepted, and tokens matched by <see cref="TestStateTokenMatcher"/>.
/// </summary>
public static partial class TestStateComparator
{
    private static readonly HashSet<string> NumberFields = new(StringComparer.Ordinal)
    {
        "maxConcurrency", "toleratedFailureCount", "toleratedFailurePercentage",
    };

    /// <summary>Compares a response; returns null when it matches, else what differs.</summary>
    public static string? CompareResponse(TestStateCase testCase, string responseJson)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        if (testCase.Expected.TryGetValue("exception", out var exception))
        {
            return $"expected {Describe(exception)}, but the call succeeded: {responseJson}";
        }

        var actual = (JsonObject)JsonValue.Parse(responseJson);
        var matcher = new TestStateTokenMatcher(testCase.RawRequestText);
        var context = new Comparison(testCase, matcher);
        return context.CompareFields(testCase.Expected, actual, "$", jsonTextFields: true);
    }

    /// <summary>Compares a refused call; returns null when the code and message match.</summary>
    public static string? CompareException(TestStateCase testCase, ExecutionApiException error)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        ArgumentNullException.ThrowIfNull(error);
        if (!testCase.Expected.TryGetValue("exception", out var exception) || exception is not JsonObject expected)
        {
            return $"expected a response, but the call raised {error.ErrorCode}: {error.Message}";
        }

        var code = expected.TryGetValue("code", out var c) && c is JsonString codeText ? codeText.Value : string.Empty;
        var message = expected.TryGetValue("message", out var m) && m is JsonString messageText ? messageText.Value : string.Empty;
        if (code != error.ErrorCode)
        {
            return $"expected {code}: {message}; got {error.ErrorCode}: {error.Message}";
        }

        var matcher = new TestStateTokenMatcher(testCase.RawRequestText);
        return matcher.Match(message, Normalise(testCase, error.Message))
            ? null
            : $"message differs: expected '{message}', got '{error.Message}'";
    }

    private static string Describe(JsonValue exception) =>
        exception is JsonObject e ? $"{(e.TryGetValue("code", out var c) ? c : JsonValue.Null)}: {(e.TryGetValue("message", out var m) ? m : JsonValue.Null)}" : exception.ToJsonString();

    /// <summary>The recorder's normalisation of an actual string.</summary>
    private static string Normalise(TestStateCase testCase, string text)
    {
        foreach (var (placeholder, value) in testCase.Bindings.OrderByDescending(b => b.Value.Length))
        {
            if (value.Length > 0)
            {
                text = text.Replace(value, placeholder, StringComparison.Ordinal);
            }
        }

        text = text.Replace("arn:aws:", "arn:<partition>:", StringComparison.Ordinal).Replace("us-east-1", "<region>", StringComparison.Ordinal);
        return DatePattern().Replace(text, "date");
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)")]
    private static partial Regex DatePattern();

    private sealed class Comparison(TestStateCase testCase, TestStateTokenMatcher matcher)
    {
        private readonly HashSet<string> _maskWords = testCase.Masks
            .Where(m => !(m.TryGetValue("token", out var t) && t is JsonBool { Value: true }) && !m.ContainsKey("resourceNames"))
            .Select(m => m.TryGetValue("replacement", out var r) && r is JsonString word ? word.Value : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

        public string? CompareFields(JsonObject expected, JsonObject actual, string at, bool jsonTextFields)
        {
            foreach (var key in expected.Keys)
            {
                if (!actual.ContainsKey(key))
                {
                    return $"{at}.{key}: missing (expected {expected[key].ToJsonString()})";
                }
            }

            foreach (var key in actual.Keys)
            {
                if (!expected.ContainsKey(key))
                {
                    return $"{at}.{key}: not expected (got {actual[key].ToJsonString()})";
                }
            }

            foreach (var member in expected.Members)
            {
                var path = $"{at}.{member.Key}";
                var actualValue = actual[member.Key];
                string? difference;
                if (member.Key == "inspectionData" && member.Value is JsonObject expectedData && actualValue is JsonObject actualData)
                {
                    difference = CompareFields(expectedData, actualData, path, jsonTextFields: true);
                }
                else if (jsonTextFields && !NumberFields.Contains(member.Key) && member.Key is not ("errorDetails" or "status" or "error" or "cause" or "nextState")
                    && actualValue is JsonString text)
                {
                    difference = Compare(ParseIfJson(member.Value), ParseText(text.Value), path);
                }
                else
                {
                    difference = Compare(member.Value, actualValue, path);
                }

                if (difference is not null)
                {
                    return difference;
                }
            }

            return null;
        }

        /// <summary>
        /// The README's bare words in Lambda integration results: the recorder replaced the <c>Date</c>,
        /// <c>X-Amzn-Trace-Id</c> and <c>x-amzn-RequestId</c> headers of <c>SdkHttpMetadata</c> (lists included) and
        /// <c>SdkResponseMetadata.RequestId</c> with these words, so any value there matches.
        /// </summary>
        private static bool IsBareWord(string at, string word) =>
            (at.EndsWith(".SdkResponseMetadata.RequestId", StringComparison.Ordinal) && word == "RequestId")
            || ((at.Contains(".SdkHttpMetadata.AllHttpHeaders.", StringComparison.Ordinal) || at.Contains(".SdkHttpMetadata.HttpHeaders.", StringComparison.Ordinal))
                && at[(at.LastIndexOf('.') + 1)..] is var header
                && ((header == "Date" && word == "date") || (header is "X-Amzn-Trace-Id" or "x-amzn-RequestId" && word == header)));

        private static JsonValue ParseIfJson(JsonValue expected)
        {
            if (expected is JsonString text)
            {
                try
                {
                    return JsonValue.Parse(text.Value);
                }
                catch (JsonParseException)
                {
                    return expected;
                }
            }

            return expected;
        }

        private static JsonValue ParseText(string text)
        {
            try
            {
                return JsonValue.Parse(text);
            }
            catch (JsonParseException)
            {
                return JsonValue.From(text);
            }
        }

        private string? Compare(JsonValue expected, JsonValue actual, string at)
        {
            switch (expected)
            {
                case JsonString s when _maskWords.Contains(s.Value) || IsBareWord(at, s.Value):
                    return null;
                case JsonString s:
                    return actual is JsonString a && matcher.Match(s.Value, Normalise(testCase, a.Value))
                        ? null
                        : $"{at}: expected {expected.ToJsonString()}, got {actual.ToJsonString()}";
                case JsonNumber n:
                    return actual is JsonNumber b && n.DoubleValue.Equals(b.DoubleValue)
                        ? null
                        : $"{at}: expected {expected.ToJsonString()}, got {actual.ToJsonString()}";
                case JsonObject o:
                    return actual is JsonObject ao ? CompareFields(o, ao, at, jsonTextFields: false) : $"{at}: expected an object, got {actual.ToJsonString()}";
                case JsonArray e:
                    if (actual is not JsonArray aa || aa.Count != e.Count)
                    {
                        return $"{at}: expected {expected.ToJsonString()}, got {actual.ToJsonString()}";
                    }

                    for (var i = 0; i < e.Count; i++)
                    {
                        if (Compare(e[i], aa[i], string.Create(CultureInfo.InvariantCulture, $"{at}[{i}]")) is { } difference)
                        {
                            return difference;
                        }
                    }

                    return null;
                default:
                    return expected.ToJsonString() == actual.ToJsonString() ? null : $"{at}: expected {expected.ToJsonString()}, got {actual.ToJsonString()}";
            }
        }
    }
}
