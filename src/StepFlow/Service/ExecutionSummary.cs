using StepFlow.Execution;
using StepFlow.Persistence;

namespace StepFlow.Service;

/// <summary>One execution as ListExecutions shows it.</summary>
public record ExecutionSummary
{
    /// <summary>The execution's ARN.</summary>
    public required string ExecutionArn { get; init; }

    /// <summary>The state machine's ARN.</summary>
    public required string StateMachineArn { get; init; }

    /// <summary>The execution's name.</summary>
    public required string Name { get; init; }

    /// <summary>RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED.</summary>
    public required ExecutionStatus Status { get; init; }

    /// <summary>When it started (the first start; a redrive keeps it).</summary>
    public required DateTimeOffset StartDate { get; init; }

    /// <summary>When it stopped; null while it runs.</summary>
    public DateTimeOffset? StopDate { get; init; }

    /// <summary>How many times it was redriven.</summary>
    public int RedriveCount { get; init; }

    /// <summary>When it was last redriven.</summary>
    public DateTimeOffset? RedriveDate { get; init; }
}
