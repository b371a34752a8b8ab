using StepFlow.Persistence;

namespace StepFlow.Tests.Durability;

/// <summary>
/// A durable-looking view of a shared in-memory store, for one engine "process". <see cref="Crash"/> cuts it off as a
/// SIGKILL would: nothing the old engine writes afterwards reaches the shared store. <see cref="FailCommits"/> makes
/// commits fail like a full disk.
/// </summary>
internal sealed class CrashableStore(InMemoryExecutionStore shared) : IExecutionStore
{
    private readonly TaskCompletionSource _crashedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _crashed;
    private volatile bool _failing;

    /// <summary>Completes when the store "dies" through <see cref="CrashAfterCommit"/>.</summary>
    public Task Crashed => _crashedSignal.Task;

    public bool IsDurable => true;

    public int Commits { get; private set; }

    public void Crash() => _crashed = true;

    public void FailCommits(bool failing) => _failing = failing;

    /// <summary>The first commit that satisfies <paramref name="condition"/> is written, and then the process "dies".</summary>
    public void CrashAfterCommit(Func<IReadOnlyList<ExecutionWrite>, bool> condition) => _crashAfter = condition;

    private volatile Func<IReadOnlyList<ExecutionWrite>, bool>? _crashAfter;

    public ValueTask InitializeAsync(CancellationToken cancellationToken) => shared.InitializeAsync(cancellationToken);

    public ValueTask<ExecutionRecord?> TryCreateAsync(ExecutionRecord record, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        ThrowIfGone();
        return shared.TryCreateAsync(record, events, cancellationToken);
    }

    public ValueTask CommitAsync(IReadOnlyList<ExecutionWrite> writes, CancellationToken cancellationToken)
    {
        ThrowIfGone();
        Commits++;
        var written = shared.CommitAsync(writes, cancellationToken);
        if (!_crashed && _crashAfter is { } condition && condition(writes))
        {
            _crashed = true;
            _crashedSignal.TrySetResult();
        }

        return written;
    }

    public ValueTask<ExecutionRecord?> GetAsync(string executionArn, CancellationToken cancellationToken) => shared.GetAsync(executionArn, cancellationToken);

    public ValueTask<ExecutionRecordPage> ListAsync(ExecutionQuery query, CancellationToken cancellationToken) => shared.ListAsync(query, cancellationToken);

    public ValueTask<IReadOnlyList<ExecutionRecord>> ListRunningAsync(CancellationToken cancellationToken) => shared.ListRunningAsync(cancellationToken);

    public ValueTask<IReadOnlyList<StoredEvent>> ReadEventsAsync(string executionArn, CancellationToken cancellationToken) => shared.ReadEventsAsync(executionArn, cancellationToken);

    public ValueTask<int> PurgeAsync(DateTimeOffset stoppedBefore, CancellationToken cancellationToken) => shared.PurgeAsync(stoppedBefore, cancellationToken);

    private void ThrowIfGone()
    {
        if (_crashed)
        {
            throw new IOException("The process is gone (simulated crash).");
        }

        if (_failing)
        {
            throw new IOException("database or disk is full (simulated).");
        }
    }
}
