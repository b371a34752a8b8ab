using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace StepFlow.Sqlite;

/// <summary>
/// Copies the write-ahead log into the database file on a thread of its own, through a second connection, so that a
/// commit does not wait for the copy and its fsyncs. SQLite's automatic checkpoint (which runs inside the commit that
/// crosses <c>wal_autocheckpoint</c>) is off on both connections.
/// </summary>
/// <remarks>
/// <para>
/// The writer counts the pages it appends to the log (<see cref="Committed"/>). Once the log holds
/// <see cref="SqliteStoreOptions.WalAutoCheckpoint"/> pages (the threshold) not yet in the database, the checkpointer
/// copies them with a passive checkpoint, which runs beside the writer's commits, and syncs the database file.
/// </para>
/// <para>
/// SQLite starts the log over from its beginning only when a transaction begins on a log that is wholly in the
/// database, which never happens while commits arrive during every checkpoint. So once the log is four thresholds long,
/// the checkpointer copies again until at most a quarter of a threshold is left, and the writer copies that rest
/// itself after its next commit (a few pages and two small fsyncs): its next transaction starts the log over. Should the
/// checkpointer fall behind (a disk slower than the commits), the writer waits for it and copies whatever is left once
/// the log reaches eight thresholds, so the log never grows without bound.
/// </para>
/// </remarks>
internal sealed class WalCheckpointer : IDisposable
{
    /// <summary>The log's length, in thresholds, from which it is brought to its end so that it starts over.</summary>
    private const int RestartAfter = 4;

    /// <summary>The log's length, in thresholds, at which the writer copies it itself, however much is left.</summary>
    private const int Limit = 8;

    private readonly SqliteConnection _writer;
    private readonly SqliteConnection? _connection;
    private readonly FileStream? _databaseFile;
    private readonly Thread? _thread;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _checkpointing = new();
    private readonly Lock _progress = new();
    private readonly long _threshold;
    private readonly long _restartAt;
    private readonly long _limit;
    private readonly long _rest;

    /// <summary>Pages the writer appended to the log since it last started over (changed by the writer only).</summary>
    private long _written;

    /// <summary>How many of <see cref="_written"/> the last completed checkpoint copied into the database.</summary>
    private long _backfilled;

    /// <summary>1 from the writer's signal until the checkpointer is idle again.</summary>
    private int _busy;

    /// <summary>Set while the writer waits to copy the log itself: the checkpointer then stops after its round.</summary>
    private volatile bool _writerWaiting;

    /// <summary>The writer's count of written pages (SQLite's cache-write counter) after its last commit.</summary>
    private int _writerPages;

    /// <summary>After a checkpoint of the writer's failed, it tries again once the log reached this many pages.</summary>
    private long _writerRetryAt;

    private TaskCompletionSource _nextCheckpoint = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _backgroundCheckpoints;
    private int _writerCheckpoints;
    private int _failures;

