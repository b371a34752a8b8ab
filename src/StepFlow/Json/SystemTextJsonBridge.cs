using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StepFlow.Json;

/// <summary>
/// Carries values between System.Text.Json and <see cref="JsonValue"/>. Data coming in is written as compact UTF-8 text
/// and read by the engine's own parser (<see cref="JsonTextParser"/>), so a <see cref="JsonNode"/> or
/// <see cref="JsonElement"/> meets exactly the checks and errors that the same text would: depth, Unicode, number text
/// kept as written. Data going out is the engine's own text, read by System.Text.Json.
/// </summary>
internal static class SystemTextJsonBridge
{
    /// <summary>Strict UTF-8: a lone surrogate throws instead of silently becoming U+FFFD.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads back what the engine writes: at most <see cref="JsonValue.MaxWalkDepth"/> deep, no comments.</summary>
    private static readonly JsonDocumentOptions OutgoingDocument = new() { MaxDepth = JsonValue.MaxWalkDepth };

    /// <summary>Non-ASCII text is written as it is (the parser would only undo escapes); quotes and controls are escaped.</summary>
    private static readonly JsonWriterOptions IncomingWriter = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = JsonValue.MaxWalkDepth,
    };

    public static JsonValue FromNode(JsonNode? node, JsonParseOptions options)
    {
        if (node is null)
        {
            return JsonValue.Null;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, IncomingWriter))
        {
            try
            {
                if (!new NodeWriter(writer, buffer, options.MaxDepth).Write(node, 1, first: true))
                {
                    // A container deeper than the limit: the text so far ends with its bracket, and parsing it gives the error.
                    return JsonTextParser.Parse(buffer.WrittenSpan, options);
                }
            }
            catch (ArgumentException e)
            {
                // A value that JSON text cannot hold (a NaN or infinite number).
                writer.Flush();
                var position = buffer.WrittenCount + 1;
                throw new JsonParseException($"The value at line 1, position {position} of the node's JSON text cannot be JSON: {e.Message}", 1, position, e);
            }
        }

        return JsonTextParser.Parse(buffer.WrittenSpan, options);
    }

    public static JsonValue FromElement(JsonElement element, JsonParseOptions options)
    {
        if (element.ValueKind == JsonValueKind.Undefined)
        {
            throw new ArgumentException("The JsonElement is undefined (default(JsonElement)): it holds no JSON value.", nameof(element));
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, IncomingWriter with { MaxDepth = options.MaxDepth }))
        {
            try
            {
                // A document's element is written without recursion, and the writer refuses to open a container deeper
                // than the limit.
                element.WriteTo(writer);
            }
            catch (InvalidOperationException) when (writer.CurrentDepth >= options.MaxDepth && FirstTooDeep(element, options.MaxDepth) is not 0 and var bracket)
            {
                // The text up to and including the first container that is too deep: parsing it gives the parser's error.
                writer.Flush();
                buffer.Write([bracket]);
                return JsonTextParser.Parse(buffer.WrittenSpan, options);
            }
            catch (InvalidOperationException)
            {
                // A string whose escapes are not valid Unicode (an unpaired "\ud800"), which the document accepted as text:
                // the element's own text gives the parser's error for it.
                JsonTextParser.Parse(Encoding.UTF8.GetBytes(element.GetRawText()), options);
                throw;
            }
        }

        return JsonTextParser.Parse(buffer.WrittenSpan, options);
    }

    /// <summary>The compact UTF-8 text of <paramref name="value"/>.</summary>
    public static byte[] ToUtf8(JsonValue value)
    {
        var text = value.ToJsonString();
        try
        {
            return StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new InvalidOperationException(
                $"The JSON value cannot be written as UTF-8: {JsonDataProblems.Find(value) ?? "it holds an unpaired surrogate, which is not valid Unicode"}.", e);
        }
    }

    public static JsonNode ToNode(JsonValue value) =>
        JsonNode.Parse(ToUtf8(value), documentOptions: OutgoingDocument)
        ?? throw new InvalidOperationException("System.Text.Json read no value from the engine's JSON text.");

    public static JsonElement ToElement(JsonValue value)
    {
        using var document = JsonDocument.Parse(ToUtf8(value), OutgoingDocument);
        return document.RootElement.Clone();
    }

    /// <summary>The bracket of the first container (in document order) nested deeper than <paramref name="maxDepth"/>, or 0.</summary>
    private static byte FirstTooDeep(JsonElement element, int maxDepth)
    {
        return Walk(element, 1);

        byte Walk(JsonElement current, int depth)
        {
            var isObject = current.ValueKind == JsonValueKind.Object;
            if (!isObject && current.ValueKind != JsonValueKind.Array)
            {
                return 0;
            }

            if (depth > maxDepth)
            {
                return isObject ? (byte)'{' : (byte)'[';
            }

            if (isObject)
            {
                foreach (var member in current.EnumerateObject())
                {
                    if (Walk(member.Value, depth + 1) is not 0 and var found)
                    {
                        return found;
                    }
                }
            }
            else
            {
                foreach (var item in current.EnumerateArray())
                {
                    if (Walk(item, depth + 1) is not 0 and var found)
                    {
                        return found;
                    }
                }
            }

            return 0;
        }
    }

    /// <summary>
    /// Writes a <see cref="JsonNode"/> tree with a depth counter: it never descends past the limit, and refuses strings and
    /// member names that are not valid UTF-16 (the writer would silently replace their lone surrogates).
    /// </summary>
    private readonly struct NodeWriter(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, int maxDepth)
    {
        /// <summary>Writes <paramref name="node"/>; false when a container deeper than the limit was met (its bracket is written last).</summary>
        public bool Write(JsonNode? node, int depth, bool first)
        {
            switch (node)
            {
                case null:
                    writer.WriteNullValue();
                    return true;
                case System.Text.Json.Nodes.JsonObject obj:
                    if (depth > maxDepth)
                    {
                        return TooDeep((byte)'{', first);
                    }

                    writer.WriteStartObject();
                    var firstMember = true;
                    foreach (var member in obj)
                    {
                        CheckUnicode(member.Key, firstMember);
                        writer.WritePropertyName(member.Key);
                        if (!Write(member.Value, depth + 1, first: true))
                        {
                            return false;
                        }

                        firstMember = false;
                    }

                    writer.WriteEndObject();
                    return true;
                case System.Text.Json.Nodes.JsonArray array:
                    if (depth > maxDepth)
                    {
                        return TooDeep((byte)'[', first);
                    }

                    writer.WriteStartArray();
                    var firstItem = true;
                    foreach (var item in array)
                    {
                        if (!Write(item, depth + 1, firstItem))
                        {
                            return false;
                        }

                        firstItem = false;
                    }

                    writer.WriteEndArray();
                    return true;
                default:
                    if (node.GetValueKind() == JsonValueKind.String && node.AsValue().TryGetValue<string>(out var text))
                    {
                        CheckUnicode(text, first);
                    }

                    node.WriteTo(writer);
                    return true;
            }
        }

        private bool TooDeep(byte bracket, bool first)
        {
            writer.Flush();
            buffer.Write(first ? [bracket] : [(byte)',', bracket]);
            return false;
        }

        /// <summary>Throws the parser's error for text holding an unpaired surrogate, at the position it would have.</summary>
        private void CheckUnicode(string text, bool first)
        {
            var at = JsonDataProblems.LoneSurrogateAt(text);
            if (at < 0)
            {
                return;
            }

            writer.Flush();
            long position = buffer.WrittenCount + (first ? 0 : 1) + JsonTextWriter.EscapedUtf8Length(text[..at]) - 1 + 1;
            throw new JsonParseException(
                $"The text holds an unpaired surrogate (U+{(int)text[at]:X4}) at line 1, position {position}; JSON text must be valid Unicode.",
                1,
                position);
        }
    }
}
