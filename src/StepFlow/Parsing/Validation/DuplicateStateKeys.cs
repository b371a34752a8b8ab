using StepFlow.Definition;
using StepFlow.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>
/// Reports state names written twice in the same <c>States</c> object of the definition text. The JSON
/// model keeps only the last of duplicate keys, so the parser hands over every repeated member name
/// (<see cref="JsonDuplicateKey"/>) and this keeps those that sit in a state machine's <c>States</c>.
/// </summary>
internal static class DuplicateStateKeys
{
    public static void Report(ValidationContext ctx, IReadOnlyList<JsonDuplicateKey> duplicates)
    {
        foreach (var duplicate in duplicates)
        {
            if (IsStatesObject(duplicate.ObjectPath))
            {
                ctx.Error(
                    DiagnosticCodes.DuplicateStateName,
                    $"The state name '{ValueChecks.Truncate(duplicate.Name)}' appears more than once in the same States object.",
                    PointerOf(duplicate.ObjectPath, duplicate.Name));
            }
        }
    }

    /// <summary>True when the object at <paramref name="path"/> is the <c>States</c> member of a state machine scope.</summary>
    private static bool IsStatesObject(JsonPathToken[] path)
    {
        if (path.Length == 0 || path[^1].Name != AslFields.States)
        {
            return false;
        }

        // The machine holding States: the root, an ItemProcessor/Iterator object, or an item of a Branches array.
        var machine = path.Length - 1;
        if (machine == 0)
        {
            return true;
        }

        if (path[machine - 1].Name is AslFields.ItemProcessor or AslFields.Iterator)
        {
            return true;
        }

        return machine >= 2 && path[machine - 1].IsIndex && path[machine - 2].Name == AslFields.Branches;
    }

    private static string PointerOf(JsonPathToken[] path, string name)
    {
        var pointer = string.Empty;
        foreach (var token in path)
        {
            pointer = token.IsIndex ? JsonPointer.Append(pointer, token.Index) : JsonPointer.Append(pointer, token.Name!);
        }

        return JsonPointer.Append(pointer, name);
    }
}
