using System.Globalization;
using StepFlow.Json;

namespace StepFlow.Paths.Syntax;

/// <summary>Selects one array element by index; a negative index counts from the end (<c>[0]</c>, <c>[-1]</c>).</summary>
internal sealed class IndexSelector : PathSelector
{
    public IndexSelector(long index) => Index = index;

    public long Index { get; }

    /// <summary>Resolves the index against an array length; -1 when out of range.</summary>
    public static int Resolve(long index, int length)
    {
        var resolved = index < 0 ? length + index : index;
        return resolved >= 0 && resolved < length ? (int)resolved : -1;
    }

    public override void Select(JsonValue node, JsonValue root, List<JsonValue> output)
    {
        if (node is JsonArray array)
        {
            var position = Resolve(Index, array.Count);
            if (position >= 0)
            {
                output.Add(array[position]);
            }
        }
    }

    public override string ToString() => Index.ToString(CultureInfo.InvariantCulture);
}
