namespace StepFlow.Testing.FluentAssertions;

/// <summary>The entry point: <c>result.Should()</c> on a <see cref="TestRunResult"/>.</summary>
public static class TestRunResultExtensions
{
    /// <summary>Starts assertions on what a test run did.</summary>
    public static TestRunResultAssertions Should(this TestRunResult actualValue) => new(actualValue);
}
