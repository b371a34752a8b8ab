using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StepFlow.Json;

/// <summary>
/// The fast path: reads JSON straight from UTF-16 text, with no transcoding and no token reader. It accepts
/// only what the UTF-8 reader path accepts and yields the very same tree and duplicate reports; anything it
/// is not sure about (malformed text, lone surrogates, very deep nesting) makes it give up, and the caller
/// then parses with the UTF-8 reader, which produces today's exact messages and positions.
/// </summary>
internal sealed partial class JsonTreeBuilder
{
    /// <summary>The characters that end the plain run of a string: the quote, the backslash and control characters.</summary>
    private static readonly SearchValues<char> StringStops = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    private readonly JsonTextCache _texts = new();
    private readonly JsonTextCache _numbers = new();

    private char[] _scratch = new char[128];
    private string _text = string.Empty;
    private int _pos;
    private int _maxDepth;

    /// <summary>
    /// Parses <paramref name="text"/>; false (with nothing reported) when the text must go to the UTF-8 reader
    /// path instead: it is malformed, holds something this path leaves to that one, or repeats a member name
    /// while repeated names are being reported.
    /// </summary>
    /// <paramref name="session"/>, when given, makes identical containers one node and records which were repeated.
    public bool TryParseText(string text, JsonParseOptions options, ParseSession? session, out JsonValue? value)
    {
        _text = text;
        _session = session;
        _share = session is not null;
        _maxDepth = options.MaxDepth;
        if (session?.KnownStrings is { } known)
        {
            _texts.AddWords(known);
        }

        _pos = SkipWhitespace(text, 0);
        value = _pos < text.Length ? ParseValue(0) : null;
        if (value is not null && SkipWhitespace(text, _pos) != text.Length)
        {
            value = null;
        }

        _text = string.Empty;
        if (value is null)
        {
            _memberTop = _itemTop = 0;
            return false;
        }

        return true;
    }

    private void ClearText()
    {
        _texts.Clear();
        _numbers.Clear();
        ClearShared();
        _share = false;
        _session = null;
        if (_scratch.Length > MaxKeptStack)
        {
            _scratch = new char[128];
        }
    }

