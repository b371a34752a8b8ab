namespace StepFlow.Durability;

/// <summary>
/// The store refused a durable execution's checkpoint (disk full, database gone, ...). The execution stops where its last
/// good checkpoint left it; it stays RUNNING in the store and resumes when the engine recovers.
/// </summary>
public sealed class ExecutionStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExecutionStoreException(string executionArn, Exception innerException)
        : base($"The execution store could not write a checkpoint of '{executionArn}': {innerException?.Message} " +
               "The execution stopped at its last stored checkpoint and resumes from there when the engine recovers.", innerException)
    {
        ExecutionArn = executionArn;
    }

    /// <summary>The execution whose checkpoint failed.</summary>
    public string ExecutionArn { get; }
}
