using StepFlow.Json;

namespace StepFlow.Paths.Syntax;

/// <summary>Selects every child of an array or object (<c>*</c>).</summary>
internal sealed class WildcardSelector : PathSelector
{
    public static readonly WildcardSelector Instance = new();

    private WildcardSelector()
    {
    }

    public override void Select(JsonValue node, JsonValue root, List<JsonValue> output)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array.Items)
                {
                    output.Add(item);
                }

                break;
            case JsonObject obj:
                foreach (var member in obj.Members)
                {
                    output.Add(member.Value);
                }

                break;
        }
    }

    public override string ToString() => "*";
}
