using System.Globalization;
using StepFlow.Json;
using StepFlow.Paths.Syntax;

namespace StepFlow.Paths.Filters;

/// <summary><c>length(v)</c>: characters of a string, items of an array, members of an object; otherwise Nothing.</summary>
internal sealed class LengthFunction(ValueOperand argument) : ValueOperand
{
    public override JsonValue? Evaluate(JsonValue current, JsonValue root) => argument.Evaluate(current, root) switch
    {
        JsonString s => JsonValue.From(CountScalars(s.Value)),
        JsonArray a => JsonValue.From(a.Count),
        JsonObject o => JsonValue.From(o.Count),
        _ => null,
    };

    public override string ToString() => $"length({argument})";

    private static long CountScalars(string text)
    {
        long count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }
}

/// <summary><c>count(nodes)</c>: the number of nodes a query selects.</summary>
internal sealed class CountFunction(PathQuery query) : ValueOperand
{
    public override JsonValue? Evaluate(JsonValue current, JsonValue root)
    {
        var nodes = new List<JsonValue>();
        query.Select(query.IsRelative ? current : root, root, nodes);
        return JsonValue.From(nodes.Count);
    }

    public override string ToString() => $"count({query})";
}

/// <summary><c>value(nodes)</c>: the value of the only node, or Nothing when there is not exactly one.</summary>
internal sealed class ValueFunction(PathQuery query) : ValueOperand
{
    public override JsonValue? Evaluate(JsonValue current, JsonValue root)
    {
        var nodes = new List<JsonValue>();
        query.Select(query.IsRelative ? current : root, root, nodes);
        return nodes.Count == 1 ? nodes[0] : null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"value({query})");
}
