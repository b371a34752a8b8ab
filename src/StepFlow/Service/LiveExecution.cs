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

    /// <summary>
    /// Completes once the execution is in the store; fails when it could not be created there. Complete from the start
    /// for an execution the store already held (resumed or redriven).
    /// </summary>
    public Task Created { get; set; } = Task.CompletedTask;

    /// <summary>Guards <see cref="Abandoned"/> and <see cref="StalledWith"/> with the service's record of stalled executions.</summary>
    public object Gate { get; } = new();

    /// <summary>Set when the execution could not be created in the store: its run is dropped, and nothing of it remains.</summary>
    public bool Abandoned { get; set; }

    /// <summary>The store error the run stopped on, if it did.</summary>
    public Durability.ExecutionStoreException? StalledWith { get; set; }

    /// <summary>Completes once the execution's end is written to the store (or it was suspended).</summary>
    public TaskCompletionSource<ExecutionRecord> Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
