using StepFlow.Json;
using StepFlow.Paths.Syntax;

namespace StepFlow.Paths.Filters;

/// <summary>A singular query as a comparable (<c>@.a</c>, <c>$.x[0]</c>): its one node's value, or Nothing.</summary>
internal sealed class SingularQueryOperand(PathQuery query) : ValueOperand
{
    public override JsonValue? Evaluate(JsonValue current, JsonValue root) =>
        query.SelectSingle(query.IsRelative ? current : root);

    public override string ToString() => query.ToString();
}
