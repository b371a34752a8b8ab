using System.Globalization;

namespace StepFlow.Json;

/// <summary>
/// Checks a value handed to the engine's API (execution input, callback output) for what JSON text could not carry:
/// nesting deeper than <see cref="JsonValue.MaxDepth"/>, and strings (values or member names) with an unpaired
/// surrogate, which is not Unicode. Parsed text never has either; a value built in code may.
/// </summary>
internal static class JsonDataProblems
{
    /// <summary>What is wrong with <paramref name="value"/>, naming the place by JSON Pointer; null when nothing is.</summary>
    public static string? Find(JsonValue value)
    {
        if (value.Depth > JsonValue.MaxDepth)
        {
            return $"it is nested {value.Depth} levels deep; at most {JsonValue.MaxDepth} are allowed";
        }

        // The depth is bounded now, so the walks may recurse. The first, whose answer each node keeps, costs nothing for
        // parsed data or data seen before; only when it finds a problem does the second look for where it is.
        return IsValidUnicode(value) ? null : FindLoneSurrogate(value, string.Empty);
    }

    /// <summary>Whether no string or member name of <paramref name="value"/> holds an unpaired surrogate; kept on each node.</summary>
    private static bool IsValidUnicode(JsonValue value)
    {
        if (value.UnicodeState != 0)
        {
            return value.UnicodeState == 1;
        }

        var valid = true;
        switch (value)
        {
            case JsonString text:
                valid = LoneSurrogateAt(text.Value) < 0;
                break;
            case JsonArray array:
                foreach (var item in array.Items)
                {
                    valid &= IsValidUnicode(item);
                }

                break;
            case JsonObject obj:
                foreach (var member in obj.Members)
                {
                    valid &= LoneSurrogateAt(member.Key) < 0 && IsValidUnicode(member.Value);
                }

                break;
        }

        value.UnicodeState = valid ? (byte)1 : (byte)2;
        return valid;
    }

    private static string? FindLoneSurrogate(JsonValue value, string pointer)
    {
        switch (value)
        {
            case JsonString text:
                return LoneSurrogateAt(text.Value) is var at and >= 0
                    ? $"the string at '{pointer}' holds an unpaired surrogate (U+{(int)text.Value[at]:X4}), which is not valid Unicode"
                    : null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (FindLoneSurrogate(array[i], pointer + "/" + i.ToString(CultureInfo.InvariantCulture)) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonObject obj:
                foreach (var member in obj.Members)
                {
                    var memberPointer = pointer + "/" + member.Key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                    if (LoneSurrogateAt(member.Key) is var nameAt and >= 0)
                    {
                        return $"the member name at '{memberPointer}' holds an unpaired surrogate (U+{(int)member.Key[nameAt]:X4}), which is not valid Unicode";
                    }

                    if (FindLoneSurrogate(member.Value, memberPointer) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>The index of the first surrogate of <paramref name="text"/> that is not part of a high-low pair, or -1.</summary>
    internal static int LoneSurrogateAt(string text)
    {
        var span = text.AsSpan();
        var i = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (i >= 0)
        {
            if (!char.IsHighSurrogate(span[i]) || i + 1 >= span.Length || !char.IsLowSurrogate(span[i + 1]))
            {
                return i;
            }

            i += 2;
            var next = span[i..].IndexOfAnyInRange('\uD800', '\uDFFF');
            i = next < 0 ? -1 : i + next;
        }

        return -1;
    }
}
