using StepFlow.Json;

namespace StepFlow.Jsonata;

/// <summary>Names (without the <c>$</c>) a host resolves on demand while an expression runs.</summary>
internal interface IJsonataBindings
{
    /// <summary>Looks a name up; false when the host does not know it.</summary>
    bool TryLookup(string name, out JsonValue? value);

    /// <summary>The time limit for this evaluation, replacing the options' one; null keeps the options' limit.</summary>
    TimeSpan? TimeLimit => null;

    /// <summary>The size limit for this evaluation, replacing the options' one; null keeps the options' limit.</summary>
    long? SizeLimit => null;
}
