using StepFlow.Definition.Choice;
using StepFlow.Paths;

namespace StepFlow.Definition;

/// <summary>
/// The JSONata fields of a JSONata state, compiled once. Only the fields the definition gives are set; a
/// numeric field written as a literal stays in the state's own property.
/// </summary>
internal sealed class JsonataStateFields
{
    public JsonataTemplate? Arguments { get; init; }

    public JsonataTemplate? Output { get; init; }

    public JsonataTemplate? Assign { get; init; }

    public JsonataTemplate? TimeoutSeconds { get; init; }

    public JsonataTemplate? HeartbeatSeconds { get; init; }

    public JsonataTemplate? Seconds { get; init; }

    public JsonataTemplate? Timestamp { get; init; }

    public JsonataTemplate? Error { get; init; }

    public JsonataTemplate? Cause { get; init; }

    public JsonataTemplate? Items { get; init; }

    public JsonataTemplate? ItemSelector { get; init; }

    public JsonataTemplate? MaxConcurrency { get; init; }

    public JsonataTemplate? ToleratedFailurePercentage { get; init; }

    public JsonataTemplate? ToleratedFailureCount { get; init; }
}

/// <summary>The Output and Assign of a JSONata Catcher or Choice rule.</summary>
internal sealed record JsonataOutputAssign(JsonataTemplate? Output, JsonataTemplate? Assign);

/// <summary>A JSONata Choice rule's <c>Condition</c>: an expression that must return a boolean, or a boolean literal.</summary>
internal sealed class JsonataCondition(JsonataTemplate condition) : ChoiceCondition
{
    public JsonataTemplate Condition { get; } = condition;

    /// <inheritdoc />
    public override bool Evaluate(in PathScope scope) =>
        throw new InvalidOperationException("A JSONata condition is evaluated with a JSONata scope.");
}
