using System.Buffers;
using System.Text;
using System.Text.Json;

namespace StepFlow.Json;

/// <summary>
/// Builds <see cref="JsonValue"/> trees from JSON text: straight from UTF-16 text when it is well formed,
/// otherwise (and for UTF-8 input) with <see cref="Utf8JsonReader"/>, whose messages and positions are reported.
/// </summary>
internal static class JsonTextParser
{
    public static JsonValue Parse(string json, JsonParseOptions options) => Parse(json, options, null);

    /// <summary>Parses <paramref name="json"/>; <paramref name="duplicates"/>, when given, receives every member name repeated in one object.</summary>
    public static JsonValue Parse(string json, JsonParseOptions options, List<JsonDuplicateKey>? duplicates)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (options.MaxDepth > 0)
        {
            // Straight from the UTF-16 text; anything malformed or unusual goes on to the UTF-8 reader below,
            // which gives exactly today's tree, messages and positions.
            var fast = JsonTreeBuilder.Rent(duplicates);
            try
            {
                if (fast.TryParseText(json, options, out var value))
                {
                    return value!;
                }
            }
            finally
            {
                JsonTreeBuilder.Return(fast);
            }
        }

        var maxBytes = Encoding.UTF8.GetMaxByteCount(json.Length);
        byte[]? rented = null;
        var buffer = maxBytes <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var written = Encoding.UTF8.GetBytes(json, buffer);
            return Parse(buffer[..written], options, duplicates);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static JsonValue Parse(ReadOnlySpan<byte> utf8, JsonParseOptions options) => Parse(utf8, options, null);

    /// <summary>Parses UTF-8 <paramref name="utf8"/>; <paramref name="duplicates"/>, when given, receives every member name repeated in one object.</summary>
    public static JsonValue Parse(ReadOnlySpan<byte> utf8, JsonParseOptions options, List<JsonDuplicateKey>? duplicates)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            MaxDepth = options.MaxDepth,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });
        var builder = JsonTreeBuilder.Rent(duplicates);
        try
        {
            if (!reader.Read())
            {
                throw new JsonParseException("The JSON text is empty.", 1, 1);
            }

            var value = builder.ReadValue(ref reader);
            if (reader.Read())
            {
                throw Error(ref reader, "Unexpected content after the end of the JSON value.");
            }

            return value;
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            throw new JsonParseException($"{TrimMessage(e.Message)} (line {line}, position {position})", line, position, e);
        }
        finally
        {
            JsonTreeBuilder.Return(builder);
        }
    }

    internal static JsonParseException Error(ref Utf8JsonReader reader, string message)
    {
        var position = reader.TokenStartIndex + 1;
        return new JsonParseException($"{message} (byte {position})", 1, position);
    }

    private static string TrimMessage(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd('.', ' ') + "." : message;
    }
}