    private static int SkipWhitespace(string text, int pos)
    {
        while ((uint)pos < (uint)text.Length)
        {
            var c = text[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            {
                break;
            }

            pos++;
        }

        return pos;
    }

    /// <summary>Reads the value at <c>_pos</c> (not whitespace); null to give up.</summary>
    private JsonValue? ParseValue(int depth)
    {
        var text = _text;
        var pos = _pos;
        switch (text[pos])
        {
            case '{':
                return ParseObject(depth);
            case '[':
                return ParseArray(depth);
            case '"':
                if (!ScanString(out var content, out var slot))
                {
                    return null;
                }

                _valueHash = slot >= 0 ? _texts.HashAt(slot) | 1 : 0;
                return _texts.Value(content, slot);
            case 't':
                _valueHash = 3;
                return Literal(text, pos, "true") ? JsonValue.True : null;
            case 'f':
                _valueHash = 5;
                return Literal(text, pos, "false") ? JsonValue.False : null;
            case 'n':
                _valueHash = 7;
                return Literal(text, pos, "null") ? JsonValue.Null : null;
            default:
                return ParseNumber();
        }
    }

    private bool Literal(string text, int pos, string literal)
    {
        if (!text.AsSpan(pos).StartsWith(literal, StringComparison.Ordinal))
        {
            return false;
        }

        _pos = pos + literal.Length;
        return true;
    }

    private JsonObject? ParseObject(int depth)
    {
        if (depth >= _maxDepth - 1 || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            // Too deep, or too little stack left on this thread: the UTF-8 reader reports it with its position.
            return null;
        }

        var open = _pos;
        if (_share && ReuseRepeatedText(depth) is { } again)
        {
            return (JsonObject)again;
        }

        var text = _text;
        var pos = SkipWhitespace(text, _pos + 1);
        var start = _memberTop;
        if ((uint)pos < (uint)text.Length && text[pos] == '}')
        {
            _pos = pos + 1;
            _valueHash = 9;
            return JsonObject.Empty;
        }

        // The structural hash of the members so far, for sharing (0 once a member cannot be matched).
        var shareHash = 0x1F3D5B79;

        Dictionary<string, int>? positions = null;

        // One bit per member name so far, from the name's cache hash: a name whose bit is clear is new to this
        // object without any comparison. Once a name is not cached (too long, or a crafted collision) the bits
        // no longer tell, and every later name is compared.
        var seen = 0UL;
        while (true)
        {
            if ((uint)pos >= (uint)text.Length || text[pos] != '"')
            {
                return null;
            }

            _pos = pos;
            if (!ScanString(out var content, out var slot))
            {
                return null;
            }

            var name = _texts.Name(content, slot);
            pos = SkipWhitespace(text, _pos);
            if ((uint)pos >= (uint)text.Length || text[pos] != ':')
            {
                return null;
            }

            pos = SkipWhitespace(text, pos + 1);
            if (pos >= text.Length)
            {
                return null;
            }

            _pos = pos;
            var bit = slot >= 0 ? 1UL << (_texts.HashAt(slot) & 63) : ulong.MaxValue;
            var existing = (seen & bit) == 0 ? -1 : FindMember(start, depth, ref positions, name);
            seen |= bit;
            if (existing >= 0 && _duplicates is not null)
            {
                // Repeated names are rare (a definition with one is invalid): the reader path reports them with
                // their location, so this path keeps no trail of where it is.
                return null;
            }

            var value = ParseValue(depth + 1);
            if (value is null)
            {
                return null;
            }

            if (existing >= 0)
            {
                _members[start + existing] = new KeyValuePair<string, JsonValue>(name, value);
                shareHash = 0;
            }
            else
            {
                positions?.Add(name, _memberTop - start);
                PushMember(new KeyValuePair<string, JsonValue>(name, value));
                shareHash = slot < 0 ? 0 : AddToShareHash(shareHash, _texts.HashAt(slot), _valueHash);
            }

            pos = SkipWhitespace(text, _pos);
            if ((uint)pos >= (uint)text.Length)
            {
                return null;
            }

            var c = text[pos];
            if (c == ',')
            {
                pos = SkipWhitespace(text, pos + 1);
                continue;
            }

            if (c != '}')
            {
                return null;
            }

            _pos = pos + 1;
            break;
        }

        if (EndShared(shareHash, start, open, depth, isObject: true) is { } shared)
        {
            return (JsonObject)shared;
        }

        var count = _memberTop - start;
        var members = new KeyValuePair<string, JsonValue>[count];
        Array.Copy(_members, start, members, 0, count);
        _memberTop = start;
        var result = JsonObject.TakeOwnership(members);
        KeepShared(result);
        return result;
    }

    private JsonArray? ParseArray(int depth)
    {
        if (depth >= _maxDepth - 1 || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            // Too deep, or too little stack left on this thread: the UTF-8 reader reports it with its position.
            return null;
        }

        var open = _pos;
        if (_share && ReuseRepeatedText(depth) is { } again)
        {
            return (JsonArray)again;
        }

        var text = _text;
        var pos = SkipWhitespace(text, _pos + 1);
        var start = _itemTop;
        if ((uint)pos < (uint)text.Length && text[pos] == ']')
        {
            _pos = pos + 1;
            _valueHash = 11;
            return JsonArray.Empty;
        }

        var shareHash = 0x2A4C6E81;

        while (true)
        {
            if (pos >= text.Length)
            {
                return null;
            }

            _pos = pos;
            var item = ParseValue(depth + 1);
            if (item is null)
            {
                return null;
            }

            PushItem(item);
            shareHash = AddToShareHash(shareHash, 0, _valueHash);
            pos = SkipWhitespace(text, _pos);
            if ((uint)pos >= (uint)text.Length)
            {
                return null;
            }

            var c = text[pos];
            if (c == ',')
            {
                pos = SkipWhitespace(text, pos + 1);
                continue;
            }

            if (c != ']')
            {
                return null;
            }

            _pos = pos + 1;
            break;
        }

        if (EndShared(shareHash, start, open, depth, isObject: false) is { } shared)
        {
            return (JsonArray)shared;
        }

        var count = _itemTop - start;
        var items = new JsonValue[count];
        Array.Copy(_items, start, items, 0, count);
        _itemTop = start;
        var result = JsonArray.TakeOwnership(items);
        KeepShared(result);
        return result;
    }

    /// <summary>
    /// Reads the string whose opening quote is at <c>_pos</c> and moves past its closing quote. The content is a
    /// slice of the text or, when escaped, of the scratch buffer (valid until the next string); <paramref name="slot"/>
    /// is its place in the string cache, or -1. False to give up.
    /// </summary>
    private bool ScanString(out ReadOnlySpan<char> content, out int slot)
    {
        var text = _text;
        var start = _pos + 1;
        if (BitConverter.IsLittleEndian)
        {
            // Short plain strings (nearly all of them): four characters at a time find the end and hash.
            var limit = Math.Min(text.Length - 3, start + JsonTextCache.MaxCachedChars);
            var hash = JsonTextCache.Start;
            ref var chars = ref MemoryMarshal.GetReference(text.AsSpan());
            for (var i = start; i < limit; i += 4)
            {
                var block = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref chars, i)));
                var stops = StopLanes(block);
                if (stops == 0)
                {
                    hash = JsonTextCache.Step4(hash, block);
                    continue;
                }

                var end = i + (BitOperations.TrailingZeroCount(stops) >> 4);
                if (text[end] != '"' || end - start > JsonTextCache.MaxCachedChars)
                {
                    break;
                }

                for (var k = i; k < end; k++)
                {
                    hash = JsonTextCache.Step(hash, text[k]);
                }

                content = text.AsSpan(start, end - start);
                slot = _texts.Slot(content, hash);
                _pos = end + 1;
                return true;
            }
        }

        if (!ScanLongString(out content))
        {
            slot = -1;
            return false;
        }

        slot = _texts.Slot(content);
        return true;
    }

    /// <summary>
    /// The high bit of each 16-bit lane of <paramref name="block"/> (four characters) that may end a plain run: a quote,
    /// a backslash, a control character, or any character from U+8000 up (surrogates among them), which the slow path
    /// sorts out. The lowest flagged lane is exact: a lane is flagged by mistake only through a borrow from a flagged
    /// lane below it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong StopLanes(ulong block)
    {
        const ulong Ones = 0x0001_0001_0001_0001;
        const ulong Highs = 0x8000_8000_8000_8000;
        var quote = block ^ (Ones * '"');
        var backslash = block ^ (Ones * '\\');
        return ((block - (Ones * 0x20)) & ~block & Highs)
            | ((quote - Ones) & ~quote & Highs)
            | ((backslash - Ones) & ~backslash & Highs)
            | (block & Highs);
    }

    private bool ScanLongString(out ReadOnlySpan<char> content)
    {
        var text = _text;
        var start = _pos + 1;
        var rest = text.AsSpan(start);
        var stop = rest.IndexOfAny(StringStops);
        content = default;
        if (stop < 0)
        {
            return false;
        }

        var plain = rest[..stop];
        if (plain.ContainsAnyInRange('\uD800', '\uDFFF') && !SurrogatesPaired(plain))
        {
            return false;
        }

        if (rest[stop] == '"')
        {
            content = plain;
            _pos = start + stop + 1;
            return true;
        }

        return rest[stop] == '\\' && Unescape(rest, stop, out content);
    }

    /// <summary>Decodes a string with escapes into the scratch buffer; <paramref name="stop"/> is the first backslash.</summary>
    private bool Unescape(ReadOnlySpan<char> rest, int stop, out ReadOnlySpan<char> content)
    {
        content = default;
        if (_scratch.Length < rest.Length)
        {
            // The decoded string is never longer than what remains of the text.
            _scratch = new char[Math.Max(rest.Length, _scratch.Length * 2)];
        }

        var output = _scratch;
        rest[..stop].CopyTo(output);
        var length = stop;
        var i = stop;
        while (true)
        {
            if (i >= rest.Length)
            {
                return false;
            }

            var c = rest[i];
            if (c == '"')
            {
                break;
            }

            if (c < ' ')
            {
                return false;
            }

            if (c != '\\')
            {
                if (char.IsSurrogate(c))
                {
                    if (!char.IsHighSurrogate(c) || i + 1 >= rest.Length || !char.IsLowSurrogate(rest[i + 1]))
                    {
                        return false;
                    }

                    output[length++] = c;
                    i++;
                    c = rest[i];
                }

                output[length++] = c;
                i++;
                continue;
            }

            if (i + 1 >= rest.Length)
            {
                return false;
            }

            switch (rest[i + 1])
            {
                case '"': output[length++] = '"'; i += 2; continue;
                case '\\': output[length++] = '\\'; i += 2; continue;
                case '/': output[length++] = '/'; i += 2; continue;
                case 'b': output[length++] = '\b'; i += 2; continue;
                case 'f': output[length++] = '\f'; i += 2; continue;
                case 'n': output[length++] = '\n'; i += 2; continue;
                case 'r': output[length++] = '\r'; i += 2; continue;
                case 't': output[length++] = '\t'; i += 2; continue;
                case 'u':
                    break;
                default:
                    return false;
            }

            if (!Hex4(rest, i + 2, out var code))
            {
                return false;
            }

            i += 6;
            if (char.IsSurrogate(code))
            {
                // Only a high-surrogate escape directly followed by a low-surrogate escape; the rest is left to the reader.
                if (!char.IsHighSurrogate(code) || i + 1 >= rest.Length || rest[i] != '\\' || rest[i + 1] != 'u' ||
                    !Hex4(rest, i + 2, out var low) || !char.IsLowSurrogate(low))
                {
                    return false;
                }

                output[length++] = code;
                code = low;
                i += 6;
            }

            output[length++] = code;
        }

        content = output.AsSpan(0, length);
        _pos += 1 + i + 1;
        return true;
    }

    private static bool Hex4(ReadOnlySpan<char> text, int at, out char code)
    {
        code = '\0';
        if (at + 4 > text.Length)
        {
            return false;
        }

        var value = 0;
        for (var k = 0; k < 4; k++)
        {
            var digit = HexValue(text[at + k]);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        code = (char)value;
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>True when every surrogate of <paramref name="text"/> is part of a high-low pair.</summary>
    private static bool SurrogatesPaired(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i]))
            {
                continue;
            }

            if (!char.IsHighSurrogate(text[i]) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
            {
                return false;
            }

            i++;
        }

        return true;
    }

    /// <summary>Reads a number in strict JSON grammar; null to give up.</summary>
    private JsonValue? ParseNumber()
    {
        var text = _text;
        var start = _pos;
        var pos = start;
        var negative = text[pos] == '-';
        if (negative)
        {
            pos++;
        }

        var digitsStart = pos;
        if ((uint)pos >= (uint)text.Length || !char.IsAsciiDigit(text[pos]))
        {
            return null;
        }

        if (text[pos] == '0')
        {
            pos++;
        }
        else
        {
            pos = SkipDigits(text, pos);
        }

        var digits = pos - digitsStart;
        var integer = true;
        if ((uint)pos < (uint)text.Length && text[pos] == '.')
        {
            integer = false;
            var after = SkipDigits(text, pos + 1);
            if (after == pos + 1)
            {
                return null;
            }

            pos = after;
        }

        if ((uint)pos < (uint)text.Length && (text[pos] | 0x20) == 'e')
        {
            integer = false;
            pos++;
            if ((uint)pos < (uint)text.Length && text[pos] is '+' or '-')
            {
                pos++;
            }

            var after = SkipDigits(text, pos);
            if (after == pos)
            {
                return null;
            }

            pos = after;
        }

        _pos = pos;
        if (integer && digits <= 18)
        {
            long value = 0;
            for (var i = digitsStart; i < pos; i++)
            {
                value = (value * 10) + (text[i] - '0');
            }

            if (negative)
            {
                value = -value;
            }

            if (value is >= -16 and < 256)
            {
                _valueHash = ((int)value << 1) | 1;
                return JsonNumber.FromInteger(value);
            }
        }

        var span = text.AsSpan(start, pos - start);
        var slot = _numbers.Slot(span);
        if (slot < 0)
        {
            _valueHash = 0;
            return NumberFromText(span);
        }

        _valueHash = _numbers.HashAt(slot) | 1;
        ref var node = ref _numbers.NodeAt(slot);
        return node ??= NumberFromText(span);
    }

    private static int SkipDigits(string text, int pos)
    {
        while ((uint)pos < (uint)text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        return pos;
    }

    /// <summary>The number node for ASCII number text, made exactly as the UTF-8 path makes it.</summary>
    private static JsonNumber NumberFromText(ReadOnlySpan<char> text)
    {
        byte[]? rented = null;
        var bytes = text.Length <= 128 ? stackalloc byte[128] : (rented = ArrayPool<byte>.Shared.Rent(text.Length));
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = (byte)text[i];
        }

        var number = JsonNumber.Parse(bytes[..text.Length]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return number;
    }
}
