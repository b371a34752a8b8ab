using Microsoft.Extensions.Logging;

namespace StepFlow.Diagnostics;

/// <summary>
/// Every log record the engine writes, source-generated, with stable event ids (docs/observability.md has the table):
/// 1xxx executions, 2xxx states, 3xxx tasks and retries, 4xxx recovery, 5xxx the execution store. Records that carry
/// payloads (input, output, cause) are separate events, written only when <c>EngineOptions.TelemetryIncludesPayloads</c> is on.
/// </summary>
internal static partial class EngineLog
{
    [LoggerMessage(1000, LogLevel.Information, "Execution {ExecutionArn} of {StateMachineArn} started.")]
    public static partial void ExecutionStarted(ILogger logger, string executionArn, string stateMachineArn);

    [LoggerMessage(1001, LogLevel.Information, "Execution {ExecutionArn} succeeded after {DurationMs} ms.")]
    public static partial void ExecutionSucceeded(ILogger logger, string executionArn, double durationMs);

    [LoggerMessage(1002, LogLevel.Warning, "Execution {ExecutionArn} failed with {Error} after {DurationMs} ms.")]
    public static partial void ExecutionFailed(ILogger logger, string executionArn, string? error, double durationMs);

    [LoggerMessage(1003, LogLevel.Warning, "Execution {ExecutionArn} timed out after {DurationMs} ms.")]
    public static partial void ExecutionTimedOut(ILogger logger, string executionArn, double durationMs);

    [LoggerMessage(1004, LogLevel.Warning, "Execution {ExecutionArn} was aborted (error {Error}) after {DurationMs} ms.")]
    public static partial void ExecutionAborted(ILogger logger, string executionArn, string? error, double durationMs);

    [LoggerMessage(1005, LogLevel.Information, "Execution {ExecutionArn} was suspended; it resumes when the engine recovers its store.")]
    public static partial void ExecutionSuspended(ILogger logger, string executionArn);

    [LoggerMessage(1006, LogLevel.Information, "Execution {ExecutionArn} was redriven (redrive {RedriveCount}).")]
    public static partial void ExecutionRedriven(ILogger logger, string executionArn, int redriveCount);

    [LoggerMessage(1010, LogLevel.Information, "Execution {ExecutionArn} input: {Input}")]
    public static partial void ExecutionInput(ILogger logger, string executionArn, string input);

    [LoggerMessage(1011, LogLevel.Information, "Execution {ExecutionArn} output: {Output}")]
    public static partial void ExecutionOutput(ILogger logger, string executionArn, string output);

    [LoggerMessage(1012, LogLevel.Warning, "Execution {ExecutionArn} failed with {Error}: {Cause}")]
    public static partial void ExecutionCause(ILogger logger, string executionArn, string? error, string cause);

    [LoggerMessage(2000, LogLevel.Debug, "Execution {ExecutionArn} entered state {StateName} ({StateType}).")]
    public static partial void StateEntered(ILogger logger, string executionArn, string stateName, string stateType);

    [LoggerMessage(2001, LogLevel.Debug, "Execution {ExecutionArn} exited state {StateName}.")]
    public static partial void StateExited(ILogger logger, string executionArn, string stateName);

    [LoggerMessage(2002, LogLevel.Debug, "Execution {ExecutionArn} left state {StateName} with {Error}.")]
    public static partial void StateFailed(ILogger logger, string executionArn, string stateName, string? error);

    [LoggerMessage(3000, LogLevel.Information, "Execution {ExecutionArn} retries state {StateName} after {Error} (retry {RetryCount}, in {DelayMs} ms).")]
    public static partial void StateRetrying(ILogger logger, string executionArn, string stateName, string error, int retryCount, double delayMs);

    [LoggerMessage(3001, LogLevel.Warning, "Execution {ExecutionArn}: task {StateName} ({Resource}) failed with {Error}.")]
    public static partial void TaskFailed(ILogger logger, string executionArn, string stateName, string resource, string? error);

    [LoggerMessage(3002, LogLevel.Warning, "Execution {ExecutionArn}: task {StateName} ({Resource}) failed with {Error}: {Cause}")]
    public static partial void TaskFailedCause(ILogger logger, string executionArn, string stateName, string resource, string? error, string cause);

    [LoggerMessage(4000, LogLevel.Information, "Execution {ExecutionArn} resumed from the store.")]
    public static partial void ExecutionResumed(ILogger logger, string executionArn);

    [LoggerMessage(4001, LogLevel.Error, "Execution {ExecutionArn} cannot be resumed: {Reason}")]
    public static partial void ExecutionUnrecoverable(ILogger logger, string executionArn, string reason);

    [LoggerMessage(5000, LogLevel.Error, "The execution store failed for execution {ExecutionArn}; it stopped at its last checkpoint and resumes on recovery.")]
    public static partial void StoreFault(ILogger logger, Exception exception, string executionArn);
}
