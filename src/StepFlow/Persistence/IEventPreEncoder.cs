namespace StepFlow.Persistence;

/// <summary>
/// A store that can put an execution's new events into its stored form ahead of the commit, on the thread that
/// recorded them, where they are still in the processor's cache: the commit then only writes bytes, and the store's
/// single writer does less. Only for the engine's own events (<see cref="RecordedEvents"/>).
/// </summary>
internal interface IEventPreEncoder
{
    /// <summary>The stored form of <paramref name="events"/>, which the store recognises in a later commit of them.</summary>
    /// <exception cref="ArgumentException">
    /// The events hold something the store cannot keep. The engine then hands them over as they are, and the commit
    /// fails with the store's own error.
    /// </exception>
    object PreEncode(RecordedEvents events);
}
