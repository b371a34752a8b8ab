using StepFlow.Json;

namespace StepFlow.Paths.Syntax;

/// <summary>
/// A compiled query: segments applied in turn to a start node, the root (<c>$</c>) or, inside a
/// filter, the current node (<c>@</c>).
/// </summary>
internal sealed class PathQuery
{
    public PathQuery(PathSegment[] segments, bool isRelative)
    {
        Segments = segments;
        IsRelative = isRelative;
        var singular = true;
        foreach (var segment in segments)
        {
            singular &= segment.IsSingular;
        }

        IsSingular = singular;
    }

    public PathSegment[] Segments { get; }

    /// <summary>True for <c>@</c> queries inside filters.</summary>
    public bool IsRelative { get; }

    /// <summary>True when every segment is a child segment with one name or index selector.</summary>
    public bool IsSingular { get; }

    /// <summary>Appends the nodelist the query selects from <paramref name="start"/> to <paramref name="output"/>.</summary>
    public void Select(JsonValue start, JsonValue root, List<JsonValue> output) =>
        SelectSegments(Segments, 0, Segments.Length, start, root, output);

    /// <summary>Selects segments <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    public static void SelectSegments(PathSegment[] segments, int from, int to, JsonValue start, JsonValue root, List<JsonValue> output)
    {
        if (from == to)
        {
            output.Add(start);
            return;
        }

        if (from == to - 1)
        {
            segments[from].Apply(start, root, output);
            return;
        }

        var current = new List<JsonValue> { start };
        var next = new List<JsonValue>();
        for (var i = from; i < to - 1; i++)
        {
            next.Clear();
            foreach (var node in current)
            {
                segments[i].Apply(node, root, next);
            }

            if (next.Count == 0)
            {
                return;
            }

            (current, next) = (next, current);
        }

        foreach (var node in current)
        {
            segments[to - 1].Apply(node, root, output);
        }
    }

    /// <summary>The single node a singular query selects, or null when it selects nothing.</summary>
    public JsonValue? SelectSingle(JsonValue start)
    {
        var current = start;
        foreach (var segment in Segments)
        {
            var next = SingularStep(segment.Selectors[0], current);
            if (next is null)
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>Applies one name or index selector; null when it selects nothing.</summary>
    public static JsonValue? SingularStep(PathSelector selector, JsonValue current)
    {
        switch (selector)
        {
            case NameSelector name:
                return current is JsonObject obj && obj.TryGetValue(name.Name, out var member) ? member : null;
            case IndexSelector index:
                if (current is JsonArray array)
                {
                    var position = IndexSelector.Resolve(index.Index, array.Count);
                    return position >= 0 ? array[position] : null;
                }

                return null;
            default:
                return null;
        }
    }

    public override string ToString() => (IsRelative ? "@" : "$") + string.Concat(Segments.Select(s => s.ToString()));
}
