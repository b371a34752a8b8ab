using StepFlow.Json;

namespace StepFlow.Service;

/// <summary>What DescribeExecution returns: the summary plus input, output, error and cause.</summary>
public sealed record ExecutionDescription : ExecutionSummary
{
    /// <summary>The execution input.</summary>
    public required JsonValue Input { get; init; }

    /// <summary>The output, once it succeeded.</summary>
    public JsonValue? Output { get; init; }

    /// <summary>The error name, once it failed, timed out or was stopped with one.</summary>
    public string? Error { get; init; }

    /// <summary>The cause, once it failed, timed out or was stopped with one.</summary>
    public string? Cause { get; init; }

    /// <summary>Whether RedriveExecution would accept it now.</summary>
    public RedriveStatus RedriveStatus { get; init; }

    /// <summary>Why it is not redrivable, when it is not.</summary>
    public string? RedriveStatusReason { get; init; }
}
