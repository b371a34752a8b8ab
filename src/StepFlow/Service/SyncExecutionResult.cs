using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;

namespace StepFlow.Service;

/// <summary>What StartSyncExecution returns once the Express execution has ended.</summary>
public sealed record SyncExecutionResult
{
    /// <summary>The execution's ARN (<c>arn:…:express:&lt;machine&gt;:&lt;name&gt;:&lt;id&gt;</c>).</summary>
    public required string ExecutionArn { get; init; }

    /// <summary>The state machine's ARN.</summary>
    public required string StateMachineArn { get; init; }

    /// <summary>The execution's name.</summary>
    public required string Name { get; init; }

    /// <summary>SUCCEEDED, FAILED or TIMED_OUT.</summary>
    public required ExecutionStatus Status { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartDate { get; init; }

    /// <summary>When it stopped.</summary>
    public required DateTimeOffset StopDate { get; init; }

    /// <summary>The input.</summary>
    public required JsonValue Input { get; init; }

    /// <summary>The output when it succeeded.</summary>
    public JsonValue? Output { get; init; }

    /// <summary>The error when it failed or timed out.</summary>
    public string? Error { get; init; }

    /// <summary>The cause when it failed or timed out.</summary>
    public string? Cause { get; init; }
}
