namespace StepFlow.Service.TestState;

/// <summary>The data of a tested state after each processing step (JSON text), as AWS reports it at DEBUG and TRACE.</summary>
public sealed record TestStateInspectionData
{
    /// <summary>The raw input.</summary>
    public string? Input { get; init; }

    /// <summary>After InputPath.</summary>
    public string? AfterInputPath { get; init; }

    /// <summary>After Parameters.</summary>
    public string? AfterParameters { get; init; }

    /// <summary>After Arguments (JSONata).</summary>
    public string? AfterArguments { get; init; }

    /// <summary>After ItemsPath (Map).</summary>
    public string? AfterItemsPath { get; init; }

    /// <summary>The task's (or the Pass state's) result.</summary>
    public string? Result { get; init; }

    /// <summary>After ResultSelector.</summary>
    public string? AfterResultSelector { get; init; }

    /// <summary>After ResultPath.</summary>
    public string? AfterResultPath { get; init; }

    /// <summary>The workflow variables after the state's Assign (JSON text of an object).</summary>
    public string? Variables { get; init; }

    /// <summary>Which retrier or catcher took the error.</summary>
    public TestStateErrorDetails? ErrorDetails { get; init; }

    /// <summary>The Map's resolved MaxConcurrency.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>The Map's resolved ToleratedFailureCount.</summary>
    public long? ToleratedFailureCount { get; init; }

    /// <summary>The Map's resolved ToleratedFailurePercentage.</summary>
    public double? ToleratedFailurePercentage { get; init; }

    /// <summary>At TRACE, for an HTTP Task: the request it sent.</summary>
    public TestStateHttpRequest? Request { get; init; }

    /// <summary>At TRACE, for an HTTP Task: the response it received.</summary>
    public TestStateHttpResponse? Response { get; init; }
}
