using System.Diagnostics.CodeAnalysis;
using StepFlow.Json;
using StepFlow.Paths.Syntax;

namespace StepFlow.Paths;

/// <summary>Evaluation: definite paths walk their steps without allocating; indefinite paths build a nodelist.</summary>
internal sealed partial class JsonPath
{
    /// <summary>
    /// Evaluates the path. A definite path gives its single value (false when it selects nothing);
    /// an indefinite path gives a <see cref="JsonArray"/> of every match, possibly empty (always true,
    /// unless the root variable is undefined).
    /// </summary>
    public bool TryEvaluate(in PathScope scope, [NotNullWhen(true)] out JsonValue? value)
    {
        if (!TryGetRoot(scope, out var root))
        {
            value = null;
            return false;
        }

        return TryEvaluate(root, out value);
    }

    /// <summary>Evaluates the path against <paramref name="root"/>, the value its root (<c>$</c>, <c>$$</c> or <c>$name</c>) denotes.</summary>
    public bool TryEvaluate(JsonValue root, [NotNullWhen(true)] out JsonValue? value)
    {
        ArgumentNullException.ThrowIfNull(root);
        var steps = _steps;
        if (steps is not null)
        {
            var current = root;
            for (var i = 0; i < steps.Length; i++)
            {
                var next = steps[i].Apply(current);
                if (next is null)
                {
                    value = null;
                    return false;
                }

                current = next;
            }

            if (_mergedNames is null)
            {
                value = current;
                return true;
            }

            return TryMerge(current, out value);
        }

        var nodes = new List<JsonValue>();
        PathQuery.SelectSegments(_segments, 0, _segments.Length, root, root, nodes);
        value = nodes.Count == 0 ? JsonArray.Empty : JsonArray.TakeOwnership([.. nodes]);
        return true;
    }

    /// <summary>
    /// The RFC 9535 nodelist: every value the path selects from <paramref name="root"/> (the value its
    /// root identifier denotes), in order, never unwrapped or merged.
    /// </summary>
    public IReadOnlyList<JsonValue> SelectNodes(JsonValue root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var nodes = new List<JsonValue>();
        PathQuery.SelectSegments(_segments, 0, _segments.Length, root, root, nodes);
        return nodes;
    }

    /// <summary>The value the path's root denotes in <paramref name="scope"/>; false for an undefined variable.</summary>
    public bool TryGetRoot(in PathScope scope, [NotNullWhen(true)] out JsonValue? root)
    {
        switch (Root)
        {
            case PathRoot.Context:
                root = scope.Context;
                return true;
            case PathRoot.Variable:
                return scope.Variables.TryGet(VariableName!, out root);
            default:
                root = scope.Input;
                return true;
        }
    }

    private bool TryMerge(JsonValue parent, [NotNullWhen(true)] out JsonValue? value)
    {
        if (parent is not JsonObject obj)
        {
            value = null;
            return false;
        }

        var builder = new JsonObjectBuilder(_mergedNames!.Length);
        foreach (var name in _mergedNames)
        {
            if (obj.TryGetValue(name, out var member))
            {
                builder.Set(name, member);
            }
        }

        value = builder.Build();
        return true;
    }
}
