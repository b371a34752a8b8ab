using FluentAssertions.Execution;

namespace StepFlow.Testing.FluentAssertions;

/// <summary>What follows <see cref="TestRunResultAssertions.Fail(string, object[])"/>: the error and cause, then <see cref="And"/>.</summary>
public sealed class FailedRunAssertions
{
    private readonly TestRunResult _subject;

    internal FailedRunAssertions(TestRunResult subject, TestRunResultAssertions parent)
    {
        _subject = subject;
        And = parent;
    }

    /// <summary>Back to the assertions on the run.</summary>
    public TestRunResultAssertions And { get; }

    /// <summary>Asserts that the execution failed with the error name <paramref name="expectedError"/> (exactly).</summary>
    public FailedRunAssertions WithError(string expectedError, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(expectedError);
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(string.Equals(_subject.Error, expectedError, StringComparison.Ordinal))
            .FailWith("Expected the execution to fail with error {0}{reason}, but it failed with {1} (cause {2}) after {3}.", expectedError, _subject.Error, _subject.Cause, Describe.Path(_subject));
        return this;
    }

    /// <summary>Asserts that the cause matches <paramref name="expectedCause"/>, a wildcard pattern (<c>*</c> and <c>?</c>) or the exact text.</summary>
    public FailedRunAssertions WithCause(string expectedCause, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(expectedCause);
        var matched = _subject.Cause is { } cause &&
            (cause == expectedCause || System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(expectedCause, cause, ignoreCase: false));
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(matched)
            .FailWith("Expected the execution to fail with cause {0}{reason}, but the cause was {1}.", expectedCause, _subject.Cause);
        return this;
    }
}
