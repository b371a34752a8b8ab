using StepFlow.Conformance;

namespace StepFlow.Tests.Support;

/// <summary>A fact that is skipped, with a clear message, when the shared outside suites are absent.</summary>
public sealed class SharedSuiteFactAttribute : FactAttribute
{
    public SharedSuiteFactAttribute()
    {
        if (SharedFolder.Path is null)
        {
            Skip = SharedFolder.MissingMessage;
        }
    }
}

/// <summary>A theory that is skipped, with a clear message, when the shared outside suites are absent.</summary>
public sealed class SharedSuiteTheoryAttribute : TheoryAttribute
{
    public SharedSuiteTheoryAttribute()
    {
        if (SharedFolder.Path is null)
        {
            Skip = SharedFolder.MissingMessage;
        }
    }
}
