using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StepFlow.Json;

/// <content>
/// Conversions to and from System.Text.Json: <see cref="JsonNode"/>, <see cref="JsonElement"/> and UTF-8 text. Data
/// coming in goes through the same parser as JSON text, with the same limits and errors.
/// </content>
public abstract partial class JsonValue
{
    /// <summary>
    /// Converts a System.Text.Json <see cref="JsonNode"/> (null stands for JSON <c>null</c>). Numbers keep the text they
    /// are written with (big integers and long fractions stay exact); the result shares nothing with the node.
    /// </summary>
    /// <exception cref="JsonParseException">
    /// The node nests deeper than <see cref="JsonParseOptions.MaxDepth"/> (the error parsing its text would give), or
    /// holds what JSON text cannot (an unpaired surrogate, a NaN or infinite number); the position is in its compact text.
    /// </exception>
    public static JsonValue FromJsonNode(JsonNode? node, JsonParseOptions? options = null) =>
        SystemTextJsonBridge.FromNode(node, options ?? JsonParseOptions.Default);

    /// <summary>
    /// Converts a System.Text.Json <see cref="JsonElement"/>. Numbers keep the text they are written with; the result
    /// does not refer to the element's document, which may be disposed afterwards.
    /// </summary>
    /// <exception cref="ArgumentException">The element is <c>default</c> (<see cref="JsonValueKind.Undefined"/>).</exception>
    /// <exception cref="JsonParseException">
    /// The element nests deeper than <see cref="JsonParseOptions.MaxDepth"/>, or a string escapes an unpaired surrogate
    /// (the errors parsing its text would give).
    /// </exception>
    public static JsonValue FromJsonElement(JsonElement element, JsonParseOptions? options = null) =>
        SystemTextJsonBridge.FromElement(element, options ?? JsonParseOptions.Default);

    /// <summary>
    /// Reads UTF-8 JSON text from <paramref name="utf8Json"/> to its end and parses it as
    /// <see cref="Parse(ReadOnlySpan{byte}, JsonParseOptions?)"/> does. The stream is not closed.
    /// </summary>
    /// <exception cref="JsonParseException">The text is not JSON, or breaks a limit of <paramref name="options"/>.</exception>
    /// <exception cref="InvalidDataException">The stream holds more than <see cref="Array.MaxLength"/> bytes.</exception>
    public static async Task<JsonValue> ParseAsync(Stream utf8Json, JsonParseOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= Array.MaxLength)
                    {
                        throw new InvalidDataException($"The stream holds more than {Array.MaxLength} bytes of JSON text.");
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, Array.MaxLength));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await utf8Json.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return Parse(buffer.AsSpan(0, length), options);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Converts this value to a new, independent System.Text.Json <see cref="JsonNode"/> (JSON <c>null</c> gives null).</summary>
    /// <exception cref="JsonNestingException">The value nests deeper than <see cref="MaxWalkDepth"/>.</exception>
    /// <exception cref="InvalidOperationException">A string holds an unpaired surrogate, which UTF-8 cannot carry.</exception>
    public JsonNode? ToJsonNode() => Kind == JsonKind.Null ? null : SystemTextJsonBridge.ToNode(this);

    /// <summary>Converts this value to a System.Text.Json <see cref="JsonElement"/> that owns its data (no document to dispose).</summary>
    /// <exception cref="JsonNestingException">The value nests deeper than <see cref="MaxWalkDepth"/>.</exception>
    /// <exception cref="InvalidOperationException">A string holds an unpaired surrogate, which UTF-8 cannot carry.</exception>
    public JsonElement ToJsonElement() => SystemTextJsonBridge.ToElement(this);

    /// <summary>The compact UTF-8 JSON text of this value (the bytes <see cref="Utf8Length"/> counts).</summary>
    /// <exception cref="JsonNestingException">The value nests deeper than <see cref="MaxWalkDepth"/>.</exception>
    /// <exception cref="InvalidOperationException">A string holds an unpaired surrogate, which UTF-8 cannot carry.</exception>
    public byte[] ToUtf8Bytes() => SystemTextJsonBridge.ToUtf8(this);

    /// <summary>Writes this value to <paramref name="writer"/> as one JSON value (its compact text, unchanged).</summary>
    /// <exception cref="JsonNestingException">The value nests deeper than <see cref="MaxWalkDepth"/>.</exception>
    /// <exception cref="InvalidOperationException">A string holds an unpaired surrogate, which UTF-8 cannot carry.</exception>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(ToUtf8Bytes(), skipInputValidation: true);
    }

    /// <summary>Writes the compact UTF-8 JSON text of this value to <paramref name="utf8Json"/>, which is not closed.</summary>
    /// <exception cref="JsonNestingException">The value nests deeper than <see cref="MaxWalkDepth"/>.</exception>
    /// <exception cref="InvalidOperationException">A string holds an unpaired surrogate, which UTF-8 cannot carry.</exception>
    public async Task WriteToAsync(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        await utf8Json.WriteAsync(ToUtf8Bytes(), cancellationToken).ConfigureAwait(false);
    }
}
