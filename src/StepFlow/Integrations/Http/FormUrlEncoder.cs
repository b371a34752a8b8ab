using System.Globalization;
using StepFlow.Json;

namespace StepFlow.Integrations.Http;

/// <summary>One URL-encoded <c>name=value</c> pair and the top-level key it came from (connection parameters replace by that key).</summary>
internal readonly record struct EncodedPair(string TopKey, string Text);

/// <summary>
/// URL-encodes JSON as form data, the way the HTTP Task encodes a <c>URL_ENCODED</c> body and query parameters:
/// nested objects become <c>key[member]</c>, arrays follow the <see cref="HttpArrayFormat"/>, and names and
/// values are percent-encoded (RFC 3986; a space is <c>%20</c>). Walks with an explicit stack, so nesting depth
/// cannot overflow the call stack.
/// </summary>
internal static class FormUrlEncoder
{
    /// <summary>Appends the pairs of every member of <paramref name="value"/>, in member order.</summary>
    public static void AppendObject(List<EncodedPair> pairs, JsonObject value, HttpArrayFormat format)
    {
        var stack = new Stack<(string Name, JsonValue Value)>();
        foreach (var (key, member) in value)
        {
            stack.Push((key, member));
            while (stack.Count > 0)
            {
                var (name, current) = stack.Pop();
                switch (current)
                {
                    case JsonObject obj:
                        for (var i = obj.Count - 1; i >= 0; i--)
                        {
                            stack.Push((name + "[" + obj[i].Key + "]", obj[i].Value));
                        }

                        break;
                    case JsonArray array when format == HttpArrayFormat.Commas && AllScalars(array):
                        pairs.Add(new EncodedPair(key, Escape(name) + "=" + string.Join(',', array.Select(item => Escape(ScalarText(item))))));
                        break;
                    case JsonArray array:
                        for (var i = array.Count - 1; i >= 0; i--)
                        {
                            stack.Push((ItemName(name, i, format), array[i]));
                        }

                        break;
                    default:
                        pairs.Add(new EncodedPair(key, Escape(name) + "=" + Escape(ScalarText(current))));
                        break;
                }
            }
        }
    }

    /// <summary>Appends one plain <c>name=value</c> pair.</summary>
    public static void AppendPair(List<EncodedPair> pairs, string name, string value) =>
        pairs.Add(new EncodedPair(name, Escape(name) + "=" + Escape(value)));

    /// <summary>Joins pairs with <c>&amp;</c>.</summary>
    public static string Join(List<EncodedPair> pairs) => string.Join('&', pairs.Select(p => p.Text));

    /// <summary>The text a scalar is encoded as: a string as is, numbers and booleans as JSON, null as empty.</summary>
    public static string ScalarText(JsonValue value) => value switch
    {
        JsonString text => text.Value,
        JsonNumber number => number.ToNumberText(),
        JsonBool flag => flag.Value ? "true" : "false",
        JsonNull => string.Empty,
        _ => value.ToJsonString(),
    };

    private static string ItemName(string name, int index, HttpArrayFormat format) => format switch
    {
        HttpArrayFormat.Repeat => name,
        HttpArrayFormat.Brackets => name + "[]",
        _ => name + "[" + index.ToString(CultureInfo.InvariantCulture) + "]",
    };

    private static bool AllScalars(JsonArray array)
    {
        foreach (var item in array.Items)
        {
            if (item is JsonObject or JsonArray)
            {
                return false;
            }
        }

        return true;
    }

    private static string Escape(string text) => Uri.EscapeDataString(text);
}
