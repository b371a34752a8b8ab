using StepFlow.Json;
using StepFlow.Paths.Filters;
using StepFlow.Paths.Syntax;

namespace StepFlow.Paths.Parsing;

/// <summary>Filter expressions: logical operators, comparisons, tests and the RFC 9535 functions.</summary>
internal sealed partial class PathParser
{
    private FilterExpression ParseFilterExpression()
    {
        Enter();
        var first = ParseAnd();
        List<FilterExpression>? operands = null;
        while (TryTakeOperator("||"))
        {
            (operands ??= [first]).Add(ParseAnd());
        }

        Exit();
        return operands is null ? first : new OrExpression([.. operands]);
    }

    private FilterExpression ParseAnd()
    {
        var first = ParseBasic();
        List<FilterExpression>? operands = null;
        while (TryTakeOperator("&&"))
        {
            (operands ??= [first]).Add(ParseBasic());
        }

        return operands is null ? first : new AndExpression([.. operands]);
    }

    private bool TryTakeOperator(string op)
    {
        var save = _pos;
        SkipBlank();
        if (string.CompareOrdinal(_text, _pos, op, 0, op.Length) == 0)
        {
            _pos += op.Length;
            SkipBlank();
            return true;
        }

        _pos = save;
        return false;
    }

    private FilterExpression ParseBasic()
    {
        if (Current == '!')
        {
            _pos++;
            SkipBlank();
            Enter();
            var negated = Current == '(' ? ParseParenthesized() : ToTest(ParseOperand());
            Exit();
            return new NotExpression(negated);
        }

        if (Current == '(')
        {
            return ParseParenthesized();
        }

        var left = ParseOperand();
        var save = _pos;
        SkipBlank();
        var opPosition = _pos;
        var op = TryParseComparisonOperator();
        if (op is null)
        {
            _pos = save;
            return ToTest(left);
        }

        SkipBlank();
        var right = ParseOperand();
        return new ComparisonExpression(ToComparable(left, opPosition), op.Value, ToComparable(right, opPosition));
    }

    private FilterExpression ParseParenthesized()
    {
        _pos++;
        SkipBlank();
        var inner = ParseFilterExpression();
        SkipBlank();
        if (Current != ')')
        {
            throw Error($"expected ')' but found {Describe(Current)}");
        }

        _pos++;
        return inner;
    }

    private ComparisonOperator? TryParseComparisonOperator()
    {
        var c = Current;
        var next = _pos + 1 < _text.Length ? _text[_pos + 1] : '\0';
        ComparisonOperator? op = (c, next) switch
        {
            ('=', '=') => ComparisonOperator.Equal,
            ('!', '=') => ComparisonOperator.NotEqual,
            ('<', '=') => ComparisonOperator.LessOrEqual,
            ('>', '=') => ComparisonOperator.GreaterOrEqual,
            ('<', _) => ComparisonOperator.Less,
            ('>', _) => ComparisonOperator.Greater,
            _ => null,
        };
        if (op is ComparisonOperator.Less or ComparisonOperator.Greater)
        {
            _pos++;
        }
        else if (op is not null)
        {
            _pos += 2;
        }

        return op;
    }

    private FilterOperand ParseOperand()
    {
        var start = _pos;
        switch (Current)
        {
            case '@':
            case '$':
                return new FilterOperand(FilterOperandKind.Query, start, Query: ParseFilterQuery());
            case '\'':
            case '"':
                return Literal(new JsonString(ParseStringLiteral()));
            case '-':
            case >= '0' and <= '9':
                return Literal(ParseNumberLiteral());
            case >= 'a' and <= 'z':
                var name = ParseIdentifier();
                if (Current == '(')
                {
                    return ParseFunction(name, start);
                }

                return name switch
                {
                    "true" => Literal(JsonValue.True),
                    "false" => Literal(JsonValue.False),
                    "null" => Literal(JsonValue.Null),
                    _ => throw new PathSyntaxException($"'{name}' is neither a literal nor a function call", start),
                };
            default:
                throw Error($"expected a query, a literal or a function call but found {Describe(Current)}");
        }

        FilterOperand Literal(JsonValue value) => new(FilterOperandKind.Literal, start, Value: new LiteralOperand(value));
    }

    private PathQuery ParseFilterQuery()
    {
        var relative = Current == '@';
        if (!relative && IsAsl)
        {
            throw Error("an ASL filter cannot refer to the document root '$'; use '@' for the current item");
        }

        _pos++;
        return new PathQuery(ParseSegments(inFilter: true), relative);
    }

