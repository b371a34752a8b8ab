namespace StepFlow.Tasks;

/// <summary>
/// A registered handler and how the engine calls it: on the execution's own thread (inline, the default: a handler
/// that completes at once costs no thread hop) or on a thread of its own (<see cref="RunsOffThread"/>), so that a
/// handler that blocks cannot hold the execution, its timeouts or its sibling branches and iterations.
/// </summary>
/// <remarks>
/// A handler not registered as blocking moves off the thread after a call that held it too long, and back once
/// <see cref="QuickCallsToReturn"/> calls in a row took no longer than that: a handler that was only slowed down once (a
/// pause of the whole process, a busy machine) costs a few thread hops, not a hop on every later call.
/// </remarks>
internal sealed class TaskHandlerEntry(ITaskHandler handler, bool blocking)
{
    private readonly bool _declaredBlocking = blocking;

    /// <summary>How many quick calls in a row bring a handler that was moved off the thread back onto it.</summary>
    public const int QuickCallsToReturn = 8;

    private volatile bool _runsOffThread = blocking;
    private int _quickCalls;

    public ITaskHandler Handler => handler;

    /// <summary>
    /// Whether calls go to a thread of their own: the handler was registered as blocking, or a recent call held the
    /// execution's thread for longer than <see cref="Execution.EngineOptions.BlockingHandlerThreshold"/>.
    /// </summary>
    public bool RunsOffThread => _runsOffThread;

    /// <summary>Sends later calls to a thread of their own (a call just held the execution's thread too long).</summary>
    public void MarkBlocking()
    {
        Volatile.Write(ref _quickCalls, 0);
        _runsOffThread = true;
    }

    /// <summary>Notes how long a call made off the thread held its thread; enough quick ones in a row bring the handler back.</summary>
    public void OffThreadCallEnded(bool quick)
    {
        if (_declaredBlocking)
        {
            return;
        }

        if (!quick)
        {
            Volatile.Write(ref _quickCalls, 0);
        }
        else if (Interlocked.Increment(ref _quickCalls) >= QuickCallsToReturn)
        {
            Volatile.Write(ref _quickCalls, 0);
            _runsOffThread = false;
        }
    }
}
