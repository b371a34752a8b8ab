using StepFlow.Execution;
using StepFlow.Json;

namespace StepFlow.Persistence;

/// <summary>
/// What a store keeps of one execution besides its events: identity, the definition it runs (an execution keeps
/// the definition it started with), input, and how it ended. Immutable; a store replaces the whole record.
/// </summary>
public sealed record ExecutionRecord
{
    /// <summary>The execution's ARN (the key).</summary>
    public required string ExecutionArn { get; init; }

    /// <summary>The execution's name.</summary>
    public required string Name { get; init; }

    /// <summary>The state machine's ARN.</summary>
    public required string StateMachineArn { get; init; }

    /// <summary>The definition the execution runs, as it was when the execution started.</summary>
    public required JsonObject Definition { get; init; }

    /// <summary>The execution input.</summary>
    public required JsonValue Input { get; init; }

    /// <summary>RUNNING until it closes.</summary>
    public required ExecutionStatus Status { get; init; }

    /// <summary>When it first started.</summary>
    public required DateTimeOffset StartDate { get; init; }

    /// <summary>When it stopped; null while it runs.</summary>
    public DateTimeOffset? StopDate { get; init; }

    /// <summary>The output once it succeeded.</summary>
    public JsonValue? Output { get; init; }

    /// <summary>The error once it failed, timed out or was stopped.</summary>
    public string? Error { get; init; }

    /// <summary>The cause once it failed, timed out or was stopped.</summary>
    public string? Cause { get; init; }

    /// <summary>How many times it was redriven.</summary>
    public int RedriveCount { get; init; }

    /// <summary>When it was last redriven.</summary>
    public DateTimeOffset? RedriveDate { get; init; }

    /// <summary>Why it may not be redriven even though it failed (history limit reached, ...); null when nothing forbids it.</summary>
    public string? NotRedrivableReason { get; init; }

    /// <summary>
    /// The resource allow-list the execution was started under (a nested execution of a parent run with
    /// <see cref="Execution.ExecutionOptions.AllowedResources"/>); null when it has none. A store keeps it with the record,
    /// so that an execution resumed after a restart or redriven is held to the same list.
    /// </summary>
    public IReadOnlyList<string>? AllowedResources { get; init; }
}