    private WalCheckpointer(SqliteConnection writer, SqliteConnection? connection, FileStream? databaseFile, long threshold)
    {
        _writer = writer;
        _connection = connection;
        _databaseFile = databaseFile;
        _threshold = threshold;
        _restartAt = threshold * RestartAfter;
        _limit = threshold * Limit;
        _rest = Math.Max(1, threshold / 4);
        _writerPages = PagesWritten(writer);
        if (connection is not null)
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "StepFlow SQLite checkpointer" };
            _thread.Start();
        }
    }

    /// <summary>Passive checkpoints the background thread completed.</summary>
    public int BackgroundCheckpoints => Volatile.Read(ref _backgroundCheckpoints);

    /// <summary>Checkpoints the writer ran itself (the rest before the log starts over, or the bound).</summary>
    public int WriterCheckpoints => Volatile.Read(ref _writerCheckpoints);

    /// <summary>Checkpoints that failed (a later one copies the log).</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>True while the background thread runs: from the start until <see cref="Dispose"/>.</summary>
    public bool IsRunning => _thread is { IsAlive: true };

    /// <summary>
    /// Turns off SQLite's automatic checkpoint on <paramref name="writer"/> (its database already in WAL mode) and starts
    /// the background thread; none when <paramref name="threshold"/> is not positive (the log is then copied only when the
    /// store closes).
    /// </summary>
    /// <param name="writer">The store's connection.</param>
    /// <param name="openConnection">Opens the checkpointer's own connection to the same file.</param>
    /// <param name="databaseFile">
    /// The database file, opened and kept open by the caller until its connections are closed: synced after each
    /// background checkpoint (SQLite syncs it only after a checkpoint that reached the end of the log).
    /// </param>
    /// <param name="threshold">The pages of log not yet in the database that start a background checkpoint.</param>
    /// <exception cref="SqliteException">SQLite failed.</exception>
    public static WalCheckpointer Start(SqliteConnection writer, Func<SqliteConnection> openConnection, FileStream databaseFile, int threshold)
    {
        Check(raw.sqlite3_wal_autocheckpoint(writer.Handle, 0), writer);
        if (threshold <= 0)
        {
            return new WalCheckpointer(writer, null, null, 0);
        }

        var connection = openConnection();
        try
        {
            Check(raw.sqlite3_wal_autocheckpoint(connection.Handle, 0), connection);
            return new WalCheckpointer(writer, connection, databaseFile, threshold);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Called by the writer after each committed transaction: counts the pages it appended, signals the checkpointer when
    /// a checkpoint is due, and copies the rest of the log itself when the log should start over. Never throws.
    /// </summary>
    public void Committed()
    {
        var pages = PagesWritten(_writer);
        var appended = unchecked(pages - _writerPages);
        _writerPages = pages;
        if (appended <= 0 || _thread is null)
        {
            return;
        }

        var written = _written + appended;
        Volatile.Write(ref _written, written);
        if (Volatile.Read(ref _busy) == 0)
        {
            var behind = written - Volatile.Read(ref _backfilled);
            if (written >= _restartAt && behind <= _rest)
            {
                if (written >= _writerRetryAt)
                {
                    CheckpointOnWriter();
                }
            }
            else if (behind >= _threshold || (written >= _restartAt && behind > _rest))
            {
                Volatile.Write(ref _busy, 1);
                _signal.Release();
            }
        }
        else if (written >= _limit && written >= _writerRetryAt)
        {
            CheckpointOnWriter();
        }
    }

    /// <summary>Completes once the background thread completed <paramref name="count"/> checkpoints (for tests).</summary>
    public async Task WaitForBackgroundCheckpointsAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (_progress)
            {
                if (_backgroundCheckpoints >= count)
                {
                    return;
                }

                next = _nextCheckpoint.Task;
            }

            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops the background thread (after the checkpoint it may be running) and closes its connection. The database file
    /// stays open: the caller closes it after the store's own connection.
    /// </summary>
    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        _thread?.Join();
        _connection?.Dispose();
        _stop.Dispose();
        _signal.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            try
            {
                _signal.Wait(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                CatchUp();
            }
            catch (Exception)
            {
                // Never let the thread (and with it the process) die of a checkpoint: a later one copies the log.
                Interlocked.Increment(ref _failures);
            }

            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>
    /// Checkpoints until less than a threshold is left to copy, or (once the log should start over) at most the rest the
    /// writer copies itself; stops early when the store closes or the writer takes over.
    /// </summary>
    private void CatchUp()
    {
        long start;
        do
        {
            lock (_checkpointing)
            {
                // Read and published under the lock: the writer's own checkpoint resets both, never in between.
                start = Volatile.Read(ref _written);
                if (!Checkpoint(_connection!))
                {
                    return;
                }

                _databaseFile!.Flush(flushToDisk: true);
                Volatile.Write(ref _backfilled, start);
            }

            TaskCompletionSource completed;
            lock (_progress)
            {
                _backgroundCheckpoints++;
                completed = _nextCheckpoint;
                _nextCheckpoint = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            completed.SetResult();
        }
        while (!_stop.IsCancellationRequested && !_writerWaiting && Volatile.Read(ref _written) is var written &&
            (written - start >= _threshold || (written >= _restartAt && written - start > _rest)));
    }

    /// <summary>Copies what is left of the log on the writer's connection; the writer's next transaction starts it over.</summary>
    private void CheckpointOnWriter()
    {
        _writerWaiting = true;
        try
        {
            lock (_checkpointing)
            {
                if (Checkpoint(_writer))
                {
                    Interlocked.Increment(ref _writerCheckpoints);
                    Volatile.Write(ref _backfilled, 0);
                    Volatile.Write(ref _written, 0);
                    _writerRetryAt = 0;
                }
                else
                {
                    _writerRetryAt = _written + _rest;
                }
            }
        }
        finally
        {
            _writerWaiting = false;
        }
    }

    /// <summary>A passive checkpoint on <paramref name="connection"/>; true when it copied the whole log it saw.</summary>
    private bool Checkpoint(SqliteConnection connection)
    {
        try
        {
            var result = raw.sqlite3_wal_checkpoint_v2(connection.Handle, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out var log, out var copied);
            if (result == raw.SQLITE_OK && log == copied)
            {
                return true;
            }
        }
        catch (Exception e) when (e is SqliteException or ObjectDisposedException)
        {
            // Counted below. A later checkpoint copies the log; a disk that really fails fails the commits too.
        }

        Interlocked.Increment(ref _failures);
        return false;
    }

    private static int PagesWritten(SqliteConnection connection)
    {
        raw.sqlite3_db_status(connection.Handle, raw.SQLITE_DBSTATUS_CACHE_WRITE, out var current, out _, 0);
        return current;
    }

    private static void Check(int result, SqliteConnection connection) => SqliteException.ThrowExceptionForRC(result, connection.Handle);
}
