using StepFlow.Json;

namespace StepFlow.Paths.Filters;

/// <summary>A comparable or function argument of RFC 9535 ValueType: a value, or null for Nothing.</summary>
internal abstract class ValueOperand
{
    /// <summary>Evaluates to a value, or null when there is none (Nothing).</summary>
    public abstract JsonValue? Evaluate(JsonValue current, JsonValue root);
}
