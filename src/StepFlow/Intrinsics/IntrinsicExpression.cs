using StepFlow.Json;

namespace StepFlow.Intrinsics;

/// <summary>A compiled node of an intrinsic call: a literal, a path or a nested call. Immutable.</summary>
internal abstract class IntrinsicExpression
{
    /// <summary>Evaluates the node; throws <see cref="IntrinsicEvaluationException"/> on failure.</summary>
    public abstract JsonValue Evaluate(in IntrinsicContext context);
}
