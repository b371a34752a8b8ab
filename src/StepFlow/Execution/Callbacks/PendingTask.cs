using StepFlow.History;
using StepFlow.Json;

namespace StepFlow.Execution.Callbacks;

/// <summary>
/// A Task that waits for an answer by token: a <c>.waitForTaskToken</c> callback or an activity task.
/// Completed at most once; whoever removes it from the <see cref="TaskTokenRegistry"/> owns the answer.
/// </summary>
internal sealed class PendingTask
{
    private const int Queued = 0;
    private const int Started = 1;
    private const int Closed = 2;

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _phase;
    private long _lastHeartbeatTicks;

    public PendingTask(string token, HistoryRecorder history, string stateName, JsonValue input, bool isActivity, long nowTicks)
    {
        Token = token;
        History = history;
        StateName = stateName;
        Input = input;
        IsActivity = isActivity;

        // A callback's heartbeat clock runs from the start; an activity's from when a worker picks it up.
        if (!isActivity)
        {
            _phase = Started;
            _lastHeartbeatTicks = nowTicks;
            _started.SetResult();
        }
    }

    public string Token { get; }

    /// <summary>Records an activity's ActivityStarted event (its details, the time in UTC ticks) when a worker takes the task.</summary>
    public Action<JsonObject?, long>? RecordStarted { get; init; }

    /// <summary>Whether an answer is acknowledged only once the execution has committed it (durable executions).</summary>
    public bool AwaitsCheckpoint { get; init; }

    /// <summary>Completes when the task's outcome is committed (or the task ended without one).</summary>
    public TaskCompletionSource Checkpointed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HistoryRecorder History { get; }

    public string StateName { get; }

    public JsonValue Input { get; }

    public bool IsActivity { get; }

    /// <summary>The answer: the output, or a <see cref="Errors.StatesErrorException"/> from SendTaskFailure.</summary>
    public TaskCompletionSource<JsonValue> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a worker has picked the task up (at once for callbacks).</summary>
    public Task StartedTask => _started.Task;

    /// <summary>When the heartbeat clock last restarted, or null while an activity is still queued.</summary>
    public DateTimeOffset? LastHeartbeat
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastHeartbeatTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void Heartbeat(long nowTicks)
    {
        if (Volatile.Read(ref _phase) == Started)
        {
            Interlocked.Exchange(ref _lastHeartbeatTicks, nowTicks);
        }
    }

    /// <summary>Hands a queued activity task to a worker; false when it is already taken or closed.</summary>
    public bool TryStart(long nowTicks)
    {
        if (Interlocked.CompareExchange(ref _phase, Started, Queued) != Queued)
        {
            return false;
        }

        Interlocked.Exchange(ref _lastHeartbeatTicks, nowTicks);
        _started.TrySetResult();
        return true;
    }

    public bool IsClosed => Volatile.Read(ref _phase) == Closed;

    public void MarkClosed() => Volatile.Write(ref _phase, Closed);
}
