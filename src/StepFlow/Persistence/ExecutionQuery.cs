using StepFlow.Execution;

namespace StepFlow.Persistence;

/// <summary>Which executions a store lists, newest first.</summary>
public sealed record ExecutionQuery
{
    /// <summary>The state machine whose executions to list.</summary>
    public required string StateMachineArn { get; init; }

    /// <summary>Only this status; null for all.</summary>
    public ExecutionStatus? Status { get; init; }

    /// <summary>Only redriven (true) or never redriven (false) executions; null for all.</summary>
    public bool? Redriven { get; init; }

    /// <summary>The most records to return.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>The store's continuation from the previous page; null for the first page.</summary>
    public string? Continuation { get; init; }
}
