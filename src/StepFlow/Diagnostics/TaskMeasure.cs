namespace StepFlow.Diagnostics;

/// <summary>
/// The metrics of one task attempt: made only when a listener is attached, it records the family's Scheduled count when
/// created, Started when the task starts, and the outcome count with the schedule, run and total times when it closes.
/// Times are UTC ticks of the engine's clock.
/// </summary>
internal sealed class TaskMeasure
{
    private readonly TaskMetrics _metrics;
    private readonly KeyValuePair<string, object?> _dimension;
    private readonly long _scheduledTicks;
    private long _startedTicks = -1;

    private TaskMeasure(TaskMetrics metrics, string resource, long scheduledTicks)
    {
        _metrics = metrics;
        _dimension = new(metrics.Dimension, resource);
        _scheduledTicks = scheduledTicks;
        metrics.Scheduled.Add(1, _dimension);
    }

    /// <summary>A measure of a task of <paramref name="resource"/> scheduled now, or null when no listener wants <paramref name="metrics"/>.</summary>
    public static TaskMeasure? Schedule(TaskMetrics metrics, string resource, long scheduledTicks) =>
        metrics.Enabled ? new TaskMeasure(metrics, resource, scheduledTicks) : null;

    /// <summary>The task started (a worker took an activity task; a handler was called).</summary>
    public void Start(long startedTicks)
    {
        _startedTicks = startedTicks;
        _metrics.Started.Add(1, _dimension);
        _metrics.ScheduleTime.Record(Milliseconds(startedTicks - _scheduledTicks), _dimension);
    }

    /// <summary>The task closed: <paramref name="error"/> is null when it succeeded.</summary>
    public void Close(string? error, long closedTicks)
    {
        if (error is null)
        {
            _metrics.Succeeded.Add(1, _dimension);
        }
        else if (error == Errors.StatesErrorNames.Timeout)
        {
            _metrics.TimedOut.Add(1, _dimension);
        }
        else if (error == Errors.StatesErrorNames.HeartbeatTimeout)
        {
            _metrics.TimedOut.Add(1, _dimension);
            _metrics.HeartbeatTimedOut?.Add(1, _dimension);
        }
        else
        {
            _metrics.Failed.Add(1, _dimension);
        }

        if (_startedTicks >= 0)
        {
            _metrics.RunTime.Record(Milliseconds(closedTicks - _startedTicks), _dimension);
        }

        _metrics.Time.Record(Milliseconds(closedTicks - _scheduledTicks), _dimension);
    }

    private static double Milliseconds(long ticks) => Math.Max(0, ticks) / (double)TimeSpan.TicksPerMillisecond;
}
