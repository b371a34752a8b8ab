using StepFlow.Persistence;

namespace StepFlow.Tests.Durability;

/// <summary>
/// An in-memory store whose creations can be held (<see cref="HoldCreates"/>), made to fail like a full disk
/// (<see cref="FailCreates"/>), and whose reads can hide an execution (<see cref="Hide"/>), as a store written by another
/// party between a read and a create would.
/// </summary>
internal sealed class GatedCreateStore : IExecutionStore
{
    private readonly InMemoryExecutionStore _inner = new();
    private readonly TaskCompletionSource _createEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _hold;
    private volatile bool _failing;
    private volatile string? _hidden;

    public bool IsDurable => true;

    /// <summary>The store underneath, for checking what was written.</summary>
    public InMemoryExecutionStore Inner => _inner;

    /// <summary>Completes when a creation has started.</summary>
    public Task CreateEntered => _createEntered.Task;

    public void HoldCreates() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseCreates() => _hold?.TrySetResult();

    public void FailCreates(bool failing) => _failing = failing;

    public void Hide(string executionArn) => _hidden = executionArn;

    public ValueTask InitializeAsync(CancellationToken cancellationToken) => _inner.InitializeAsync(cancellationToken);

    public async ValueTask<ExecutionRecord?> TryCreateAsync(ExecutionRecord record, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        _createEntered.TrySetResult();
        if (_hold is { } hold)
        {
            await hold.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        if (_failing)
        {
            throw new IOException("database or disk is full (simulated).");
        }

        return await _inner.TryCreateAsync(record, events, cancellationToken);
    }

    public ValueTask CommitAsync(IReadOnlyList<ExecutionWrite> writes, CancellationToken cancellationToken) => _inner.CommitAsync(writes, cancellationToken);

    public ValueTask<ExecutionRecord?> GetAsync(string executionArn, CancellationToken cancellationToken) =>
        executionArn == _hidden ? ValueTask.FromResult<ExecutionRecord?>(null) : _inner.GetAsync(executionArn, cancellationToken);

    public ValueTask<ExecutionRecordPage> ListAsync(ExecutionQuery query, CancellationToken cancellationToken) => _inner.ListAsync(query, cancellationToken);

    public ValueTask<IReadOnlyList<ExecutionRecord>> ListRunningAsync(CancellationToken cancellationToken) => _inner.ListRunningAsync(cancellationToken);

    public ValueTask<IReadOnlyList<StoredEvent>> ReadEventsAsync(string executionArn, CancellationToken cancellationToken) =>
        _inner.ReadEventsAsync(executionArn, cancellationToken);

    public ValueTask<int> PurgeAsync(DateTimeOffset stoppedBefore, CancellationToken cancellationToken) => _inner.PurgeAsync(stoppedBefore, cancellationToken);
}
