using System.Diagnostics.CodeAnalysis;
using StepFlow.Json;

namespace StepFlow.Variables;

/// <summary>
/// Workflow variables (<c>Assign</c>) visible to a state: its own assignments plus, read-only, those of
/// the enclosing scopes (a Parallel branch or Map iteration sees the outer variables).
/// Immutable: assigning returns a new scope that shares everything it did not change.
/// </summary>
internal sealed class VariableScope
{
    /// <summary>The empty top-level scope.</summary>
    public static readonly VariableScope Empty = new(null, System.Collections.Immutable.ImmutableDictionary<string, JsonValue>.Empty.WithComparers(StringComparer.Ordinal));

    private readonly System.Collections.Immutable.ImmutableDictionary<string, JsonValue> _values;

    /// <summary>The serialized size of the values held by this scope itself.</summary>
    private readonly long _bytes;

    private VariableScope(VariableScope? parent, System.Collections.Immutable.ImmutableDictionary<string, JsonValue> values, long bytes = 0)
    {
        Parent = parent;
        _values = values;
        _bytes = bytes;
    }

    /// <summary>The serialized (UTF-8 JSON) size of all variables visible here, this scope's and the enclosing ones'.</summary>
    public long TotalBytes => _bytes + (Parent?.TotalBytes ?? 0);

    /// <summary>The enclosing scope, or null at the top level.</summary>
    public VariableScope? Parent { get; }

    /// <summary>The variables assigned in this scope itself.</summary>
    public IReadOnlyDictionary<string, JsonValue> Values => _values;

    /// <summary>True when neither this scope nor an enclosing one holds a variable.</summary>
    public bool IsEmpty => _values.IsEmpty && (Parent is null || Parent.IsEmpty);

    /// <summary>Looks a variable up here, then in the enclosing scopes.</summary>
    public bool TryGet(string name, [MaybeNullWhen(false)] out JsonValue value)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._values.TryGetValue(name, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>Opens a child scope (Parallel branch, Map iteration) that reads this one.</summary>
    public VariableScope CreateChild() => new(this, Empty._values);

    /// <summary>
    /// Returns a scope with the assignments applied. A name already held by an enclosing scope is
    /// updated there, where it lives; a new name is created in this scope.
    /// </summary>
    public VariableScope Assign(IEnumerable<KeyValuePair<string, JsonValue>> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var values = _values;
        var bytes = _bytes;
        foreach (var assignment in assignments)
        {
            if (values.TryGetValue(assignment.Key, out var previous))
            {
                bytes -= previous.Utf8Length;
            }

            bytes += assignment.Value.Utf8Length;
            values = values.SetItem(assignment.Key, assignment.Value);
        }

        return new VariableScope(Parent, values, bytes);
    }
}
