using System.Text;

namespace StepFlow.Json;

/// <summary>
/// Writes JSON text. Strings escape only what JSON requires (quote, backslash, control characters),
/// as AWS Step Functions does, so non-ASCII text stays readable and its size is its UTF-8 size.
/// </summary>
internal static class JsonTextWriter
{
    public static void Write(StringBuilder builder, JsonValue value, bool indent) => Write(builder, value, indent, 0);

    public static int EscapedUtf8Length(string value)
    {
        var length = 2;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t')
            {
                length += 2;
            }
            else if (c < 0x20)
            {
                length += 6;
            }
            else if (c < 0x80)
            {
                length += 1;
            }
            else if (c < 0x800)
            {
                length += 2;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                length += 4;
                i++;
            }
            else
            {
                length += 3;
            }
        }

        return length;
    }

    public static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            builder.Append(value, start, i - start);
            start = i + 1;
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default: builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }

        builder.Append(value, start, value.Length - start);
        builder.Append('"');
    }

    private static void Write(StringBuilder builder, JsonValue value, bool indent, int depth)
    {
        switch (value)
        {
            case JsonObject obj:
                WriteObject(builder, obj, indent, depth);
                break;
            case JsonArray array:
                WriteArray(builder, array, indent, depth);
                break;
            case JsonString text:
                WriteString(builder, text.Value);
                break;
            case JsonNumber number:
                builder.Append(number.ToNumberText());
                break;
            case JsonBool boolean:
                builder.Append(boolean.Value ? "true" : "false");
                break;
            default:
                builder.Append("null");
                break;
        }
    }

    private static void WriteObject(StringBuilder builder, JsonObject obj, bool indent, int depth)
    {
        if (obj.Count == 0)
        {
            builder.Append("{}");
            return;
        }

        builder.Append('{');
        var first = true;
        foreach (var member in obj.Members)
        {
            if (!first)
            {
                builder.Append(',');
            }

            first = false;
            NewLine(builder, indent, depth + 1);
            WriteString(builder, member.Key);
            builder.Append(indent ? ": " : ":");
            Write(builder, member.Value, indent, depth + 1);
        }

        NewLine(builder, indent, depth);
        builder.Append('}');
    }

    private static void WriteArray(StringBuilder builder, JsonArray array, bool indent, int depth)
    {
        if (array.Count == 0)
        {
            builder.Append("[]");
            return;
        }

        builder.Append('[');
        var first = true;
        foreach (var item in array.Items)
        {
            if (!first)
            {
                builder.Append(',');
            }

            first = false;
            NewLine(builder, indent, depth + 1);
            Write(builder, item, indent, depth + 1);
        }

        NewLine(builder, indent, depth);
        builder.Append(']');
    }

    private static void NewLine(StringBuilder builder, bool indent, int depth)
    {
        if (indent)
        {
            builder.Append('\n').Append(' ', depth * 2);
        }
    }
}
