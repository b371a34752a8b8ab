using System.Globalization;
using StepFlow.Json;

namespace StepFlow.Testing.FluentAssertions;

/// <summary>
/// Where two JSON values first differ, as a JSONPath-like location with both sides (<c>$.charge.amount: expected 10, found
/// 12</c>). Objects are compared by member name (order ignored), arrays item by item, numbers by value.
/// </summary>
internal static class JsonDifference
{
    /// <summary>The first difference, or null when the values are equal as JSON.</summary>
    public static string? Find(JsonValue expected, JsonValue? actual) =>
        actual is null ? "$: expected " + Show(expected) + ", found nothing" : Find("$", expected, actual, depth: 0);

    private static string? Find(string at, JsonValue expected, JsonValue actual, int depth)
    {
        if (expected.Equals(actual))
        {
            return null;
        }

        if (depth < 64 && expected is JsonObject e && actual is JsonObject a)
        {
            foreach (var member in e.Members)
            {
                if (!a.TryGetValue(member.Key, out var value))
                {
                    return $"{at}.{member.Key}: expected {Show(member.Value)}, but the member is missing";
                }

                if (Find($"{at}.{member.Key}", member.Value, value, depth + 1) is { } inner)
                {
                    return inner;
                }
            }

            foreach (var member in a.Members)
            {
                if (!e.TryGetValue(member.Key, out _))
                {
                    return $"{at}.{member.Key}: found {Show(member.Value)}, which is not expected";
                }
            }
        }

        if (depth < 64 && expected is JsonArray ea && actual is JsonArray aa)
        {
            for (var i = 0; i < Math.Min(ea.Count, aa.Count); i++)
            {
                if (Find(string.Create(CultureInfo.InvariantCulture, $"{at}[{i}]"), ea[i], aa[i], depth + 1) is { } inner)
                {
                    return inner;
                }
            }

            return string.Create(CultureInfo.InvariantCulture, $"{at}: expected {ea.Count} items, found {aa.Count}");
        }

        return $"{at}: expected {Show(expected)}, found {Show(actual)}";
    }

    /// <summary>Compact JSON, cut to 200 characters.</summary>
    public static string Show(JsonValue? value)
    {
        if (value is null)
        {
            return "nothing";
        }

        var text = value.ToJsonString();
        return text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
    }
}
