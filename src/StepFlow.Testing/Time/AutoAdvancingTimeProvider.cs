namespace StepFlow.Testing.Time;

/// <summary>
/// A deterministic fake clock that never makes anyone wait. It starts at a given instant and only
/// moves when a timer is scheduled: creating (or changing) a timer with a finite due time advances the
/// clock to <c>max(now, now + dueTime)</c> and fires the callback promptly on the thread pool. So
/// <c>Task.Delay(TimeSpan.FromHours(1), provider)</c> completes at once while <see cref="GetUtcNow"/>
/// moves forward by an hour.
/// </summary>
/// <remarks>
/// <para>
/// Timers with an infinite due time never fire. A periodic timer fires again after each callback,
/// advancing the clock by its period each time, until it is changed or disposed.
/// </para>
/// <para>
/// This is sound for code that only creates timers to wait (ASL Wait states, retry back-off) and for
/// races whose other side completes synchronously. A timer that races genuinely pending work (for
/// example a task timeout around an asynchronous handler) always wins, because the clock skips ahead.
/// </para>
/// </remarks>
public sealed class AutoAdvancingTimeProvider : TimeProvider
{
    /// <summary>The default start instant: 2024-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private DateTimeOffset _now;
    private long _timersFired;

    /// <summary>Creates a clock that starts at <see cref="DefaultStart"/>.</summary>
    public AutoAdvancingTimeProvider()
        : this(DefaultStart)
    {
    }

    /// <summary>Creates a clock that starts at <paramref name="start"/> (converted to UTC).</summary>
    public AutoAdvancingTimeProvider(DateTimeOffset start) => _now = start.ToUniversalTime();

    /// <summary>The number of timer callbacks fired so far.</summary>
    public long TimersFired => Interlocked.Read(ref _timersFired);

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Moves the clock forward by <paramref name="delta"/> without firing anything.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_gate)
        {
            _now += delta;
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ValidateInterval(dueTime, nameof(dueTime));
        ValidateInterval(period, nameof(period));
        var timer = new AutoTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private static void ValidateInterval(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, "The interval must be non-negative or Timeout.InfiniteTimeSpan.");
        }
    }

    private void AdvanceBy(TimeSpan delta)
    {
        lock (_gate)
        {
            var target = _now + delta;
            if (target > _now)
            {
                _now = target;
            }
        }
    }

    private sealed class AutoTimer(AutoAdvancingTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private readonly Lock _gate = new();
        private long _generation;
        private bool _disposed;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            ValidateInterval(dueTime, nameof(dueTime));
            ValidateInterval(period, nameof(period));
            long generation;
            lock (_gate)
            {
                if (_disposed)
                {
                    return false;
                }

                generation = ++_generation;
                _period = period;
            }

            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                Schedule(dueTime, generation);
            }

            return true;
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _generation++;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private bool IsCurrent(long generation)
        {
            lock (_gate)
            {
                return !_disposed && _generation == generation;
            }
        }

        private void Schedule(TimeSpan delay, long generation)
        {
            owner.AdvanceBy(delay);
            ThreadPool.UnsafeQueueUserWorkItem(static s => s.Timer.Fire(s.Generation), (Timer: this, Generation: generation), preferLocal: false);
        }

        private void Fire(long generation)
        {
            if (!IsCurrent(generation))
            {
                return;
            }

            Interlocked.Increment(ref owner._timersFired);
            callback(state);

            TimeSpan period;
            lock (_gate)
            {
                if (_disposed || _generation != generation)
                {
                    return;
                }

                period = _period;
            }

            if (period != Timeout.InfiniteTimeSpan && period > TimeSpan.Zero)
            {
                Schedule(period, generation);
            }
        }
    }
}
