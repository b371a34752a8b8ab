namespace StepFlow.Service;

/// <summary>What <see cref="StepFlowEngine.RecoverAsync"/> did.</summary>
/// <param name="Resumed">The executions that carry on from their last checkpoint.</param>
/// <param name="Unrecoverable">
/// RUNNING executions that cannot resume, each with the reason. They stay RUNNING in the store with all their data. One
/// whose stored history is damaged is quarantined: marked so (its record's error is
/// <see cref="UnrecoverableExecution.QuarantinedError"/>, its cause the reason) and listed here at every later recovery
/// without being read again.
/// </param>
/// <param name="Purged">Closed executions deleted because they stopped longer ago than <see cref="Execution.EngineOptions.HistoryRetention"/>.</param>
public sealed record RecoveryReport(IReadOnlyList<string> Resumed, IReadOnlyList<UnrecoverableExecution> Unrecoverable, int Purged);

/// <summary>A RUNNING execution that could not resume.</summary>
/// <param name="ExecutionArn">The execution.</param>
/// <param name="Reason">Why.</param>
/// <param name="Quarantined">
/// True when the execution is quarantined: its stored history is damaged, so recovery does not try it again; its data is
/// kept (it stays RUNNING, so retention never purges it) for whoever repairs or inspects the store.
/// </param>
public sealed record UnrecoverableExecution(string ExecutionArn, string Reason, bool Quarantined = false)
{
    /// <summary>The error a quarantined execution's record carries (while its status stays RUNNING); the cause is the reason.</summary>
    public const string QuarantinedError = "StepFlow.Quarantined";
}
