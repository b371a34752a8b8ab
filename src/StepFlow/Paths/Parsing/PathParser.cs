using StepFlow.Paths.Syntax;

namespace StepFlow.Paths.Parsing;

/// <summary>
/// A recursive-descent parser for JSONPath queries (RFC 9535 grammar, plus the ASL roots and
/// lenient names in <see cref="JsonPathDialect.Asl"/>). Nesting of filters and parentheses is bounded,
/// so hostile input cannot overflow the stack.
/// </summary>
internal sealed partial class PathParser
{
    /// <summary>The deepest nesting of parentheses, negations and filters accepted.</summary>
    public const int MaxNesting = 64;

    /// <summary>
    /// The most segments one query may have: <see cref="Json.JsonValue.MaxDepth"/>, as no accepted data nests deeper, so a
    /// longer path could never match, and writing one (ResultPath) would build data deeper than the limit.
    /// </summary>
    public const int MaxSegments = Json.JsonValue.MaxDepth;

    private readonly string _text;
    private readonly JsonPathDialect _dialect;
    private int _pos;
    private int _depth;

    private PathParser(string text, JsonPathDialect dialect)
    {
        _text = text;
        _dialect = dialect;
    }

    private bool IsAsl => _dialect == JsonPathDialect.Asl;

    private bool AtEnd => _pos >= _text.Length;

    private char Current => _pos < _text.Length ? _text[_pos] : '\0';

    /// <summary>Parses <paramref name="text"/>; throws <see cref="PathSyntaxException"/> on bad syntax.</summary>
    public static ParsedPath Parse(string text, JsonPathDialect dialect) => new PathParser(text, dialect).ParseQuery();

    private ParsedPath ParseQuery()
    {
        if (AtEnd || Current != '$')
        {
            throw Error("a path must begin with '$'");
        }

        _pos++;
        var root = PathRoot.Input;
        string? variable = null;
        if (IsAsl && Current == '$')
        {
            _pos++;
            root = PathRoot.Context;
        }
        else if (IsAsl && IsVariableChar(Current))
        {
            var start = _pos;
            while (IsVariableChar(Current))
            {
                _pos++;
            }

            root = PathRoot.Variable;
            variable = _text[start.._pos];
        }

        var segments = ParseSegments(inFilter: false);
        if (!AtEnd)
        {
            throw Error($"unexpected {Describe(Current)}");
        }

        return new ParsedPath(root, variable, segments);
    }

    private PathSegment[] ParseSegments(bool inFilter)
    {
        List<PathSegment>? segments = null;
        while (true)
        {
            var save = _pos;
            SkipBlank();
            if (Current is not ('.' or '['))
            {
                _pos = save;
                break;
            }

            if (segments?.Count >= MaxSegments)
            {
                throw Error($"the path has more than {MaxSegments} segments");
            }

            (segments ??= []).Add(ParseSegment(inFilter));
        }

        return segments is null ? [] : [.. segments];
    }

    private PathSegment ParseSegment(bool inFilter)
    {
        if (Current == '[')
        {
            return new PathSegment(ParseBracketed(), isDescendant: false);
        }

        _pos++;
        if (Current == '.')
        {
            _pos++;
            if (Current == '[')
            {
                return new PathSegment(ParseBracketed(), isDescendant: true);
            }

            return new PathSegment([ParseDotSelector(inFilter)], isDescendant: true);
        }

        return new PathSegment([ParseDotSelector(inFilter)], isDescendant: false);
    }

    private PathSelector ParseDotSelector(bool inFilter)
    {
        if (Current == '*')
        {
            _pos++;
            return WildcardSelector.Instance;
        }

        return new NameSelector(IsAsl ? ParseAslDotName(inFilter) : ParseNameShorthand());
    }

    private PathSelector[] ParseBracketed()
    {
        var open = _pos;
        _pos++;
        var selectors = new List<PathSelector>(1);
        while (true)
        {
            SkipBlank();
            selectors.Add(ParseSelector());
            SkipBlank();
            if (Current == ',')
            {
                _pos++;
                continue;
            }

            if (Current == ']')
            {
                _pos++;
                return [.. selectors];
            }

            throw AtEnd ? Error($"the '[' at position {open} is never closed") : Error($"expected ',' or ']' but found {Describe(Current)}");
        }
    }

    private PathSelector ParseSelector()
    {
        switch (Current)
        {
            case '\'':
            case '"':
                return new NameSelector(ParseStringLiteral());
            case '*':
                _pos++;
                return WildcardSelector.Instance;
            case '?':
                _pos++;
                SkipBlank();
                return new FilterSelector(ParseFilterExpression(), objectsOnly: IsAsl);
            case ':':
            case '-':
            case >= '0' and <= '9':
                return ParseIndexOrSlice();
            default:
                throw Error($"expected a selector (a quoted name, '*', an index, a slice or a filter) but found {Describe(Current)}");
        }
    }

    private PathSelector ParseIndexOrSlice()
    {
        long? start = Current == ':' ? null : ParseInteger();
        var save = _pos;
        SkipBlank();
        if (Current != ':')
        {
            _pos = save;
            return new IndexSelector(start!.Value);
        }

        _pos++;
        SkipBlank();
        long? end = Current is '-' or (>= '0' and <= '9') ? ParseInteger() : null;
        SkipBlank();
        long? step = null;
        if (Current == ':')
        {
            var stepPosition = _pos;
            _pos++;
            SkipBlank();
            step = Current is '-' or (>= '0' and <= '9') ? ParseInteger() : null;
            if (IsAsl && step is not null)
            {
                throw new PathSyntaxException("slice steps are not supported in ASL paths", stepPosition);
            }
        }

        return new SliceSelector(start, end, step);
    }

    private void SkipBlank()
    {
        while (Current is ' ' or '\t' or '\n' or '\r')
        {
            _pos++;
        }
    }

    private void Enter()
    {
        if (++_depth > MaxNesting)
        {
            throw Error($"the expression is nested more than {MaxNesting} levels deep");
        }
    }

    private void Exit() => _depth--;

    private PathSyntaxException Error(string reason) => new(reason, _pos);

    private static string Describe(char c) => c switch
    {
        '\0' => "the end of the path",
        < ' ' => $"the control character U+{(int)c:X4}",
        _ => $"'{c}'",
    };

    private static bool IsVariableChar(char c) => c == '_' || char.IsLetterOrDigit(c);
}
