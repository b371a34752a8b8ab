namespace StepFlow.Conformance.Suites;

/// <summary>How a compliance case turned out.</summary>
public enum JsonPathComplianceOutcome
{
    /// <summary>The engine did what the case expects.</summary>
    Passed,

    /// <summary>The engine did something else.</summary>
    Failed,

    /// <summary>ASL mode only: the engine differs from RFC 9535 on purpose; <see cref="JsonPathComplianceResult.Reason"/> says why.</summary>
    AslDeviation,
}

/// <summary>The result of running one compliance case.</summary>
public sealed class JsonPathComplianceResult
{
    /// <summary>Creates a result.</summary>
    public JsonPathComplianceResult(JsonPathComplianceCase testCase, JsonPathComplianceOutcome outcome, string? difference, string? reason = null)
    {
        Case = testCase;
        Outcome = outcome;
        Difference = difference;
        Reason = reason;
    }

    /// <summary>The case.</summary>
    public JsonPathComplianceCase Case { get; }

    /// <summary>The case name.</summary>
    public string Name => Case.Name;

    /// <summary>How it turned out.</summary>
    public JsonPathComplianceOutcome Outcome { get; }

    /// <summary>True when the case passed.</summary>
    public bool Passed => Outcome == JsonPathComplianceOutcome.Passed;

    /// <summary>What differed from the expectation (null when it passed).</summary>
    public string? Difference { get; }

    /// <summary>For <see cref="JsonPathComplianceOutcome.AslDeviation"/>: why ASL deliberately differs.</summary>
    public string? Reason { get; }

    /// <inheritdoc />
    public override string ToString() => Outcome switch
    {
        JsonPathComplianceOutcome.Passed => $"PASS {Name}",
        JsonPathComplianceOutcome.AslDeviation => $"ASL  {Name}: {Reason}",
        _ => $"FAIL {Name}: {Difference}",
    };
}
