namespace StepFlow.Service;

/// <summary>What <see cref="StepFlowEngine.RecoverAsync"/> did.</summary>
/// <param name="Resumed">The executions that carry on from their last checkpoint.</param>
/// <param name="Unrecoverable">RUNNING executions that cannot resume, each with the reason; they stay RUNNING in the store, untouched.</param>
/// <param name="Purged">Closed executions deleted because they stopped longer ago than <see cref="Execution.EngineOptions.HistoryRetention"/>.</param>
public sealed record RecoveryReport(IReadOnlyList<string> Resumed, IReadOnlyList<UnrecoverableExecution> Unrecoverable, int Purged);

/// <summary>A RUNNING execution that could not resume.</summary>
/// <param name="ExecutionArn">The execution.</param>
/// <param name="Reason">Why.</param>
public sealed record UnrecoverableExecution(string ExecutionArn, string Reason);
