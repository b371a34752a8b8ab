namespace StepFlow.Conformance.Suites;

/// <summary>How a JSONata suite case turned out.</summary>
public enum JsonataSuiteOutcome
{
    /// <summary>The engine did what the case expects.</summary>
    Passed,

    /// <summary>The engine did something else.</summary>
    Failed,

    /// <summary>Level 2.0.6 only: a case jsonata 2.0.6 does not pass either (known-2.0.6-differences.json), and StepFlow behaved as 2.0.6 does.</summary>
    Known206Difference,
}

/// <summary>The result of one JSONata suite case.</summary>
public sealed class JsonataSuiteResult
{
    /// <summary>Creates a result.</summary>
    public JsonataSuiteResult(JsonataSuiteCase testCase, JsonataSuiteOutcome outcome, string? difference)
    {
        Case = testCase;
        Outcome = outcome;
        Difference = difference;
    }

    /// <summary>The case.</summary>
    public JsonataSuiteCase Case { get; }

    /// <summary>The case id.</summary>
    public string Id => Case.Id;

    /// <summary>How it turned out.</summary>
    public JsonataSuiteOutcome Outcome { get; }

    /// <summary>True when the case passed.</summary>
    public bool Passed => Outcome == JsonataSuiteOutcome.Passed;

    /// <summary>What differed (null when it passed).</summary>
    public string? Difference { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Id}: {Outcome}{(Difference is null ? string.Empty : " - " + Difference)}";
}
