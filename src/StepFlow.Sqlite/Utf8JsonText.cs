using System.Buffers;
using System.Globalization;
using StepFlow.Json;

namespace StepFlow.Sqlite;

/// <summary>
/// Writes a value's compact JSON text straight to UTF-8 bytes (no intermediate string), escaping what JSON requires
/// as StepFlow's own writer does, so <see cref="JsonValue.Parse(ReadOnlySpan{byte}, JsonParseOptions?)"/> reads back an equal value.
/// </summary>
internal static class Utf8JsonText
{
    /// <summary>The deepest nesting written: what <see cref="JsonParseOptions.Default"/> reads back.</summary>
    public static readonly int MaxDepth = JsonParseOptions.Default.MaxDepth;

    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    /// <summary>Appends the compact JSON text of <paramref name="value"/>, which sits at nesting level <paramref name="depth"/> (1 at the top).</summary>
    /// <exception cref="ArgumentException">The value holds an unpaired surrogate or nests deeper than <see cref="MaxDepth"/>.</exception>
    public static void Write(Utf8Buffer buffer, JsonValue value, string what, int depth)
    {
        switch (value)
        {
            case JsonObject obj:
                CheckDepth(depth, what);
                buffer.WriteByte((byte)'{');
                var first = true;
                foreach (var member in obj.Members)
                {
                    if (!first)
                    {
                        buffer.WriteByte((byte)',');
                    }

                    first = false;
                    WriteString(buffer, member.Key, what);
                    buffer.WriteByte((byte)':');
                    Write(buffer, member.Value, what, depth + 1);
                }

                buffer.WriteByte((byte)'}');
                break;
            case JsonArray array:
                CheckDepth(depth, what);
                buffer.WriteByte((byte)'[');
                var items = array.Items;
                for (var i = 0; i < items.Length; i++)
                {
                    if (i > 0)
                    {
                        buffer.WriteByte((byte)',');
                    }

                    Write(buffer, items[i], what, depth + 1);
                }

                buffer.WriteByte((byte)']');
                break;
            case JsonString text:
                WriteString(buffer, text.Value, what);
                break;
            case JsonNumber number when number.IsInteger:
                buffer.WriteInt64(number.IntegerValue);
                break;
            case JsonNumber number:
                buffer.WriteAscii(number.ToNumberText());
                break;
            case JsonBool boolean:
                buffer.WriteAscii(boolean.Value ? "true" : "false");
                break;
            default:
                buffer.WriteAscii("null");
                break;
        }
    }

    private static void WriteString(Utf8Buffer buffer, string value, string what)
    {
        var plainAscii = buffer.TryWriteQuotedAscii(value);
        if (plainAscii)
        {
            return;
        }

        buffer.WriteByte((byte)'"');
        var rest = value.AsSpan();
        while (true)
        {
            var plain = rest.IndexOfAny(NeedsEscape);
            if (plain < 0)
            {
                buffer.WriteUtf8(rest, what);
                break;
            }

            buffer.WriteUtf8(rest[..plain], what);
            var c = rest[plain];
            switch (c)
            {
                case '"': buffer.WriteAscii("\\\""); break;
                case '\\': buffer.WriteAscii("\\\\"); break;
                case '\b': buffer.WriteAscii("\\b"); break;
                case '\f': buffer.WriteAscii("\\f"); break;
                case '\n': buffer.WriteAscii("\\n"); break;
                case '\r': buffer.WriteAscii("\\r"); break;
                case '\t': buffer.WriteAscii("\\t"); break;
                default: buffer.WriteAscii("\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
            }

            rest = rest[(plain + 1)..];
        }

        buffer.WriteByte((byte)'"');
    }

    private static void CheckDepth(int depth, string what)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"The {what} nests deeper than {MaxDepth} levels, which the store could not read back; nothing was written.");
        }
    }
}
