using StepFlow.Execution;
using StepFlow.Persistence;

namespace StepFlow.Service;

/// <summary>An execution this engine is running now: its run, how to stop it, and when it has closed.</summary>
internal sealed class LiveExecution
{
    public LiveExecution(RunContext run, ExecutionRecord record)
    {
        Run = run;
        Record = record;
    }

    public RunContext Run { get; }

    /// <summary>The record as it is while the execution runs.</summary>
    public ExecutionRecord Record { get; }

    public CancellationTokenSource Stop { get; } = new();

    /// <summary>Completes once the execution's end is written to the store (or it was suspended).</summary>
    public TaskCompletionSource<ExecutionRecord> Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
