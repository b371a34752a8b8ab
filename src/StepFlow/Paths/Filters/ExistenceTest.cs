using StepFlow.Json;
using StepFlow.Paths.Syntax;

namespace StepFlow.Paths.Filters;

/// <summary>A query used as a test: true when it selects at least one node (<c>[?@.a]</c>).</summary>
internal sealed class ExistenceTest(PathQuery query) : FilterExpression
{
    public override bool Evaluate(JsonValue current, JsonValue root)
    {
        var start = query.IsRelative ? current : root;
        if (query.IsSingular)
        {
            return query.SelectSingle(start) is not null;
        }

        var nodes = new List<JsonValue>();
        query.Select(start, root, nodes);
        return nodes.Count > 0;
    }

    public override string ToString() => query.ToString();
}
