namespace StepFlow.Fuzz.Targets;

/// <summary>Every fuzz target, by name.</summary>
internal static class FuzzTargets
{
    /// <summary>The targets in the order the CI script runs them.</summary>
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new DefinitionTarget(),
        new JsonPathTarget(),
        new IntrinsicTarget(),
        new JsonataTarget(),
    ];

    /// <summary>The target called <paramref name="name"/>, or null.</summary>
    public static IFuzzTarget? Find(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
