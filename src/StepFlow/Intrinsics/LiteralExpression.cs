using StepFlow.Json;

namespace StepFlow.Intrinsics;

/// <summary>
/// A literal argument: a string, number, boolean or null. A string literal also remembers where its
/// unescaped <c>{}</c> pairs are, so that <c>States.Format</c> tells them from escaped <c>\{\}</c>.
/// </summary>
internal sealed class LiteralExpression : IntrinsicExpression
{
    public LiteralExpression(JsonValue value, int[]? placeholderOffsets = null)
    {
        Value = value;
        PlaceholderOffsets = placeholderOffsets ?? [];
    }

    public JsonValue Value { get; }

    /// <summary>Offsets, in the unescaped string, of each unescaped <c>{}</c> pair.</summary>
    public int[] PlaceholderOffsets { get; }

    public override JsonValue Evaluate(in IntrinsicContext context) => Value;
}
