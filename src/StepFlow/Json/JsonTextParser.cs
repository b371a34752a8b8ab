using System.Buffers;
using System.Text.Unicode;
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
    public static JsonValue Parse(string json, JsonParseOptions options, List<JsonDuplicateKey>? duplicates) =>
        Parse(json, options, duplicates, null);

    /// <summary>
    /// Parses <paramref name="json"/> as <see cref="Parse(string, JsonParseOptions, List{JsonDuplicateKey}?)"/> does;
    /// <paramref name="session"/>, when given, makes identical containers one node (when the text is read straight
    /// from UTF-16, as a well-formed definition is) and learns which ones were handed out more than once.
    /// </summary>
    public static JsonValue Parse(string json, JsonParseOptions options, List<JsonDuplicateKey>? duplicates, ParseSession? session)
    {
        ArgumentNullException.ThrowIfNull(json);

        // Straight from the UTF-16 text; anything malformed or unusual goes on to the UTF-8 reader below,
        // which gives exactly today's tree, messages and positions.
        var fast = JsonTreeBuilder.Rent(duplicates);
        try
        {
            if (fast.TryParseText(json, options, session, out var value))
            {
                // Parsed text is valid Unicode (the fast path gives up on lone surrogates, the reader rejects them).
                value!.UnicodeState = 1;
                return value;
            }
        }
        finally
        {
            JsonTreeBuilder.Return(fast);
        }

        // The reader path shares nothing: forget the nodes of the attempt given up.
        session?.Forget();

        var maxBytes = Encoding.UTF8.GetMaxByteCount(json.Length);
        byte[]? rented = null;
        var buffer = maxBytes <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            // Strict: a lone surrogate in the text is an error, never silently replaced by U+FFFD.
            if (Utf8.FromUtf16(json, buffer, out var read, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                throw UnpairedSurrogate(json, read);
            }

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
        if (NestsDeeperThan(utf8, options.MaxDepth))
        {
            // The tree is built by recursion, and the reader would throw at the limit from deep inside it, where
            // raising the exception on a small stack could overflow it: the reader alone finds the error first.
            ThrowFirstError(utf8, options);
        }

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

            value.UnicodeState = 1;
            return value;
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            throw new JsonParseException($"{TrimMessage(e.Message)} (line {line}, position {position})", line, position, e);
        }
        catch (Exception e) when (e is InvalidOperationException or DecoderFallbackException)
        {
            // The reader accepts a string token whose escapes make a lone surrogate ("\ud800") or whose bytes are not
            // UTF-8, and only decoding it fails: JSON text must be valid Unicode (as AWS requires), so this is bad JSON.
            var (line, position) = Locate(utf8, reader.TokenStartIndex);
            throw new JsonParseException(
                $"The string at line {line}, position {position} is not valid Unicode (an unpaired surrogate or invalid UTF-8): {e.Message}",
                line,
                position,
                e);
        }
        finally
        {
            JsonTreeBuilder.Return(builder);
        }
    }

    /// <summary>The structural characters outside strings, and the quote that opens one.</summary>
    private static readonly SearchValues<byte> Structure = SearchValues.Create("\"[]{}"u8);

    /// <summary>The characters that matter inside a string: its closing quote and the escape.</summary>
    private static readonly SearchValues<byte> StringStops = SearchValues.Create("\"\\"u8);

    /// <summary>
    /// Whether arrays and objects in <paramref name="utf8"/> open more than <paramref name="maxDepth"/> deep, by a scan of
    /// brackets and strings that does not check anything else (text with fewer brackets than that is not scanned).
    /// </summary>
    private static bool NestsDeeperThan(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        if (utf8.Count((byte)'[') + utf8.Count((byte)'{') <= maxDepth)
        {
            return false;
        }

        var depth = 0;
        var i = 0;
        while (true)
        {
            var next = utf8[i..].IndexOfAny(Structure);
            if (next < 0)
            {
                return false;
            }

            i += next;
            switch (utf8[i++])
            {
                case (byte)'"':
                    while (true)
                    {
                        var stop = utf8[i..].IndexOfAny(StringStops);
                        if (stop < 0)
                        {
                            return false;
                        }

                        i += stop + 1;
                        if (utf8[i - 1] == (byte)'"')
                        {
                            break;
                        }

                        i++;
                        if (i >= utf8.Length)
                        {
                            return false;
                        }
                    }

                    break;
                case (byte)'[' or (byte)'{':
                    if (++depth > maxDepth)
                    {
                        return true;
                    }

                    break;
                default:
                    depth--;
                    break;
            }
        }
    }

    /// <summary>Reads <paramref name="utf8"/> token by token (no tree, no recursion) and throws its first error, if any.</summary>
    private static void ThrowFirstError(ReadOnlySpan<byte> utf8, JsonParseOptions options)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            MaxDepth = options.MaxDepth,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            throw new JsonParseException($"{TrimMessage(e.Message)} (line {line}, position {position})", line, position, e);
        }
    }

    internal static JsonParseException Error(ref Utf8JsonReader reader, string message)
    {
        var position = reader.TokenStartIndex + 1;
        return new JsonParseException($"{message} (byte {position})", 1, position);
    }

    /// <summary>The error for the lone surrogate at <paramref name="index"/> of UTF-16 <paramref name="json"/>.</summary>
    private static JsonParseException UnpairedSurrogate(string json, int index)
    {
        var before = json.AsSpan(0, index);
        var lineStart = before.LastIndexOf('\n') + 1;
        long line = before.Count('\n') + 1;
        long position = Encoding.UTF8.GetByteCount(json.AsSpan(lineStart, index - lineStart)) + 1;
        return new JsonParseException(
            $"The text holds an unpaired surrogate (U+{(int)json[index]:X4}) at line {line}, position {position}; JSON text must be valid Unicode.",
            line,
            position);
    }

    /// <summary>The 1-based line and byte position in that line of byte <paramref name="index"/> of <paramref name="utf8"/>.</summary>
    private static (long Line, long Position) Locate(ReadOnlySpan<byte> utf8, long index)
    {
        var before = utf8[..(int)Math.Min(index, utf8.Length)];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (before.Count((byte)'\n') + 1, before.Length - lineStart + 1);
    }

    private static string TrimMessage(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd('.', ' ') + "." : message;
    }
}
