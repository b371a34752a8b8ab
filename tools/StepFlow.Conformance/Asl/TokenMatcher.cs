using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using StepFlow.Json;

namespace StepFlow.Conformance.Asl;

/// <summary>
/// Compares an expected JSON value from a recorded case with an actual one, treating each
/// <c>{{...}}</c> token inside an expected string as a wildcard for one or more characters. A token
/// binds to the text it first matched, and every later occurrence of it (in this matcher's lifetime,
/// that is, within one case) must match the same text.
/// </summary>
public sealed partial class TokenMatcher
{
    private readonly Dictionary<string, string> _bindings = new(StringComparer.Ordinal);

    /// <summary>The values the tokens were bound to so far, by token text (e.g. <c>{{uuid:1}}</c>).</summary>
    public IReadOnlyDictionary<string, string> Bindings => _bindings;

    /// <summary>True when <paramref name="text"/> contains at least one <c>{{...}}</c> token.</summary>
    public static bool ContainsToken(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TokenPattern().IsMatch(text);
    }

    /// <summary>
    /// Matches <paramref name="actual"/> against <paramref name="expected"/>: objects by member name
    /// (order ignored), arrays in order, numbers by value, strings with token wildcards. On success the
    /// tokens' bindings are kept; on failure they are left as before the call and <paramref name="difference"/>
    /// says where the values first differ.
    /// </summary>
    public bool Match(JsonValue expected, JsonValue? actual, out string? difference)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var snapshot = new Dictionary<string, string>(_bindings, StringComparer.Ordinal);
        difference = MatchAt(expected, actual, "$");
        if (difference is null)
        {
            return true;
        }

        _bindings.Clear();
        foreach (var pair in snapshot)
        {
            _bindings[pair.Key] = pair.Value;
        }

        return false;
    }

    /// <summary>Matches one string against an expected string that may contain tokens.</summary>
    public bool MatchString(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (!ContainsToken(expected))
        {
            return string.Equals(expected, actual, StringComparison.Ordinal);
        }

        var pattern = new StringBuilder("^");
        var groups = new List<(string Token, string Group)>();
        var last = 0;
        foreach (Match token in TokenPattern().Matches(expected))
        {
            pattern.Append(Regex.Escape(expected[last..token.Index]));
            last = token.Index + token.Length;
            if (_bindings.TryGetValue(token.Value, out var bound))
            {
                pattern.Append(Regex.Escape(bound));
                continue;
            }

            var existing = groups.FindIndex(g => g.Token == token.Value);
            if (existing >= 0)
            {
                pattern.Append(@"\k<").Append(groups[existing].Group).Append('>');
                continue;
            }

            var group = "t" + groups.Count.ToString(CultureInfo.InvariantCulture);
            groups.Add((token.Value, group));
            pattern.Append("(?<").Append(group).Append(">.+?)");
        }

        pattern.Append(Regex.Escape(expected[last..])).Append('$');
        var match = Regex.Match(actual, pattern.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            return false;
        }

        foreach (var (token, group) in groups)
        {
            _bindings[token] = match.Groups[group].Value;
        }

        return true;
    }

    private string? MatchAt(JsonValue expected, JsonValue? actual, string path)
    {
        if (actual is null)
        {
            return $"{path}: expected {Describe(expected)}, got nothing";
        }

        switch (expected)
        {
            case JsonString expectedString:
                if (actual is JsonString actualString && MatchString(expectedString.Value, actualString.Value))
                {
                    return null;
                }

                // A string holding JSON (a Lambda error cause) was stored compact in one place and as the
                // function printed it in another: compare such strings as JSON values.
                return actual is JsonString actualJson && TryParseStructured(expectedString.Value, out var expectedInner) &&
                    TryParseStructured(actualJson.Value, out var actualInner) && MatchAt(expectedInner, actualInner, path) is null
                    ? null
                    : Mismatch(path, expected, actual);

            case JsonObject expectedObject:
                if (actual is not JsonObject actualObject)
                {
                    return Mismatch(path, expected, actual);
                }

                foreach (var member in expectedObject.Members)
                {
                    var memberPath = path + "." + member.Key;
                    if (!actualObject.TryGetValue(member.Key, out var actualMember))
                    {
                        return $"{memberPath}: missing (expected {Describe(member.Value)})";
                    }

                    var inner = MatchAt(member.Value, actualMember, memberPath);
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                foreach (var member in actualObject.Members)
                {
                    if (!expectedObject.ContainsKey(member.Key))
                    {
                        return $"{path}.{member.Key}: unexpected member {Describe(member.Value)}";
                    }
                }

                return null;

            case JsonArray expectedArray:
                if (actual is not JsonArray actualArray)
                {
                    return Mismatch(path, expected, actual);
                }

                if (expectedArray.Count != actualArray.Count)
                {
                    return $"{path}: expected {expectedArray.Count} items, got {actualArray.Count}: {Describe(actual)}";
                }

                for (var i = 0; i < expectedArray.Count; i++)
                {
                    var inner = MatchAt(expectedArray[i], actualArray[i], $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]");
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                return null;

            default:
                return expected.Equals(actual) ? null : Mismatch(path, expected, actual);
        }
    }

    private static string Mismatch(string path, JsonValue expected, JsonValue actual) =>
        $"{path}: expected {Describe(expected)}, got {Describe(actual)}";

    private static bool TryParseStructured(string text, out JsonValue value)
    {
        value = JsonValue.Null;
        var trimmed = text.TrimStart();
        if (trimmed.Length == 0 || (trimmed[0] != '{' && trimmed[0] != '['))
        {
            return false;
        }

        try
        {
            value = JsonValue.Parse(text);
            return true;
        }
        catch (JsonParseException)
        {
            return false;
        }
    }

    private static string Describe(JsonValue value)
    {
        var text = value.ToJsonString();
        return text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
    }

    [GeneratedRegex(@"\{\{[^{}]+\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
