namespace StepFlow.Execution;

/// <summary>
/// One graph's clock reading, shared by a run of state entries that complete without waiting. Reading the clock costs
/// 15–25 ns on virtual machines, as much as a small Pass state's other work; a run of such states takes well under a
/// microsecond each, so up to <see cref="Shares"/> of them share a reading taken a few microseconds earlier (history
/// timestamps have millisecond precision). A state that may wait always reads the clock, and so does the state after
/// it. A mutable struct held in a field of its <see cref="Frame"/>: it allocates nothing and is never copied.
/// </summary>
internal struct SharedClock
{
    /// <summary>How many further entries into states that complete without waiting may share one reading.</summary>
    public const int Shares = 7;

    private DateTimeOffset _reading;
    private int _sharesLeft;

    /// <summary>The time of an entry into a state: the shared reading when it may be shared, else a new one.</summary>
    /// <param name="time">The engine's clock.</param>
    /// <param name="completesWithoutWaiting">True for Pass, Choice, Succeed and Fail.</param>
    public DateTimeOffset EntryTime(TimeProvider time, bool completesWithoutWaiting)
    {
        if (completesWithoutWaiting && _sharesLeft > 0)
        {
            _sharesLeft--;
            return _reading;
        }

        _reading = time.GetUtcNow();
        _sharesLeft = completesWithoutWaiting ? Shares : 0;
        return _reading;
    }

    /// <summary>Lets the next entries share a reading just taken elsewhere.</summary>
    public void Share(DateTimeOffset now)
    {
        _reading = now;
        _sharesLeft = Shares;
    }

    /// <summary>The shared reading's ticks when it may still be shared (using up one share), otherwise 0.</summary>
    public long TakeSharedTicks()
    {
        if (_sharesLeft > 0)
        {
            _sharesLeft--;
            return _reading.UtcTicks;
        }

        return 0;
    }
}
