namespace StepFlow.Sqlite;

/// <summary>How hard a commit waits for the disk (SQLite's <c>synchronous</c> setting, in WAL journal mode).</summary>
public enum SqliteSynchronousMode
{
    /// <summary>
    /// A commit is durable against a crash of the process: it is in the write-ahead log when
    /// <see cref="SqliteExecutionStore.CommitAsync"/> returns. A power loss or an operating-system crash may lose the
    /// last commits (never corrupt the file); the log is synced to the disk at each checkpoint. The default.
    /// </summary>
    Normal,

    /// <summary>A commit is synced to the disk before it returns: it survives a power loss too. Slower.</summary>
    Full,
}
