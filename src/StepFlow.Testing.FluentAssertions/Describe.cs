namespace StepFlow.Testing.FluentAssertions;

/// <summary>How failure messages show a run.</summary>
internal static class Describe
{
    /// <summary>The path taken, e.g. <c>"the path Validate → Charge → Ship"</c>.</summary>
    public static string Path(TestRunResult result) =>
        result.VisitedStates.Count == 0 ? "visiting no state" : "the path " + string.Join(" → ", result.VisitedStates);
}
