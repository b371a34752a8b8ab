using System.Globalization;
using System.Text;
using StepFlow.Errors;
using StepFlow.Json;
using StepFlow.Paths.Syntax;

namespace StepFlow.Paths;

/// <summary>ResultPath: placing a value inside a document by rebuilding only the spine.</summary>
internal sealed partial class JsonPath
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

        return _steps!.Length <= MaxRecursiveSteps ? SetAt(root, 0, value) : SetAlongSpine(root, value);
    }

    /// <summary>
    /// The longest path written by recursion (one small frame a step): nearly every ResultPath. A longer one (up to the
    /// parser's 512 segments) is written by <see cref="SetAlongSpine"/>, which costs no stack.
    /// </summary>
    private const int MaxRecursiveSteps = 16;

    private JsonValue SetAt(JsonValue current, int position, JsonValue value)
    {
        var steps = _steps!;
        if (position == steps.Length)
        {
            return value;
        }

        var place = Enter(current, position, out var child);
        var written = SetAt(child, position + 1, value);
        return steps[position].Name is { } name
            ? ((JsonObject)current).SetItemAt(place, name, written)
            : ((JsonArray)current).SetItem(place, written);
    }

    /// <summary>
    /// Goes down the path noting each container and where the path enters it, then rebuilds them bottom-up around the new
    /// value: no recursion, for paths longer than <see cref="MaxRecursiveSteps"/>.
    /// </summary>
    private JsonValue SetAlongSpine(JsonValue root, JsonValue value)
    {
        var steps = _steps!;
        var spine = new JsonValue[steps.Length];
        var places = new int[steps.Length];
        var current = root;
        for (var position = 0; position < steps.Length; position++)
        {
            spine[position] = current;
            places[position] = Enter(current, position, out current);
        }

        for (var position = steps.Length - 1; position >= 0; position--)
        {
            value = steps[position].Name is { } name
                ? ((JsonObject)spine[position]).SetItemAt(places[position], name, value)
                : ((JsonArray)spine[position]).SetItem(places[position], value);
        }

        return value;
    }

    /// <summary>
    /// Where step <paramref name="position"/> enters <paramref name="current"/> (a member's index, -1 for a member to add, or
    /// an item's index) and the value found there (an empty object for a member to add).
    /// </summary>
    private int Enter(JsonValue current, int position, out JsonValue child)
    {
        var step = _steps![position];
        if (step.Name is not null)
        {
            if (current is not JsonObject obj)
            {
                throw ResultPathFailure(position, $"is {Article(current)} {current.KindName}, not an object");
            }

            // One lookup serves both the read of the child and the write of its replacement.
            var member = obj.IndexOf(step.Name, step.NameBit);
            child = member >= 0 ? obj[member].Value : JsonObject.Empty;
            return member;
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

        child = array[index];
        return index;
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
