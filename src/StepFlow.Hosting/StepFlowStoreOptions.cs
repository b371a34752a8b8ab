using StepFlow.Sqlite;

namespace StepFlow.Hosting;

/// <summary>Where a hosted engine keeps its executions: configuration section <c>"StepFlow:Store"</c>.</summary>
public sealed class StepFlowStoreOptions
{
    /// <summary>The kind of store (<c>"InMemory"</c> or <c>"Sqlite"</c>); <see cref="StepFlowStoreKind.InMemory"/> by default.</summary>
    public StepFlowStoreKind Kind { get; set; } = StepFlowStoreKind.InMemory;

    /// <summary>The SQLite database file, relative to the host's content root (<c>IHostEnvironment.ContentRootPath</c>) or absolute; required for <c>Sqlite</c>.</summary>
    public string? Path { get; set; }

    /// <summary>SQLite's synchronous mode; <see cref="SqliteStoreOptions.Synchronous"/>'s default when not set.</summary>
    public SqliteSynchronousMode? Synchronous { get; set; }

    /// <summary>How long SQLite waits for a lock held elsewhere; <see cref="SqliteStoreOptions.BusyTimeout"/>'s default when not set.</summary>
    public TimeSpan? BusyTimeout { get; set; }
}
