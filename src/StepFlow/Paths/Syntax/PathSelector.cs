using StepFlow.Json;

namespace StepFlow.Paths.Syntax;

/// <summary>A selector inside a segment: name, wildcard, index, slice or filter.</summary>
internal abstract class PathSelector
{
    /// <summary>Appends the children of <paramref name="node"/> this selector picks to <paramref name="output"/>.</summary>
    public abstract void Select(JsonValue node, JsonValue root, List<JsonValue> output);
}
