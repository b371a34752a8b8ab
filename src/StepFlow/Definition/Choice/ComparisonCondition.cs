using StepFlow.Errors;
using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Definition.Choice;

/// <summary>
/// <c>Variable</c> compared with a literal or, for the <c>…Path</c> operators, with the value of another path.
/// A type mismatch makes the comparison false; a missing Variable or operand path is a States.Runtime error
/// (except for <c>IsPresent</c>).
/// </summary>
internal sealed class ComparisonCondition : ChoiceCondition
{
    private readonly StringMatchPattern? _pattern;
    private readonly DateTimeOffset? _timestampLiteral;

    internal ComparisonCondition(JsonPath variable, ComparisonOperator op, JsonValue? literal, JsonPath? operandPath)
    {
        Variable = variable;
        Operator = op;
        Literal = literal;
        OperandPath = operandPath;
        if (op == ComparisonOperator.StringMatches && literal is JsonString pattern)
        {
            _pattern = new StringMatchPattern(pattern.Value);
        }

        if (literal is JsonString text && IsTimestampOperator(op) && Rfc3339.TryParse(text.Value, out var instant))
        {
            _timestampLiteral = instant;
        }
    }

    /// <summary>The path whose value is tested.</summary>
    public JsonPath Variable { get; }

    /// <summary>The operator.</summary>
    public ComparisonOperator Operator { get; }

    /// <summary>The literal operand (null for the Path variants).</summary>
    public JsonValue? Literal { get; }

    /// <summary>The operand path of a <c>…Path</c> operator.</summary>
    public JsonPath? OperandPath { get; }

    /// <inheritdoc />
    public override bool Evaluate(in PathScope scope)
    {
        var present = Variable.TryEvaluate(scope, out var value);
        if (Operator == ComparisonOperator.IsPresent)
        {
            return present == ((JsonBool)Literal!).Value;
        }

        if (!present)
        {
            throw new StatesErrorException(StatesErrorNames.Runtime, $"Invalid path '{Variable.Text}': The choice state's condition path references an invalid value.");
        }

        JsonValue operand;
        if (OperandPath is not null)
        {
            if (!OperandPath.TryEvaluate(scope, out var resolved))
            {
                throw new StatesErrorException(StatesErrorNames.Runtime, $"Invalid path '{OperandPath.Text}': The choice state's condition path references an invalid value.");
            }

            operand = resolved;
        }
        else
        {
            operand = Literal!;
        }

        return Compare(value!, operand);
    }

    private static bool IsTimestampOperator(ComparisonOperator op) =>
        op is ComparisonOperator.TimestampEquals or ComparisonOperator.TimestampLessThan or ComparisonOperator.TimestampGreaterThan
            or ComparisonOperator.TimestampLessThanEquals or ComparisonOperator.TimestampGreaterThanEquals;

    private bool Compare(JsonValue value, JsonValue operand)
    {
        switch (Operator)
        {
            case ComparisonOperator.IsNull:
                return (value.Kind == JsonKind.Null) == ((JsonBool)operand).Value;
            case ComparisonOperator.IsNumeric:
                return (value.Kind == JsonKind.Number) == ((JsonBool)operand).Value;
            case ComparisonOperator.IsString:
                return (value.Kind == JsonKind.String) == ((JsonBool)operand).Value;
            case ComparisonOperator.IsBoolean:
                return (value.Kind == JsonKind.Boolean) == ((JsonBool)operand).Value;
            case ComparisonOperator.IsTimestamp:
                return (value is JsonString ts && Rfc3339.TryParse(ts.Value, out _)) == ((JsonBool)operand).Value;
            case ComparisonOperator.BooleanEquals:
                return value is JsonBool b && operand is JsonBool ob && b.Value == ob.Value;
            case ComparisonOperator.StringMatches:
                return value is JsonString s && (_pattern ?? new StringMatchPattern(((JsonString)operand).Value)).IsMatch(s.Value);
        }

        if (Operator <= ComparisonOperator.StringGreaterThanEquals)
        {
            return value is JsonString left && operand is JsonString right &&
                Holds(string.CompareOrdinal(left.Value, right.Value));
        }

        if (Operator <= ComparisonOperator.NumericGreaterThanEquals)
        {
            return value is JsonNumber left && operand is JsonNumber right && Holds(left.CompareTo(right));
        }

        if (value is not JsonString leftText || !Rfc3339.TryParse(leftText.Value, out var leftInstant))
        {
            return false;
        }

        DateTimeOffset rightInstant;
        if (_timestampLiteral is { } literal && OperandPath is null)
        {
            rightInstant = literal;
        }
        else if (operand is not JsonString rightText || !Rfc3339.TryParse(rightText.Value, out rightInstant))
        {
            return false;
        }

        return Holds(leftInstant.CompareTo(rightInstant));
    }

    private bool Holds(int comparison) => Operator switch
    {
        ComparisonOperator.StringEquals or ComparisonOperator.NumericEquals or ComparisonOperator.TimestampEquals => comparison == 0,
        ComparisonOperator.StringLessThan or ComparisonOperator.NumericLessThan or ComparisonOperator.TimestampLessThan => comparison < 0,
        ComparisonOperator.StringGreaterThan or ComparisonOperator.NumericGreaterThan or ComparisonOperator.TimestampGreaterThan => comparison > 0,
        ComparisonOperator.StringLessThanEquals or ComparisonOperator.NumericLessThanEquals or ComparisonOperator.TimestampLessThanEquals => comparison <= 0,
        _ => comparison >= 0,
    };
}
