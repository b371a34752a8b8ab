using System.Buffers;
using System.Globalization;
using System.Text;
using StepFlow.Errors;
using StepFlow.Json;
using StepFlow.Paths.Syntax;

namespace StepFlow.Paths;

/// <summary>ResultPath: placing a value inside a document by rebuilding only the spine.</summary>
public sealed partial class JsonPath
{
    /// <summary>
    /// Places <paramref name="value"/> at this Reference Path inside <paramref name="root"/> and returns the
    /// new root. Missing members are created, with missing intermediate objects built as needed; existing
    /// members are replaced in place. Only the objects and arrays on the way are rebuilt; everything else is shared.
    /// </summary>
    /// <exception cref="InvalidOperationException">The path is not a Reference Path.</exception>
    /// <exception cref="StatesErrorException">
    /// <see cref="StatesErrorNames.ResultPathMatchFailure"/> when the path cannot be applied: a step
    /// needs an object but meets another kind, or an index is outside the array.
    /// </exception>
    public JsonValue Set(JsonValue root, JsonValue value)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(value);
        if (!IsReferencePath)
        {
            throw new InvalidOperationException($"The path '{Text}' is not a Reference Path, so it cannot be written to.");
        }

        return SetAt(root, value);
    }

    /// <summary>
    /// Goes down the path noting each container and where the path enters it, then rebuilds them bottom-up around the new
    /// value: no recursion, so a path as long as the parser allows (512 segments) costs no stack.
    /// </summary>
    private JsonValue SetAt(JsonValue root, JsonValue value)
    {
        var steps = _steps!;
        if (steps.Length == 0)
        {
            return value;
        }

        // A short path (nearly all of them) keeps its spine on the stack; a long one rents it.
        var local = default(ShortSpine);
        var rented = steps.Length <= ShortSpine.Length ? null : ArrayPool<JsonValue>.Shared.Rent(steps.Length);
        var spine = rented is null ? local[..steps.Length] : rented.AsSpan(0, steps.Length);
        var places = steps.Length <= ShortSpine.Length ? stackalloc int[ShortSpine.Length] : new int[steps.Length];
        try
        {
            var current = root;
            for (var position = 0; position < steps.Length; position++)
            {
                var step = steps[position];
                spine[position] = current;
                if (step.Name is not null)
                {
                    if (current is not JsonObject obj)
                    {
                        throw ResultPathFailure(position, $"is {Article(current)} {current.KindName}, not an object");
                    }

                    // One lookup serves both the read of the child and the write of its replacement.
                    var member = obj.IndexOf(step.Name, step.NameBit);
                    places[position] = member;
                    current = member >= 0 ? obj[member].Value : JsonObject.Empty;
                    continue;
                }

                if (current is not JsonArray array)
                {
                    throw ResultPathFailure(position, $"is {Article(current)} {current.KindName}, not an array");
                }

                var index = IndexSelector.Resolve(step.Index, array.Count);
                if (index < 0)
                {
                    throw ResultPathFailure(position, string.Create(CultureInfo.InvariantCulture, $"has {array.Count} item{(array.Count == 1 ? string.Empty : "s")}"));
                }

                places[position] = index;
                current = array[index];
            }

            for (var position = steps.Length - 1; position >= 0; position--)
            {
                value = steps[position].Name is { } name
                    ? ((JsonObject)spine[position]).SetItemAt(places[position], name, value)
                    : ((JsonArray)spine[position]).SetItem(places[position], value);
            }

            return value;
        }
        finally
        {
            if (rented is not null)
            {
                spine.Clear();
                ArrayPool<JsonValue>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The containers on the way down a path of up to eight steps.</summary>
    [System.Runtime.CompilerServices.InlineArray(Length)]
    private struct ShortSpine
    {
        public const int Length = 8;

        private JsonValue _first;
    }

    private StatesErrorException ResultPathFailure(int position, string problem)
    {
        var builder = new StringBuilder();
        builder.Append("Unable to apply ResultPath '").Append(Text).Append("': the value at ");
        AppendNormalizedPrefix(builder, position);
        builder.Append(' ').Append(problem).Append(", so ");
        _steps![position].AppendNormalized(builder);
        builder.Append(" cannot be set.");
        return new StatesErrorException(StatesErrorNames.ResultPathMatchFailure, builder.ToString());
    }

    private static string Article(JsonValue value) => value.Kind is JsonKind.Array or JsonKind.Object ? "an" : "a";
}
