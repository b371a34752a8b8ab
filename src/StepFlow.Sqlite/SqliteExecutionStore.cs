using Microsoft.Data.Sqlite;
using StepFlow.Persistence;

namespace StepFlow.Sqlite;

/// <summary>
/// Keeps executions and their history in one SQLite file, so that they survive the process: a durable
/// <see cref="IExecutionStore"/>. Create it with the file's path; the file and its schema are created on first use.
/// </summary>
/// <remarks>
/// <para>
/// Every commit is one SQLite transaction in write-ahead-log mode. With the default
/// <see cref="SqliteSynchronousMode.Normal"/> a commit survives a crash of the process; a power loss may lose the last
/// commits but never corrupts the file. <see cref="SqliteSynchronousMode.Full"/> survives a power loss too.
/// </para>
/// <para>
/// A file that is not a StepFlow store (random bytes, another application's database, a store written by a newer
/// StepFlow) is refused with a <see cref="StoreSchemaException"/> and left untouched. A full disk fails the commit
/// with an <see cref="IOException"/>, writes nothing of it, and the store works again once there is space.
/// </para>
/// <para>
/// Thread-safe: operations run one at a time on one connection; a second connection copies the write-ahead log into
/// the database on a background thread, off the commits. One store owns a file: it holds the lock file
/// <c>&lt;path&gt;-lock</c> while open, and a second store on the file, in any process, gets an <see cref="IOException"/>.
/// </para>
/// </remarks>
public sealed class SqliteExecutionStore : IExecutionStore, IEventPreEncoder, IDisposable, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteStoreOptions _options;
    private SqliteStoreSession? _session;
    private bool _disposed;

    /// <summary>Creates a store kept in the SQLite file at <paramref name="path"/> (created, with its directory, when missing).</summary>
    /// <param name="path">The database file.</param>
    /// <param name="options">Settings; null for <see cref="SqliteStoreOptions.Default"/>.</param>
    public SqliteExecutionStore(string path, SqliteStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _options = options ?? SqliteStoreOptions.Default;
        if (_options.BusyTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.BusyTimeout, "The busy timeout must not be negative.");
        }
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public bool IsDurable => true;

    /// <summary>The open session's checkpointer; null before the file is opened or after it is closed (for tests).</summary>
    internal WalCheckpointer? Checkpointer => _session?.Checkpointer;

    /// <inheritdoc />
    /// <remarks>Opens the file and checks (or creates) its schema. Other operations do this on first use too.</remarks>
    /// <exception cref="StoreSchemaException">The file is not a StepFlow store this version can use; it was not changed.</exception>
    /// <exception cref="UnauthorizedAccessException">The file is read-only.</exception>
    public ValueTask InitializeAsync(CancellationToken cancellationToken) => RunAsync("opening the store", false, _ => 0, cancellationToken).AsVoid();

    /// <inheritdoc />
    object IEventPreEncoder.PreEncode(RecordedEvents events) => EncodedChunks.Encode(events);

    /// <inheritdoc />
    public ValueTask<ExecutionRecord?> TryCreateAsync(ExecutionRecord record, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(events);
        return RunAsync($"creating execution '{record.ExecutionArn}'", true, s => s.TryCreate(record, events), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A write names an unknown execution or its event ids do not continue the stored ones; nothing was written.</exception>
    /// <exception cref="IOException">The disk is full (or failed); nothing was written.</exception>
    public ValueTask CommitAsync(IReadOnlyList<ExecutionWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return RunAsync("the commit", true, s =>
        {
            s.Commit(writes);
            return 0;
        }, cancellationToken).AsVoid();
    }

    /// <inheritdoc />
    public ValueTask<ExecutionRecord?> GetAsync(string executionArn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executionArn);
        return RunAsync($"reading execution '{executionArn}'", false, s => s.Get(executionArn), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="FormatException">The continuation is not one this store returned.</exception>
    public ValueTask<ExecutionRecordPage> ListAsync(ExecutionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = ListContinuation.Parse(query.Continuation);
        if (query.Limit <= 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(new ExecutionRecordPage([], null));
        }

        return RunAsync("listing executions", false, s => s.List(query, after), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ExecutionRecord>> ListRunningAsync(CancellationToken cancellationToken) =>
        RunAsync("listing running executions", false, s => s.ListRunning(), cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredEvent>> ReadEventsAsync(string executionArn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executionArn);
        return RunAsync($"reading the events of '{executionArn}'", false, s => s.ReadEvents(executionArn), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<int> PurgeAsync(DateTimeOffset stoppedBefore, CancellationToken cancellationToken) =>
        RunAsync("the purge", true, s => s.Purge(stoppedBefore), cancellationToken);

    /// <summary>Closes the file. Operations after this throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _disposed = true;
            _session?.Dispose();
            _session = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc cref="Dispose" />
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            _session?.Dispose();
            _session = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<T> RunAsync<T>(string operation, bool writes, Func<SqliteStoreSession, T> action, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                return action(_session ??= OpenSession());
            }
            catch (SqliteException e)
            {
                throw SqliteErrors.Translate(e, Path, operation, writes);
            }
            finally
            {
                if (_session is { Broken: true })
                {
                    _session.Dispose();
                    _session = null;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private SqliteStoreSession OpenSession()
    {
        if (File.Exists(Path) && (File.GetAttributes(Path) & FileAttributes.ReadOnly) != 0)
        {
            throw new UnauthorizedAccessException(
                $"The StepFlow store '{Path}' is a read-only file; the store writes every commit to it. Make it writable or use another file.");
        }

        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        return SqliteStoreSession.Open(Path, _options);
    }
}
