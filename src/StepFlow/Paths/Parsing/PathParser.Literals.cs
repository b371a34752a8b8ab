using System.Globalization;
using System.Text;
using StepFlow.Json;

namespace StepFlow.Paths.Parsing;

/// <summary>Names, string literals, integers and numbers.</summary>
internal sealed partial class PathParser
{
    private const long MaxExactInteger = 9_007_199_254_740_991;

    /// <summary>RFC 9535 member-name-shorthand: ALPHA / "_" / non-ASCII, then also DIGIT.</summary>
    private string ParseNameShorthand()
    {
        var start = _pos;
        while (!AtEnd)
        {
            var c = Current;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or '_' || (c >= 0x80 && !char.IsSurrogate(c)) ||
                (_pos > start && c is >= '0' and <= '9'))
            {
                _pos++;
            }
            else if (char.IsHighSurrogate(c) && _pos + 1 < _text.Length && char.IsLowSurrogate(_text[_pos + 1]))
            {
                _pos += 2;
            }
            else
            {
                break;
            }
        }

        if (_pos == start)
        {
            throw Error($"expected a member name, '*' or '[' after '.' but found {Describe(Current)}");
        }

        return _text[start.._pos];
    }

    /// <summary>
    /// ASL dot-notation names are lenient: any characters up to the next unescaped '.', '[' or ']', with
    /// backslash escapes (<c>$.store\.book</c>, <c>$.\u00e9</c>). Inside filters a name also ends at
    /// blanks, operators, brackets, parentheses, commas and quotes.
    /// </summary>
    private string ParseAslDotName(bool inFilter)
    {
        var start = _pos;
        var builder = new StringBuilder();
        while (!AtEnd)
        {
            var c = Current;
            if (c is '.' or '[' or ']' || (inFilter && c is ' ' or '\t' or '\n' or '\r' or '(' or ')' or '=' or '!' or '<' or '>' or '&' or '|' or ',' or '\'' or '"'))
            {
                break;
            }

            if (c == '\\')
            {
                _pos++;
                if (AtEnd)
                {
                    throw Error("a backslash must be followed by the character it escapes");
                }

                if (Current == 'u' && _pos + 4 < _text.Length && IsHex(_text.AsSpan(_pos + 1, 4)))
                {
                    builder.Append((char)int.Parse(_text.AsSpan(_pos + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    _pos += 5;
                    continue;
                }

                builder.Append(Current);
                _pos++;
                continue;
            }

            builder.Append(c);
            _pos++;
        }

        if (_pos == start)
        {
            throw Error($"expected a member name, '*' or '[' after '.' but found {Describe(Current)}");
        }

        return builder.ToString();
    }

    /// <summary>
    /// A single- or double-quoted string with RFC 9535 escapes; in <see cref="JsonPathDialect.Asl"/> a backslash before
    /// any other character (the other quote included) stands for that character, as in Jayway JsonPath.
    /// </summary>
    private string ParseStringLiteral()
    {
        var quote = Current;
        var open = _pos;
        _pos++;
        var builder = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw new PathSyntaxException($"the string starting at position {open} is never closed", _pos);
            }

            var c = Current;
            if (c == quote)
            {
                _pos++;
                return builder.ToString();
            }

            if (c == '\\')
            {
                ParseEscape(quote, builder);
                continue;
            }

            if (c < 0x20)
            {
                throw Error($"{Describe(c)} must be escaped in a string");
            }

            if (char.IsHighSurrogate(c) && _pos + 1 < _text.Length && char.IsLowSurrogate(_text[_pos + 1]))
            {
                builder.Append(c).Append(_text[_pos + 1]);
                _pos += 2;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                throw Error("a string contains an unpaired surrogate");
            }

            builder.Append(c);
            _pos++;
        }
    }

    private void ParseEscape(char quote, StringBuilder builder)
    {
        _pos++;
        var c = Current;
        switch (c)
        {
            case 'b': builder.Append('\b'); break;
            case 'f': builder.Append('\f'); break;
            case 'n': builder.Append('\n'); break;
            case 'r': builder.Append('\r'); break;
            case 't': builder.Append('\t'); break;
            case '/': builder.Append('/'); break;
            case '\\': builder.Append('\\'); break;
            case 'u':
                ParseUnicodeEscape(builder);
                return;
            default:
                // ASL reads names as Jayway JsonPath (AWS) does: any other escaped character stands for itself, so an
                // escaped quote of either kind neither ends the string nor is an error. RFC 9535 allows only its own.
                if (c == quote || (IsAsl && !AtEnd && !char.IsSurrogate(c)))
                {
                    builder.Append(c);
                    break;
                }

                if (IsAsl && char.IsHighSurrogate(c) && _pos + 1 < _text.Length && char.IsLowSurrogate(_text[_pos + 1]))
                {
                    builder.Append(c).Append(_text[++_pos]);
                    break;
                }

                throw Error($"'\\{(AtEnd ? string.Empty : c.ToString())}' is not a valid escape");
        }

        _pos++;
    }

    private void ParseUnicodeEscape(StringBuilder builder)
    {
        var first = ReadHex4();
        if (char.IsLowSurrogate(first))
        {
            throw Error("a low surrogate escape must follow a high surrogate escape");
        }

        if (char.IsHighSurrogate(first))
        {
            if (Current != '\\' || _pos + 1 >= _text.Length || _text[_pos + 1] != 'u')
            {
                throw Error("a high surrogate escape must be followed by a low surrogate escape");
            }

            _pos++;
            var second = ReadHex4();
            if (!char.IsLowSurrogate(second))
            {
                throw Error("a high surrogate escape must be followed by a low surrogate escape");
            }

            builder.Append(first).Append(second);
            return;
        }

        builder.Append(first);
    }

    /// <summary>Reads <c>uXXXX</c> with the position on the 'u'; leaves the position after the digits.</summary>
    private char ReadHex4()
    {
        if (_pos + 4 >= _text.Length || !IsHex(_text.AsSpan(_pos + 1, 4)))
        {
            throw Error("'\\u' must be followed by four hexadecimal digits");
        }

        var value = int.Parse(_text.AsSpan(_pos + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        _pos += 5;
        return (char)value;
    }

    /// <summary>An RFC 9535 int: no leading zeros, no "-0", within ±(2^53 - 1).</summary>
    private long ParseInteger()
    {
        var start = _pos;
        if (Current == '-')
        {
            _pos++;
        }

        if (Current is not (>= '0' and <= '9'))
        {
            throw Error($"expected a digit but found {Describe(Current)}");
        }

        if (Current == '0')
        {
            _pos++;
            if (_pos - start == 2)
            {
                throw new PathSyntaxException("'-0' is not a valid index", start);
            }

            if (Current is >= '0' and <= '9')
            {
                throw new PathSyntaxException("an integer must not have leading zeros", start);
            }

            return 0;
        }

        while (Current is >= '0' and <= '9')
        {
            _pos++;
        }

        if (!long.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ||
            value is > MaxExactInteger or < -MaxExactInteger)
        {
            throw new PathSyntaxException("the integer is outside the range ±(2^53 - 1)", start);
        }

        return value;
    }

    /// <summary>A JSON-style number literal in a filter (<c>-0</c> is allowed there).</summary>
    private JsonNumber ParseNumberLiteral()
    {
        var start = _pos;
        if (Current == '-')
        {
            _pos++;
        }

        if (Current == '0')
        {
            _pos++;
            if (Current is >= '0' and <= '9')
            {
                throw new PathSyntaxException("a number must not have leading zeros", start);
            }
        }
        else
        {
            RequireDigits();
        }

        if (Current == '.')
        {
            _pos++;
            RequireDigits();
        }

        if (Current is 'e' or 'E')
        {
            _pos++;
            if (Current is '+' or '-')
            {
                _pos++;
            }

            RequireDigits();
        }

        var text = _text.AsSpan(start, _pos - start);
        Span<byte> utf8 = text.Length <= 128 ? stackalloc byte[text.Length] : new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            utf8[i] = (byte)text[i];
        }

        return JsonNumber.Parse(utf8);
    }

    private void RequireDigits()
    {
        if (Current is not (>= '0' and <= '9'))
        {
            throw Error($"expected a digit but found {Describe(Current)}");
        }

        while (Current is >= '0' and <= '9')
        {
            _pos++;
        }
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
