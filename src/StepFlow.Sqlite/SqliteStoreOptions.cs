namespace StepFlow.Sqlite;

/// <summary>Settings of a <see cref="SqliteExecutionStore"/>. Every setting has a default; a store needs only a path.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>The defaults.</summary>
    public static SqliteStoreOptions Default { get; } = new();

    /// <summary>How hard a commit waits for the disk. Default: <see cref="SqliteSynchronousMode.Normal"/> (survives a process crash).</summary>
    public SqliteSynchronousMode Synchronous { get; init; } = SqliteSynchronousMode.Normal;

    /// <summary>
    /// How long an operation waits while another process holds the database file locked before it fails. Default: 5 seconds.
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The page size a new database file gets (SQLite's <c>page_size</c>); the benchmark harness compares sizes.</summary>
    internal int PageSize { get; init; } = 8192;

    /// <summary>
    /// The write-ahead log's size, in pages not yet copied into the database, that starts a checkpoint on the store's
    /// background thread (see <see cref="WalCheckpointer"/>); the log starts over from about four times this and never
    /// grows much past eight times this. Zero or less: no checkpoint until the store closes. SQLite's own <c>wal_autocheckpoint</c>, which would checkpoint on the commit
    /// path, is off.
    /// </summary>
    internal int WalAutoCheckpoint { get; init; } = 1000;

    /// <summary>A cap on the database size in pages (SQLite's <c>max_page_count</c>); null for none. Tests use it to fill the database.</summary>
    internal long? MaxPageCount { get; init; }
}
