namespace StepFlow.Hosting;

/// <summary>The stores a hosted engine can be configured with by name.</summary>
public enum StepFlowStoreKind
{
    /// <summary><see cref="Persistence.InMemoryExecutionStore"/>: nothing survives the process.</summary>
    InMemory = 0,

    /// <summary><see cref="Sqlite.SqliteExecutionStore"/> on <see cref="StepFlowStoreOptions.Path"/>: executions survive restarts.</summary>
    Sqlite = 1,
}
