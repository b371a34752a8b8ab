using System.Diagnostics.Metrics;

namespace StepFlow.Diagnostics;

/// <summary>
/// The instruments of one of AWS's task families (Activity, LambdaFunction, ServiceIntegration): counts of scheduled,
/// started, succeeded, failed and timed-out tasks and the schedule, run and total times in milliseconds, all with the
/// family's AWS dimension.
/// </summary>
internal sealed class TaskMetrics
{
    public TaskMetrics(Meter meter, string family, string plural, string dimension, bool heartbeat = false)
    {
        Dimension = dimension;
        Scheduled = meter.CreateCounter<long>(plural + "Scheduled", "{task}", $"{family} tasks scheduled.");
        Started = meter.CreateCounter<long>(plural + "Started", "{task}", $"{family} tasks started.");
        Succeeded = meter.CreateCounter<long>(plural + "Succeeded", "{task}", $"{family} tasks that succeeded.");
        Failed = meter.CreateCounter<long>(plural + "Failed", "{task}", $"{family} tasks that failed.");
        TimedOut = meter.CreateCounter<long>(plural + "TimedOut", "{task}", $"{family} tasks that timed out.");
        HeartbeatTimedOut = heartbeat ? meter.CreateCounter<long>(plural + "HeartbeatTimedOut", "{task}", $"{family} tasks whose heartbeat timed out.") : null;
        ScheduleTime = meter.CreateHistogram<double>(family + "ScheduleTime", "ms", $"Time {family} tasks stayed scheduled before they started.");
        RunTime = meter.CreateHistogram<double>(family + "RunTime", "ms", $"Time {family} tasks ran, from start to close.");
        Time = meter.CreateHistogram<double>(family + "Time", "ms", $"Time {family} tasks took, from scheduling to close.");
    }

    /// <summary>The AWS dimension the family's metrics carry.</summary>
    public string Dimension { get; }

    public Counter<long> Scheduled { get; }

    public Counter<long> Started { get; }

    public Counter<long> Succeeded { get; }

    public Counter<long> Failed { get; }

    public Counter<long> TimedOut { get; }

    public Counter<long>? HeartbeatTimedOut { get; }

    public Histogram<double> ScheduleTime { get; }

    public Histogram<double> RunTime { get; }

    public Histogram<double> Time { get; }

    /// <summary>Whether any of the family's instruments has a listener.</summary>
    public bool Enabled =>
        Scheduled.Enabled || Started.Enabled || Succeeded.Enabled || Failed.Enabled || TimedOut.Enabled ||
        (HeartbeatTimedOut?.Enabled ?? false) || ScheduleTime.Enabled || RunTime.Enabled || Time.Enabled;
}
