namespace StepFlow.Paths;

/// <summary>
/// Implemented by a context object source that belongs to an execution with a seeded source of randomness (an engine
/// built with <c>UseRandomSeed</c>): <c>States.UUID</c>, unseeded <c>States.MathRandom</c>, <c>$uuid()</c>,
/// <c>$random()</c> and <c>$shuffle</c> draw from <see cref="Random"/>. Null (or a source that does not implement this)
/// keeps the process-wide defaults.
/// </summary>
internal interface IRandomSource
{
    /// <summary>The execution's seeded source (thread-safe), or null for the defaults.</summary>
    Random? Random { get; }
}