    private string ParseIdentifier()
    {
        var start = _pos;
        while (Current is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private FilterOperand ParseFunction(string name, int start)
    {
        if (IsAsl)
        {
            throw new PathSyntaxException($"filter functions such as '{name}()' are not supported in ASL paths", start);
        }

        var (arity, nodesArgument) = name switch
        {
            "length" => (1, false),
            "count" => (1, true),
            "value" => (1, true),
            "match" => (2, false),
            "search" => (2, false),
            _ => throw new PathSyntaxException($"unknown function '{name}'", start),
        };

        _pos++;
        SkipBlank();
        var arguments = new List<FilterOperand>(arity);
        if (Current != ')')
        {
            while (true)
            {
                arguments.Add(ParseArgument());
                SkipBlank();
                if (Current == ',')
                {
                    _pos++;
                    SkipBlank();
                    continue;
                }

                break;
            }
        }

        if (Current != ')')
        {
            throw Error($"expected ',' or ')' in the call of '{name}' but found {Describe(Current)}");
        }

        _pos++;
        if (arguments.Count != arity)
        {
            throw new PathSyntaxException($"the function '{name}' takes {arity} argument{(arity == 1 ? string.Empty : "s")}, not {arguments.Count}", start);
        }

        return name switch
        {
            "length" => new FilterOperand(FilterOperandKind.ValueFunction, start, Value: new LengthFunction(ToValueArgument(arguments[0], name)), FunctionName: name),
            "count" => new FilterOperand(FilterOperandKind.ValueFunction, start, Value: new CountFunction(ToNodesArgument(arguments[0], name)), FunctionName: name),
            "value" => new FilterOperand(FilterOperandKind.ValueFunction, start, Value: new ValueFunction(ToNodesArgument(arguments[0], name)), FunctionName: name),
            _ => new FilterOperand(
                FilterOperandKind.LogicalFunction,
                start,
                Logical: new RegexMatchFunction(ToValueArgument(arguments[0], name), ToValueArgument(arguments[1], name), wholeString: name == "match"),
                FunctionName: name),
        };
    }

    private FilterOperand ParseArgument()
    {
        if (Current is '!' or '(')
        {
            throw Error("a logical expression is not a valid argument of the standard functions");
        }

        Enter();
        var operand = ParseOperand();
        Exit();
        var save = _pos;
        SkipBlank();
        if (TryParseComparisonOperator() is not null || Current is '&' or '|')
        {
            throw new PathSyntaxException("a logical expression is not a valid argument of the standard functions", operand.Position);
        }

        _pos = save;
        return operand;
    }

    private static ValueOperand ToValueArgument(FilterOperand argument, string function) => argument.Kind switch
    {
        FilterOperandKind.Literal or FilterOperandKind.ValueFunction => argument.Value!,
        FilterOperandKind.Query when argument.Query!.IsSingular => new SingularQueryOperand(argument.Query),
        FilterOperandKind.Query => throw new PathSyntaxException($"'{function}' needs a single value, but the query can select several nodes", argument.Position),
        _ => throw new PathSyntaxException($"'{function}' needs a value, but '{argument.FunctionName}()' gives a logical result", argument.Position),
    };

    private static PathQuery ToNodesArgument(FilterOperand argument, string function) => argument.Kind == FilterOperandKind.Query
        ? argument.Query!
        : throw new PathSyntaxException($"the argument of '{function}' must be a query", argument.Position);

    private static ValueOperand ToComparable(FilterOperand operand, int opPosition) => operand.Kind switch
    {
        FilterOperandKind.Literal or FilterOperandKind.ValueFunction => operand.Value!,
        FilterOperandKind.Query when operand.Query!.IsSingular => new SingularQueryOperand(operand.Query),
        FilterOperandKind.Query => throw new PathSyntaxException("only singular queries (names and single indexes) can be compared", operand.Position),
        _ => throw new PathSyntaxException($"the logical result of '{operand.FunctionName}()' cannot be compared", opPosition),
    };

    private static FilterExpression ToTest(FilterOperand operand) => operand.Kind switch
    {
        FilterOperandKind.Query => new ExistenceTest(operand.Query!),
        FilterOperandKind.LogicalFunction => operand.Logical!,
        FilterOperandKind.ValueFunction => throw new PathSyntaxException($"the value of '{operand.FunctionName}()' must be compared with something", operand.Position),
        _ => throw new PathSyntaxException("a literal on its own is not a test; compare it with something", operand.Position),
    };
}
