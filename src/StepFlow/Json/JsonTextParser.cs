using System.Buffers;
using System.Text;
using System.Text.Json;

namespace StepFlow.Json;

/// <summary>Builds <see cref="JsonValue"/> trees from JSON text with <see cref="Utf8JsonReader"/>.</summary>
internal static class JsonTextParser
{
    public static JsonValue Parse(string json, JsonParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(json);
        var maxBytes = Encoding.UTF8.GetMaxByteCount(json.Length);
        byte[]? rented = null;
        var buffer = maxBytes <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var written = Encoding.UTF8.GetBytes(json, buffer);
            return Parse(buffer[..written], options);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static JsonValue Parse(ReadOnlySpan<byte> utf8, JsonParseOptions options)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            MaxDepth = options.MaxDepth,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });
        try
        {
            if (!reader.Read())
            {
                throw new JsonParseException("The JSON text is empty.", 1, 1);
            }

            var value = ReadValue(ref reader);
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
    }

    private static JsonValue ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return ReadObject(ref reader);
            case JsonTokenType.StartArray:
                return ReadArray(ref reader);
            case JsonTokenType.String:
                var text = reader.GetString()!;
                return text.Length == 0 ? JsonString.Empty : new JsonString(text);
            case JsonTokenType.Number:
                return JsonNumber.Parse(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
            case JsonTokenType.True:
                return JsonValue.True;
            case JsonTokenType.False:
                return JsonValue.False;
            case JsonTokenType.Null:
                return JsonValue.Null;
            default:
                throw Error(ref reader, $"Unexpected token {reader.TokenType}.");
        }
    }

    private static JsonObject ReadObject(ref Utf8JsonReader reader)
    {
        var members = new List<KeyValuePair<string, JsonValue>>();
        Dictionary<string, int>? positions = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            var value = ReadValue(ref reader);
            var existing = FindMember(members, ref positions, name);
            if (existing >= 0)
            {
                members[existing] = new KeyValuePair<string, JsonValue>(name, value);
            }
            else
            {
                positions?.Add(name, members.Count);
                members.Add(new KeyValuePair<string, JsonValue>(name, value));
            }
        }

        return JsonObject.TakeOwnership(members.ToArray());
    }

    private static int FindMember(List<KeyValuePair<string, JsonValue>> members, ref Dictionary<string, int>? positions, string name)
    {
        if (positions is null && members.Count < 16)
        {
            for (var i = 0; i < members.Count; i++)
            {
                if (string.Equals(members[i].Key, name, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        if (positions is null)
        {
            positions = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < members.Count; i++)
            {
                positions[members[i].Key] = i;
            }
        }

        return positions.TryGetValue(name, out var position) ? position : -1;
    }

    private static JsonArray ReadArray(ref Utf8JsonReader reader)
    {
        var items = new List<JsonValue>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(ReadValue(ref reader));
        }

        return JsonArray.TakeOwnership(items.ToArray());
    }

    private static JsonParseException Error(ref Utf8JsonReader reader, string message)
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
