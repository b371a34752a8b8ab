using System.Diagnostics.CodeAnalysis;
using System.Text;
using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Intrinsics;

/// <summary>
/// Compiles an intrinsic call string into an immutable tree. Grammar:
/// <code>
/// call     := 'States.' name ws '(' ws [ argument ( ws ',' ws argument )* ] ws ')'
/// argument := string | number | 'true' | 'false' | 'null' | path | call
/// string   := "'" ( char | '\' ( "'" | '{' | '}' | '\' ) )* "'"
/// path     := '$' ...   (up to the next ',' or ')' or blank outside brackets and parentheses)
/// </code>
/// Errors name a 1-based character position.
/// </summary>
internal sealed class IntrinsicParser
{
    /// <summary>The deepest nesting of calls in one field (AWS developer guide: "up to 10").</summary>
    public const int MaxNesting = 10;

    private const string StatesPrefix = "States.";

    private readonly string _text;
    private int _position;
    private string? _error;

    private IntrinsicParser(string text) => _text = text;

    public static bool TryParse(string text, [NotNullWhen(true)] out CallExpression? call, [NotNullWhen(false)] out string? error)
    {
        var parser = new IntrinsicParser(text);
        parser.SkipBlanks();
        call = parser.ParseCall(1);
        if (call is not null)
        {
            parser.SkipBlanks();
            if (parser._position < text.Length)
            {
                parser.Fail($"unexpected '{text[parser._position]}' after the end of the call");
                call = null;
            }
        }

        if (call is null)
        {
            error = $"Invalid intrinsic function call '{Shorten(text)}': {parser._error}.";
            return false;
        }

        error = null;
        return true;
    }

    private CallExpression? ParseCall(int depth)
    {
        var nameStart = _position;
        var name = ReadName();
        if (!name.StartsWith(StatesPrefix, StringComparison.Ordinal) || name.Length == StatesPrefix.Length)
        {
            return Fail(name.Length == 0
                ? "expected an intrinsic function such as 'States.Format'"
                : $"'{name}' is not an intrinsic function; they are named 'States.<Name>'", nameStart);
        }

        if (!IntrinsicSignature.TryGet(name, out var signature))
        {
            return Fail($"unknown intrinsic function '{name}'", nameStart);
        }

        if (depth > MaxNesting)
        {
            return Fail($"intrinsic functions are nested more than {MaxNesting} deep", nameStart);
        }

        SkipBlanks();
        if (!TryConsume('('))
        {
            return Fail($"expected '(' after '{name}'");
        }

        var arguments = new List<IntrinsicExpression>();
        SkipBlanks();
        if (!TryConsume(')'))
        {
            while (true)
            {
                SkipBlanks();
                var argument = ParseArgument(depth);
                if (argument is null)
                {
                    return null;
                }

                arguments.Add(argument);
                SkipBlanks();
                if (TryConsume(','))
                {
                    continue;
                }

                if (TryConsume(')'))
                {
                    break;
                }

                return Fail(AtEnd ? $"missing ')' to close '{name}'" : $"expected ',' or ')' but found '{_text[_position]}'");
            }
        }

        if (!signature.Accepts(arguments.Count))
        {
            return Fail($"{name} takes {signature.DescribeArity()} but was given {arguments.Count}", nameStart);
        }

        return new CallExpression(signature, arguments.ToArray());
    }

    private IntrinsicExpression? ParseArgument(int depth)
    {
        if (AtEnd)
        {
            return Fail("expected an argument but the text ended");
        }

        var c = _text[_position];
        if (c == '\'')
        {
            return ParseString();
        }

        if (c == '$')
        {
            return ParsePath();
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            return ParseNumber();
        }

        if (char.IsAsciiLetter(c))
        {
            var start = _position;
            var name = ReadName();
            SkipBlanks();
            if (!AtEnd && _text[_position] == '(' || name.StartsWith(StatesPrefix, StringComparison.Ordinal))
            {
                _position = start;
                return ParseCall(depth + 1);
            }

            return name switch
            {
                "true" => new LiteralExpression(JsonValue.True),
                "false" => new LiteralExpression(JsonValue.False),
                "null" => new LiteralExpression(JsonValue.Null),
                _ => Fail($"unexpected '{name}'; an argument is a 'string', a number, true, false, null, a path or a call", start),
            };
        }

        return Fail($"unexpected '{c}'; an argument is a 'string', a number, true, false, null, a path or a call");
    }

