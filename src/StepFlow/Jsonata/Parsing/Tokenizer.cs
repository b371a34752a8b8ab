using System.Globalization;
using System.Text;

namespace StepFlow.Jsonata.Parsing;

/// <summary>Splits JSONata text into tokens, following the reference lexer.</summary>
internal sealed class Tokenizer
{
    private readonly string _text;
    private readonly bool _level22;
    private int _position;

    public Tokenizer(string text, bool level22)
    {
        _text = text;
        _level22 = level22;
    }

    private static bool IsOperatorChar(char c) => c switch
    {
        '.' or '[' or ']' or '{' or '}' or '(' or ')' or ',' or '@' or '#' or ';' or ':' or '?' or '+' or '-' or '*' or '/'
            or '%' or '|' or '=' or '<' or '>' or '^' or '&' or '!' or '~' => true,
        _ => false,
    };

    private static bool IsWhite(char c) => c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f' || char.IsWhiteSpace(c);

    /// <summary>Reads the next token; <paramref name="regexAllowed"/> is true when an operand is expected.</summary>
    public Token Next(bool regexAllowed)
    {
        var text = _text;
        while (true)
        {
            while (_position < text.Length && IsWhite(text[_position]))
            {
                _position++;
            }

            if (_position + 1 < text.Length && text[_position] == '/' && text[_position + 1] == '*')
            {
                var end = text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error("S0106", "Comment has no closing tag", _position);
                }

                _position = end + 2;
                continue;
            }

            break;
        }

        if (_position >= text.Length)
        {
            return new Token(TokenType.End, "(end)", _position);
        }

        var c = text[_position];
        if (regexAllowed && c == '/')
        {
            return ReadRegex();
        }

        if (_position + 1 < text.Length)
        {
            var two = text.AsSpan(_position, 2);
            if (two is ".." or ":=" or "!=" or ">=" or "<=" or "**" or "~>" || (_level22 && two is "?:" or "??"))
            {
                _position += 2;
                return new Token(TokenType.Operator, two.ToString(), _position);
            }
        }

        if (IsOperatorChar(c))
        {
            _position++;
            return new Token(TokenType.Operator, c.ToString(), _position);
        }

        if (c is '"' or '\'')
        {
            return ReadString(c);
        }

        if (c is >= '0' and <= '9')
        {
            return ReadNumber();
        }

        if (c == '`')
        {
            var end = text.IndexOf('`', _position + 1);
            if (end < 0)
            {
                _position = text.Length;
                throw Error("S0105", "Quoted property name must be terminated with a backquote (`)", _position);
            }

            var name = text.Substring(_position + 1, end - _position - 1);
            _position = end + 1;
            return new Token(TokenType.Name, name, _position);
        }

        var start = _position;
        while (_position < text.Length && !IsOperatorChar(text[_position]) && !IsWhite(text[_position]) && text[_position] is not ('"' or '\'' or '`'))
        {
            _position++;
        }

        var word = text[start.._position];
        if (word[0] == '$')
        {
            return new Token(TokenType.Variable, word[1..], _position);
        }

        return word switch
        {
            "and" or "or" or "in" => new Token(TokenType.Operator, word, _position),
            "true" => new Token(TokenType.Value, word, _position),
            "false" => new Token(TokenType.Value, word, _position),
            "null" => new Token(TokenType.Value, word, _position),
            _ => new Token(TokenType.Name, word, _position),
        };
    }

    private Token ReadRegex()
    {
        var text = _text;
        var start = ++_position;
        var depth = 0;
        var escaped = false;
        while (_position < text.Length)
        {
            var c = text[_position];
            if (escaped)
            {
                escaped = false;
            }
            else if (c == '\\')
            {
                escaped = true;
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']' && depth > 0)
            {
                depth--;
            }
            else if (c == '/' && depth == 0)
            {
                var pattern = text[start.._position];
                if (pattern.Length == 0)
                {
                    throw Error("S0301", "Empty regular expressions are not allowed", _position);
                }

                _position++;
                var flagStart = _position;
                while (_position < text.Length && text[_position] is 'i' or 'm')
                {
                    _position++;
                }

                return new Token(TokenType.Regex, pattern, _position, Flags: text[flagStart.._position]);
            }

            _position++;
        }

        throw Error("S0302", "No terminating / in regular expression", _position);
    }

    private Token ReadNumber()
    {
        var text = _text;
        var start = _position;
        while (_position < text.Length && char.IsAsciiDigit(text[_position]))
        {
            _position++;
        }

        if (_position + 1 < text.Length && text[_position] == '.' && char.IsAsciiDigit(text[_position + 1]))
        {
            _position++;
            while (_position < text.Length && char.IsAsciiDigit(text[_position]))
            {
                _position++;
            }
        }

        if (_position < text.Length && text[_position] is 'e' or 'E')
        {
            var save = _position;
            _position++;
            if (_position < text.Length && text[_position] is '+' or '-')
            {
                _position++;
            }

            if (_position < text.Length && char.IsAsciiDigit(text[_position]))
            {
                while (_position < text.Length && char.IsAsciiDigit(text[_position]))
                {
                    _position++;
                }
            }
            else
            {
                _position = save;
            }
        }

        var literal = text[start.._position];
        var value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            throw Error("S0102", $"Number out of range: {literal}", _position, literal);
        }

        return new Token(TokenType.Number, literal, _position, value);
    }

    private Token ReadString(char quote)
    {
        var text = _text;
        _position++;
        var builder = new StringBuilder();
        while (_position < text.Length)
        {
            var c = text[_position];
            if (c == '\\')
            {
                _position++;
                if (_position >= text.Length)
                {
                    break;
                }

                c = text[_position];
                switch (c)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (_position + 4 < text.Length &&
                            int.TryParse(text.AsSpan(_position + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            builder.Append((char)code);
                            _position += 4;
                        }
                        else
                        {
                            throw Error("S0104", "The escape sequence \\u must be followed by 4 hex digits", _position);
                        }

                        break;
                    default:
                        throw Error("S0103", $"Unsupported escape sequence: \\{c}", _position, c.ToString());
                }
            }
            else if (c == quote)
            {
                _position++;
                return new Token(TokenType.String, builder.ToString(), _position);
            }
            else
            {
                builder.Append(c);
            }

            _position++;
        }

        throw Error("S0101", "String literal must be terminated by a matching quote", _position);
    }

    private static JsonataException Error(string code, string message, int position, string? token = null) =>
        new(code, message, position, token);
}
