using StepFlow.Json;

namespace StepFlow.Paths.Filters;

/// <summary>A logical expression inside a filter selector (RFC 9535 LogicalType).</summary>
internal abstract class FilterExpression
{
    /// <summary>Evaluates the expression with <c>@</c> bound to <paramref name="current"/> and <c>$</c> to <paramref name="root"/>.</summary>
    public abstract bool Evaluate(JsonValue current, JsonValue root);
}
