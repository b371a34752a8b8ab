using StepFlow.History;
using StepFlow.Json;
using StepFlow.Persistence;

namespace StepFlow.Execution;

/// <summary>The outcome of an execution: status, output or error and cause, and the history.</summary>
public sealed class ExecutionResult
{
    internal ExecutionResult(
        Func<string> executionArn,
        ExecutionStatus status,
        JsonValue? output,
        string? error,
        string? cause,
        IReadOnlyList<HistoryEvent> history,
        long stateTransitions,
        DateTimeOffset startDate,
        DateTimeOffset stopDate)
    {
        _executionArn = executionArn;
        Status = status;
        Output = output;
        Error = error;
        Cause = cause;
        History = history;
        StateTransitions = stateTransitions;
        StartDate = startDate;
        StopDate = stopDate;
    }

    private readonly Func<string> _executionArn;

    /// <summary>The execution's ARN.</summary>
    public string ExecutionArn => _executionArn();

    /// <summary>How the execution ended.</summary>
    public ExecutionStatus Status { get; }

    /// <summary>The output when <see cref="Status"/> is <see cref="ExecutionStatus.Succeeded"/>.</summary>
    public JsonValue? Output { get; }

    /// <summary>The error name when the execution failed, timed out or was aborted.</summary>
    public string? Error { get; }

    /// <summary>The cause when the execution failed, timed out or was aborted.</summary>
    public string? Cause { get; }

    /// <summary>The history events, in order (empty when history recording is off).</summary>
    public IReadOnlyList<HistoryEvent> History { get; }

    /// <summary>The number of states entered, nested ones included.</summary>
    public long StateTransitions { get; }

    /// <summary>When the execution started, by the engine's TimeProvider.</summary>
    public DateTimeOffset StartDate { get; }

    /// <summary>When the execution stopped, by the engine's TimeProvider.</summary>
    public DateTimeOffset StopDate { get; }
}
