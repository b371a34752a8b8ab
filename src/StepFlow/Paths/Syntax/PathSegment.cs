using StepFlow.Json;

namespace StepFlow.Paths.Syntax;

/// <summary>One segment of a query: a child segment (<c>.a</c>, <c>[...]</c>) or a descendant segment (<c>..a</c>, <c>..[...]</c>).</summary>
internal sealed class PathSegment
{
    public PathSegment(PathSelector[] selectors, bool isDescendant)
    {
        Selectors = selectors;
        IsDescendant = isDescendant;
    }

    public PathSelector[] Selectors { get; }

    public bool IsDescendant { get; }

    /// <summary>True when the segment selects at most one child: a child segment with one name or index.</summary>
    public bool IsSingular => !IsDescendant && Selectors.Length == 1 && Selectors[0] is NameSelector or IndexSelector;

    /// <summary>True when the segment is a child segment with two or more name selectors only.</summary>
    public bool IsNameUnion
    {
        get
        {
            if (IsDescendant || Selectors.Length < 2)
            {
                return false;
            }

            foreach (var selector in Selectors)
            {
                if (selector is not NameSelector)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Appends what this segment selects from <paramref name="node"/> to <paramref name="output"/>.</summary>
    public void Apply(JsonValue node, JsonValue root, List<JsonValue> output)
    {
        if (IsDescendant)
        {
            ApplyDescendant(node, root, output);
            return;
        }

        foreach (var selector in Selectors)
        {
            selector.Select(node, root, output);
        }
    }

    public override string ToString()
    {
        var inner = string.Join(", ", Selectors.Select(s => s.ToString()));
        return IsDescendant ? $"..[{inner}]" : $"[{inner}]";
    }

    private void ApplyDescendant(JsonValue node, JsonValue root, List<JsonValue> output)
    {
        foreach (var selector in Selectors)
        {
            selector.Select(node, root, output);
        }

        switch (node)
        {
            case JsonArray array:
                foreach (var item in array.Items)
                {
                    ApplyDescendant(item, root, output);
                }

                break;
            case JsonObject obj:
                foreach (var member in obj.Members)
                {
                    ApplyDescendant(member.Value, root, output);
                }

                break;
        }
    }
}
