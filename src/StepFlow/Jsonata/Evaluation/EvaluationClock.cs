namespace StepFlow.Jsonata.Evaluation;

/// <summary>
/// Measures one evaluation against its time limit, on the clock <see cref="JsonataOptions.TimeMeasure"/> names. The
/// clock is first read at the first check (after 256 steps), so an evaluation that finishes sooner never reads it.
/// A mutable struct held in a field of the evaluator: no allocation per evaluation.
/// </summary>
internal struct EvaluationClock
{
    private readonly TimeSpan? _limit;
    private readonly JsonataTimeMeasure _measure;
    private readonly TimeProvider _time;
    private bool _started;
    private long _wallDeadline;
    private TimeSpan _cpuDeadline;

    private EvaluationClock(TimeSpan? limit, JsonataTimeMeasure measure, TimeProvider time)
    {
        _limit = limit;
        _measure = measure == JsonataTimeMeasure.ThreadCpuTime && !ThreadCpuTime.IsSupported ? JsonataTimeMeasure.WallClock : measure;
        _time = time;
        _started = false;
        _wallDeadline = 0;
        _cpuDeadline = TimeSpan.Zero;
    }

    /// <summary>A clock for one evaluation; without a limit it never expires.</summary>
    public static EvaluationClock Start(TimeSpan? limit, JsonataTimeMeasure measure, TimeProvider time) => new(limit, measure, time);

    /// <summary>True once the evaluation has used its time limit.</summary>
    public bool Expired()
    {
        if (_limit is not { } limit)
        {
            return false;
        }

        if (!_started)
        {
            _started = true;
            if (_measure == JsonataTimeMeasure.ThreadCpuTime)
            {
                _cpuDeadline = ThreadCpuTime.Current() + limit;
            }
            else
            {
                _wallDeadline = _time.GetTimestamp() + (long)(limit.TotalSeconds * _time.TimestampFrequency);
            }

            return limit <= TimeSpan.Zero;
        }

        return _measure == JsonataTimeMeasure.ThreadCpuTime
            ? ThreadCpuTime.Current() > _cpuDeadline
            : _time.GetTimestamp() > _wallDeadline;
    }
}
