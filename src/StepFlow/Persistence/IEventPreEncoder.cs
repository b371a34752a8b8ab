namespace StepFlow.Persistence;

/// <summary>
/// An optional extension of <see cref="IExecutionStore"/>: a store that can put an execution's new events into its stored
/// form ahead of the commit, on the thread that recorded them, where they are still in the processor's cache. The commit
/// then only writes bytes, and the store's single writer does less.
/// </summary>
/// <remarks>
/// <para>
/// The engine checks whether its store implements this interface. For a checkpoint it encodes on the execution's thread,
/// it calls <see cref="PreEncode"/> with the checkpoint's <see cref="RecordedEvents"/> and keeps the result in
/// <see cref="RecordedEvents.PreEncoded"/>; the same <see cref="RecordedEvents"/> instance then reaches
/// <see cref="IExecutionStore.CommitAsync"/> in an <see cref="ExecutionWrite"/>'s <see cref="ExecutionWrite.Events"/>. The
/// store recognises its own result there (and checks it still describes those events) and writes it; when
/// <see cref="RecordedEvents.PreEncoded"/> is null or not its own, it encodes the events at the commit as usual. Calls
/// come from many threads at once: an implementation must be thread-safe and must not touch the store's connection.
/// </para>
/// <para>
/// Only the engine's own events are pre-encoded; events a caller commits directly never are.
/// </para>
/// </remarks>
public interface IEventPreEncoder
{
    /// <summary>The stored form of <paramref name="events"/>, which the store recognises in a later commit of them.</summary>
    /// <exception cref="ArgumentException">
    /// The events hold something the store cannot keep. The engine then hands them over as they are, and the commit
    /// fails with the store's own error.
    /// </exception>
    object PreEncode(RecordedEvents events);
}
