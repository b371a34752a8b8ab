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

    /// <summary>
    /// A seeded source of randomness for <c>$random()</c>, <c>$uuid()</c> and <c>$shuffle</c> in this evaluation (a
    /// thread-safe one: evaluations may run side by side); null keeps the process-wide sources.
    /// </summary>
    Random? Random => null;
}
