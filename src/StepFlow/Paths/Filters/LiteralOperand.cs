using StepFlow.Json;

namespace StepFlow.Paths.Filters;

/// <summary>A literal: number, string, <c>true</c>, <c>false</c> or <c>null</c>.</summary>
internal sealed class LiteralOperand(JsonValue value) : ValueOperand
{
    public JsonValue Value => value;

    public override JsonValue? Evaluate(JsonValue current, JsonValue root) => value;

    public override string ToString() => value.ToJsonString();
}
