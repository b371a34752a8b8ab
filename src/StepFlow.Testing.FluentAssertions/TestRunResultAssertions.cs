using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using StepFlow.Json;

namespace StepFlow.Testing.FluentAssertions;

/// <summary>
/// Assertions on a <see cref="TestRunResult"/>: how the execution ended and the path it took. JSON is compared as JSON
/// (member order ignored, numbers by value); a failure names what was expected and what happened, with the path taken.
/// </summary>
public sealed class TestRunResultAssertions : ReferenceTypeAssertions<TestRunResult, TestRunResultAssertions>
{
    /// <summary>Starts assertions on <paramref name="subject"/>.</summary>
    public TestRunResultAssertions(TestRunResult subject)
        : base(subject)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "execution";

    /// <summary>Asserts that the execution succeeded; chain <c>.WithOutput(json)</c> to check its output.</summary>
    public SucceededRunAssertions Succeed(string because = "", params object[] becauseArgs)
    {
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(Subject is not null)
            .FailWith("Expected the execution to succeed{reason}, but found no result.")
            .Then
            .ForCondition(Subject!.Succeeded)
            .FailWith("Expected the execution to succeed{reason}, but it ended {0} with error {1} and cause {2} after {3}.", Subject.Status, Subject.Error, Subject.Cause, Describe.Path(Subject));
        return new SucceededRunAssertions(Subject, this);
    }

    /// <summary>Asserts that the execution failed (or timed out, or was aborted); chain <c>.WithError(name)</c>.</summary>
    public FailedRunAssertions Fail(string because = "", params object[] becauseArgs)
    {
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(Subject is not null)
            .FailWith("Expected the execution to fail{reason}, but found no result.")
            .Then
            .ForCondition(Subject is { Succeeded: false })
            .FailWith("Expected the execution to fail{reason}, but it succeeded with output {0} after {1}.", JsonDifference.Show(Subject!.Output), Describe.Path(Subject));
        return new FailedRunAssertions(Subject!, this);
    }

    /// <summary>
    /// Asserts that the execution entered <paramref name="states"/> in this order; other states may come before, between
    /// and after them. <see cref="HaveVisitedExactly(string[])"/> checks the whole path.
    /// </summary>
    public AndConstraint<TestRunResultAssertions> HaveVisited(params string[] states) => HaveVisitedInOrder(states, exactly: false);

    /// <summary>Asserts that the states entered, in order, are exactly <paramref name="states"/> (nested states included).</summary>
    public AndConstraint<TestRunResultAssertions> HaveVisitedExactly(params string[] states) => HaveVisitedInOrder(states, exactly: true);

    /// <summary>Asserts that the execution never entered <paramref name="state"/>.</summary>
    public AndConstraint<TestRunResultAssertions> NotHaveVisited(string state, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(state);
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(!Subject.VisitedStates.Contains(state))
            .FailWith("Expected the execution not to visit {0}{reason}, but it did: {1}.", state, Describe.Path(Subject));
        return new AndConstraint<TestRunResultAssertions>(this);
    }

    /// <summary>Asserts that <paramref name="state"/>'s first visit had the input <paramref name="expectedJson"/> (compared as JSON).</summary>
    public AndConstraint<TestRunResultAssertions> HaveStateInput(string state, string expectedJson, string because = "", params object[] becauseArgs) =>
        HaveStateData(state, expectedJson, input: true, because, becauseArgs);

    /// <summary>Asserts that <paramref name="state"/>'s first visit left with the output <paramref name="expectedJson"/> (compared as JSON).</summary>
    public AndConstraint<TestRunResultAssertions> HaveStateOutput(string state, string expectedJson, string because = "", params object[] becauseArgs) =>
        HaveStateData(state, expectedJson, input: false, because, becauseArgs);

    /// <summary>Asserts that <paramref name="state"/> was retried exactly <paramref name="times"/> times (over all its visits).</summary>
    public AndConstraint<TestRunResultAssertions> HaveRetried(string state, int times, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegative(times);
        var visited = Subject.VisitedStates.Contains(state);
        var retries = Subject.RetriesOf(state);
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(visited)
            .FailWith("Expected {0} to be retried {1} time(s){reason}, but it was never visited: {2}.", state, times, Describe.Path(Subject))
            .Then
            .ForCondition(retries == times)
            .FailWith("Expected {0} to be retried {1} time(s){reason}, but it was retried {2} time(s).", state, times, retries);
        return new AndConstraint<TestRunResultAssertions>(this);
    }

    private AndConstraint<TestRunResultAssertions> HaveVisitedInOrder(string[] states, bool exactly)
    {
        ArgumentNullException.ThrowIfNull(states);
        var path = Subject.VisitedStates;
        bool matched;
        string missing = string.Empty;
        if (exactly)
        {
            matched = path.SequenceEqual(states, StringComparer.Ordinal);
        }
        else
        {
            var next = 0;
            foreach (var visited in path)
            {
                if (next < states.Length && visited == states[next])
                {
                    next++;
                }
            }

            matched = next == states.Length;
            if (!matched)
            {
                missing = next == 0 ? $"{states[0]} was never visited" : $"no {states[next]} came after {states[next - 1]}";
            }
        }

        Execute.Assertion
            .ForCondition(matched)
            .FailWith(
                exactly ? "Expected the execution to visit exactly {0}, but it visited {1}." : "Expected the execution to visit {0} in this order, but it visited {1} (" + missing.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal) + ").",
                string.Join(" → ", states),
                string.Join(" → ", path));
        return new AndConstraint<TestRunResultAssertions>(this);
    }

    private AndConstraint<TestRunResultAssertions> HaveStateData(string state, string expectedJson, bool input, string because, object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(state);
        var expected = JsonValue.Parse(expectedJson);
        var what = input ? "input" : "output";
        var visit = Subject.Path.FirstOrDefault(v => v.Name == state);
        var actual = visit is null ? null : input ? visit.Input : visit.Output;
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(visit is not null)
            .FailWith("Expected the " + what + " of {0} to be {1}{reason}, but {0} was never visited: {2}.", state, JsonDifference.Show(expected), Describe.Path(Subject))
            .Then
            .ForCondition(actual is not null)
            .FailWith("Expected the " + what + " of {0} to be {1}{reason}, but {0} never exited.", state, JsonDifference.Show(expected))
            .Then
            .ForCondition(expected.Equals(actual))
            .FailWith("Expected the " + what + " of {0} to be {1}{reason}, but it was {2} ({3}).", state, JsonDifference.Show(expected), JsonDifference.Show(actual), JsonDifference.Find(expected, actual));
        return new AndConstraint<TestRunResultAssertions>(this);
    }
}
