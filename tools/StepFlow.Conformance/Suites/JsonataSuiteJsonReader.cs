using System.Globalization;
using System.Text;
using StepFlow.Json;

namespace StepFlow.Conformance.Suites;

/// <summary>
/// A small JSON reader for the JSONata suite's files. Unlike a strict UTF-8 reader it keeps lone UTF-16
/// surrogate escapes such as <c>"\ud800"</c>, which some cases rely on.
/// </summary>
public static class JsonataSuiteJsonReader
{
    /// <summary>Parses JSON text.</summary>
    public static JsonValue Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var position = 0;
        var value = ReadValue(text, ref position, 0);
        SkipWhite(text, ref position);
        if (position != text.Length)
        {
            throw new FormatException($"Unexpected text at offset {position}.");
        }

        return value;
    }

    private static void SkipWhite(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private static JsonValue ReadValue(string text, ref int position, int depth)
    {
        if (depth > 1000)
        {
            throw new FormatException("JSON nested too deeply.");
        }

        SkipWhite(text, ref position);
        if (position >= text.Length)
        {
            throw new FormatException("Unexpected end of JSON.");
        }

        var c = text[position];
        switch (c)
        {
            case '{':
                {
                    position++;
                    var members = new List<KeyValuePair<string, JsonValue>>();
                    SkipWhite(text, ref position);
                    if (text[position] == '}')
                    {
                        position++;
                        return JsonObject.Create(members);
                    }

                    while (true)
                    {
                        SkipWhite(text, ref position);
                        var key = ReadString(text, ref position);
                        SkipWhite(text, ref position);
                        Expect(text, ref position, ':');
                        var value = ReadValue(text, ref position, depth + 1);
                        members.RemoveAll(m => m.Key == key);
                        members.Add(new KeyValuePair<string, JsonValue>(key, value));
                        SkipWhite(text, ref position);
                        if (text[position] == ',')
                        {
                            position++;
                            continue;
                        }

                        Expect(text, ref position, '}');
                        return JsonObject.Create(members);
                    }
                }

            case '[':
                {
                    position++;
                    var items = new List<JsonValue>();
                    SkipWhite(text, ref position);
                    if (text[position] == ']')
                    {
                        position++;
                        return JsonArray.Create(items);
                    }

                    while (true)
                    {
                        items.Add(ReadValue(text, ref position, depth + 1));
                        SkipWhite(text, ref position);
                        if (text[position] == ',')
                        {
                            position++;
                            continue;
                        }

                        Expect(text, ref position, ']');
                        return JsonArray.Create(items);
                    }
                }

            case '"':
                return JsonValue.From(ReadString(text, ref position));
            case 't' when string.CompareOrdinal(text, position, "true", 0, 4) == 0:
                position += 4;
                return JsonValue.True;
            case 'f' when string.CompareOrdinal(text, position, "false", 0, 5) == 0:
                position += 5;
                return JsonValue.False;
            case 'n' when string.CompareOrdinal(text, position, "null", 0, 4) == 0:
                position += 4;
                return JsonValue.Null;
            default:
                {
                    var start = position;
                    while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] is '-' or '+' or '.' or 'e' or 'E'))
                    {
                        position++;
                    }

                    var literal = text.AsSpan(start, position - start);
                    if (literal.IndexOfAny('.', 'e', 'E') < 0 && long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                    {
                        return JsonValue.From(integer);
                    }

                    return JsonValue.From(double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture));
                }
        }
    }

    private static void Expect(string text, ref int position, char c)
    {
        if (position >= text.Length || text[position] != c)
        {
            throw new FormatException($"Expected '{c}' at offset {position}.");
        }

        position++;
    }

    private static string ReadString(string text, ref int position)
    {
        Expect(text, ref position, '"');
        var sb = new StringBuilder();
        while (position < text.Length)
        {
            var c = text[position++];
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            var e = text[position++];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'u':
                    sb.Append((char)int.Parse(text.AsSpan(position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                    position += 4;
                    break;
                default: sb.Append(e); break;
            }
        }

        throw new FormatException("Unterminated string.");
    }
}
