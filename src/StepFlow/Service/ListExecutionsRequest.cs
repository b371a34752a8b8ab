using StepFlow.Execution;
using StepFlow.Persistence;

namespace StepFlow.Service;

/// <summary>ListExecutions' parameters.</summary>
public sealed record ListExecutionsRequest
{
    /// <summary>The state machine whose executions to list.</summary>
    public required string StateMachineArn { get; init; }

    /// <summary>Only executions in this status; null for all.</summary>
    public ExecutionStatus? StatusFilter { get; init; }

    /// <summary>Only executions that were (true) or were never (false) redriven; null for all.</summary>
    public bool? Redriven { get; init; }

    /// <summary>The page size, 1–1,000 (AWS's default: 100).</summary>
    public int MaxResults { get; init; } = 100;

    /// <summary>The <see cref="ExecutionPage.NextToken"/> of the previous page.</summary>
    public string? NextToken { get; init; }
}
