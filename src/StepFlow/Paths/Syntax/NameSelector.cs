using StepFlow.Json;

namespace StepFlow.Paths.Syntax;

/// <summary>Selects the member of an object with a given name (<c>.a</c>, <c>['a']</c>).</summary>
internal sealed class NameSelector : PathSelector
{
    public NameSelector(string name) => Name = name;

    public string Name { get; }

    public override void Select(JsonValue node, JsonValue root, List<JsonValue> output)
    {
        if (node is JsonObject obj && obj.TryGetValue(Name, out var value))
        {
            output.Add(value);
        }
    }

    public override string ToString() => NormalizedPath.FormatName(Name);
}