    private IntrinsicExpression? ParseString()
    {
        var start = _position;
        _position++;
        var value = new StringBuilder();
        List<int>? placeholders = null;
        string? escapeError = null;
        while (true)
        {
            if (AtEnd)
            {
                return Fail("the string literal is not closed with \"'\"", start);
            }

            var c = _text[_position];
            if (c == '\'')
            {
                _position++;
                break;
            }

            if (c == '\\')
            {
                if (_position + 1 >= _text.Length)
                {
                    return Fail("the string literal is not closed with \"'\"", start);
                }

                var escaped = _text[_position + 1];
                if (escaped is not ('\'' or '{' or '}' or '\\'))
                {
                    escapeError ??= $"The string literal at position {start + 1} contains the escape sequence '\\{escaped}' " +
                        "(position " + (_position + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) +
                        "); only \\', \\{, \\} and \\\\ are allowed";
                }

                value.Append(escaped);
                _position += 2;
                continue;
            }

            if (c == '{' && _position + 1 < _text.Length && _text[_position + 1] == '}')
            {
                (placeholders ??= []).Add(value.Length);
                value.Append("{}");
                _position += 2;
                continue;
            }

            value.Append(c);
            _position++;
        }

        if (escapeError is not null)
        {
            return new InvalidLiteralExpression(escapeError);
        }

        var text = value.ToString();
        return new LiteralExpression(text.Length == 0 ? JsonString.Empty : new JsonString(text), placeholders?.ToArray());
    }

    private IntrinsicExpression? ParseNumber()
    {
        var start = _position;
        while (!AtEnd && (char.IsAsciiDigit(_text[_position]) || _text[_position] is '-' or '+' or '.' or 'e' or 'E'))
        {
            _position++;
        }

        var token = _text[start.._position];
        try
        {
            if (JsonValue.Parse(token) is JsonNumber number)
            {
                return new LiteralExpression(number);
            }
        }
        catch (JsonParseException)
        {
            // Reported below.
        }

        return Fail($"'{token}' is not a valid number", start);
    }

    private IntrinsicExpression? ParsePath()
    {
        var start = _position;
        var depth = 0;
        var quote = '\0';
        while (!AtEnd)
        {
            var c = _text[_position];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    _position++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (depth > 0 && c is '\'' or '"')
            {
                quote = c;
            }
            else if (c is '[' or '(')
            {
                depth++;
            }
            else if (c is ']' or ')' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0 && (c is ',' or ')' || char.IsWhiteSpace(c)))
            {
                break;
            }

            _position++;
        }

        var text = _text[start..Math.Min(_position, _text.Length)];
        if (!JsonPath.TryParse(text, out var path, out var pathError))
        {
            return Fail($"invalid path '{text}': {pathError.TrimEnd('.')}", start);
        }

        return new PathExpression(path);
    }

    private string ReadName()
    {
        var start = _position;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '.' or '_'))
        {
            _position++;
        }

        return _text[start.._position];
    }

    private bool AtEnd => _position >= _text.Length;

    private bool TryConsume(char c)
    {
        if (!AtEnd && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void SkipBlanks()
    {
        while (!AtEnd && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private CallExpression? Fail(string message) => Fail(message, _position);

    private CallExpression? Fail(string message, int position)
    {
        _error ??= $"{message} at position {position + 1}";
        return null;
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 117), "...");
}
