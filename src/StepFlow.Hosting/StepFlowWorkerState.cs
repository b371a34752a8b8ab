namespace StepFlow.Hosting;

/// <summary>Where the hosted <see cref="StepFlowWorker"/> is in its life.</summary>
public enum StepFlowWorkerState
{
    /// <summary>The host has not started it yet.</summary>
    NotStarted = 0,

    /// <summary>Starting: recovering the store's running executions.</summary>
    Starting = 1,

    /// <summary>Running: executions start, and their timers, callbacks and activities run.</summary>
    Running = 2,

    /// <summary>The host is stopping: new executions are refused while the running ones may finish.</summary>
    Draining = 3,

    /// <summary>Stopped: what still ran stopped where it was and resumes at the next start (with a durable store).</summary>
    Stopped = 4,

    /// <summary>Starting failed (the store could not be opened or read); see <see cref="StepFlowWorker.Fault"/>.</summary>
    Faulted = 5,
}
