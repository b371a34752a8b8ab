using StepFlow.Json;

namespace StepFlow.Paths.Filters;

/// <summary><c>a || b || ...</c>.</summary>
internal sealed class OrExpression(FilterExpression[] operands) : FilterExpression
{
    public override bool Evaluate(JsonValue current, JsonValue root)
    {
        foreach (var operand in operands)
        {
            if (operand.Evaluate(current, root))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => "(" + string.Join(" || ", operands.Select(o => o.ToString())) + ")";
}

/// <summary><c>a &amp;&amp; b &amp;&amp; ...</c>.</summary>
internal sealed class AndExpression(FilterExpression[] operands) : FilterExpression
{
    public override bool Evaluate(JsonValue current, JsonValue root)
    {
        foreach (var operand in operands)
        {
            if (!operand.Evaluate(current, root))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => "(" + string.Join(" && ", operands.Select(o => o.ToString())) + ")";
}

/// <summary><c>!a</c>.</summary>
internal sealed class NotExpression(FilterExpression operand) : FilterExpression
{
    public override bool Evaluate(JsonValue current, JsonValue root) => !operand.Evaluate(current, root);

    public override string ToString() => "!" + operand;
}
