using System.Text;
using StepFlow.Json;

namespace StepFlow.Paths.Syntax;

/// <summary>One step of a definite path: a member name or a single index. The evaluator's fast path walks these.</summary>
internal readonly struct PathStep
{
    private PathStep(string? name, long index)
    {
        Name = name;
        Index = index;
        NameBit = name is null ? 0 : JsonObject.NameBit(name);
    }

    /// <summary>The member name, or null for an index step.</summary>
    public string? Name { get; }

    /// <summary>The index (negative counts from the end) when <see cref="Name"/> is null.</summary>
    public long Index { get; }

    /// <summary>The name's lookup bit (<see cref="JsonObject.NameBit"/>), computed once when the path is compiled.</summary>
    public uint NameBit { get; }

    public static PathStep From(PathSelector selector) => selector switch
    {
        NameSelector name => new PathStep(name.Name, 0),
        IndexSelector index => new PathStep(null, index.Index),
        _ => throw new ArgumentException("Only name and index selectors are steps.", nameof(selector)),
    };

    /// <summary>The child this step selects, or null when there is none.</summary>
    public JsonValue? Apply(JsonValue current)
    {
        if (Name is not null)
        {
            return current is JsonObject obj && obj.TryGetValue(Name, NameBit, out var member) ? member : null;
        }

        if (current is JsonArray array)
        {
            var position = IndexSelector.Resolve(Index, array.Count);
            return position >= 0 ? array[position] : null;
        }

        return null;
    }

    public void AppendNormalized(StringBuilder builder)
    {
        if (Name is not null)
        {
            NormalizedPath.AppendName(builder, Name);
        }
        else
        {
            NormalizedPath.AppendIndex(builder, Index);
        }
    }
}
