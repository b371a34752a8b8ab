using StepFlow.Json;

namespace StepFlow.Paths.Filters;

/// <summary>
/// <c>left op right</c>, with RFC 9535 §2.3.5.2.2 semantics: an empty operand (Nothing) equals only
/// Nothing; ordering is defined for two numbers or two strings only; other pairs compare false.
/// </summary>
internal sealed class ComparisonExpression(ValueOperand left, ComparisonOperator op, ValueOperand right) : FilterExpression
{
    public override bool Evaluate(JsonValue current, JsonValue root)
    {
        var a = left.Evaluate(current, root);
        var b = right.Evaluate(current, root);
        return op switch
        {
            ComparisonOperator.Equal => AreEqual(a, b),
            ComparisonOperator.NotEqual => !AreEqual(a, b),
            ComparisonOperator.Less => IsLess(a, b),
            ComparisonOperator.LessOrEqual => IsLess(a, b) || AreEqual(a, b),
            ComparisonOperator.Greater => IsLess(b, a),
            _ => IsLess(b, a) || AreEqual(a, b),
        };
    }

    public override string ToString() => $"{left} {op} {right}";

    private static bool AreEqual(JsonValue? a, JsonValue? b) => a is null ? b is null : b is not null && a.Equals(b);

    private static bool IsLess(JsonValue? a, JsonValue? b) => (a, b) switch
    {
        (JsonNumber x, JsonNumber y) => x.CompareTo(y) < 0,
        (JsonString x, JsonString y) => CompareCodePoints(x.Value, y.Value) < 0,
        _ => false,
    };

    /// <summary>Compares strings by Unicode scalar values (UTF-16 ordinal order differs for characters above U+FFFF).</summary>
    private static int CompareCodePoints(string x, string y)
    {
        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            if (x[i] != y[i])
            {
                return SortKey(x[i]) - SortKey(y[i]);
            }
        }

        return x.Length - y.Length;

        static int SortKey(char c) => char.IsSurrogate(c) ? c + 0x10000 : c;
    }
}
