namespace StepFlow.Service;

/// <summary>What StartExecution returns.</summary>
/// <param name="ExecutionArn">The new (or, for an idempotent repeat, the original) execution's ARN.</param>
/// <param name="StartDate">When the execution started.</param>
public sealed record StartExecutionResult(string ExecutionArn, DateTimeOffset StartDate);
