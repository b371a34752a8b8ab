using StepFlow.Json;
using StepFlow.Paths.Filters;

namespace StepFlow.Paths.Syntax;

/// <summary>Selects the children of an array or object for which a filter expression holds (<c>[?@.a &gt; 1]</c>).</summary>
internal sealed class FilterSelector : PathSelector
{
    public FilterSelector(FilterExpression expression, bool objectsOnly)
    {
        Expression = expression;
        ObjectsOnly = objectsOnly;
    }

    public FilterExpression Expression { get; }

    /// <summary>ASL: <c>@</c> only binds to objects, so scalar and array children are never selected.</summary>
    public bool ObjectsOnly { get; }

    public override void Select(JsonValue node, JsonValue root, List<JsonValue> output)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array.Items)
                {
                    Test(item, root, output);
                }

                break;
            case JsonObject obj:
                foreach (var member in obj.Members)
                {
                    Test(member.Value, root, output);
                }

                break;
        }
    }

    public override string ToString() => "?" + Expression;

    private void Test(JsonValue child, JsonValue root, List<JsonValue> output)
    {
        if (ObjectsOnly && child is not JsonObject)
        {
            return;
        }

        if (Expression.Evaluate(child, root))
        {
            output.Add(child);
        }
    }
}
