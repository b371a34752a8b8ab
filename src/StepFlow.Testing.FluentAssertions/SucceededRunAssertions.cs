using FluentAssertions;
using FluentAssertions.Execution;
using StepFlow.Json;

namespace StepFlow.Testing.FluentAssertions;

/// <summary>What follows <see cref="TestRunResultAssertions.Succeed(string, object[])"/>: the output, then <see cref="And"/>.</summary>
public sealed class SucceededRunAssertions
{
    private readonly TestRunResult _subject;

    internal SucceededRunAssertions(TestRunResult subject, TestRunResultAssertions parent)
    {
        _subject = subject;
        And = parent;
    }

    /// <summary>Back to the assertions on the run.</summary>
    public TestRunResultAssertions And { get; }

    /// <summary>Asserts that the output is <paramref name="expectedJson"/>, compared as JSON (member order ignored).</summary>
    public SucceededRunAssertions WithOutput(string expectedJson, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(expectedJson);
        return WithOutput(JsonValue.Parse(expectedJson), because, becauseArgs);
    }

    /// <summary>Asserts that the output is <paramref name="expected"/>, compared as JSON (member order ignored).</summary>
    public SucceededRunAssertions WithOutput(JsonValue expected, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(expected);
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(expected.Equals(_subject.Output))
            .FailWith(
                "Expected the execution's output to be {0}{reason}, but it was {1} ({2}).",
                JsonDifference.Show(expected),
                JsonDifference.Show(_subject.Output),
                JsonDifference.Find(expected, _subject.Output));
        return this;
    }
}
