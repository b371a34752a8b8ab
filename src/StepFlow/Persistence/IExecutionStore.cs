namespace StepFlow.Persistence;

/// <summary>
/// Where executions live: their records and their history events. The engine is the only writer of an execution
/// while it runs; every write goes through <see cref="CommitAsync"/>, which must be atomic across all the executions
/// in one batch (that is how the engine batches durability across executions). Implementations must be thread-safe.
/// </summary>
/// <remarks>
/// The events are the journal from which an interrupted execution resumes: a store must return exactly what was
/// committed, in id order. A store shared by several processes would add leases on executions; today one engine
/// owns a store.
/// </remarks>
public interface IExecutionStore
{
    /// <summary>Whether a commit survives a process crash (a file or server store) or not (memory).</summary>
    bool IsDurable { get; }

    /// <summary>Prepares the store (creates or checks its schema). Throws <see cref="StoreSchemaException"/> on foreign data.</summary>
    ValueTask InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds a new execution with its first events, unless one with the same ARN exists: then nothing is written
    /// and the existing record is returned.
    /// </summary>
    ValueTask<ExecutionRecord?> TryCreateAsync(ExecutionRecord record, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken);

    /// <summary>Writes every part of <paramref name="writes"/> atomically.</summary>
    ValueTask CommitAsync(IReadOnlyList<ExecutionWrite> writes, CancellationToken cancellationToken);

    /// <summary>The execution's record, or null.</summary>
    ValueTask<ExecutionRecord?> GetAsync(string executionArn, CancellationToken cancellationToken);

    /// <summary>One page of a state machine's executions, newest first.</summary>
    ValueTask<ExecutionRecordPage> ListAsync(ExecutionQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Every execution whose status is RUNNING (to resume after a restart). A record the store cannot read back (damaged
    /// data) is listed all the same, as far as it can be read, with the error
    /// <see cref="Service.UnrecoverableExecution.QuarantinedError"/> and the damage as its cause, and its data left as it is:
    /// one damaged execution must not keep the others from resuming.
    /// </summary>
    ValueTask<IReadOnlyList<ExecutionRecord>> ListRunningAsync(CancellationToken cancellationToken);

    /// <summary>The execution's events in id order (empty when it has none or does not exist).</summary>
    ValueTask<IReadOnlyList<StoredEvent>> ReadEventsAsync(string executionArn, CancellationToken cancellationToken);

    /// <summary>Deletes closed executions that stopped before <paramref name="stoppedBefore"/>; returns how many.</summary>
    ValueTask<int> PurgeAsync(DateTimeOffset stoppedBefore, CancellationToken cancellationToken);
}
