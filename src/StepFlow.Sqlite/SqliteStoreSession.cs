using System.Globalization;
using Microsoft.Data.Sqlite;
using StepFlow.Persistence;

namespace StepFlow.Sqlite;

/// <summary>
/// One open connection to a checked store file (with the file's claim and its background checkpointer), its prepared
/// statements and what it knows of the data (the definitions it stored, the records of running executions). Not
/// thread-safe: <see cref="SqliteExecutionStore"/> lets one operation at a time in. Caches change only after a transaction committed, so a failed commit leaves them
/// as true as the file.
/// </summary>
internal sealed partial class SqliteStoreSession : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly StoreFileLock _lock;
    private readonly WalCheckpointer _checkpointer;
    private readonly FileStream _databaseFile;
    private readonly string _path;
    private readonly List<SqliteCommand> _commands = [];
    private readonly RawStatement _begin;
    private readonly RawStatement _commit;
    private readonly RawStatement _rollback;
    private readonly ChunkTable _chunks;

    private SqliteStoreSession(SqliteConnection connection, StoreFileLock fileLock, WalCheckpointer checkpointer, FileStream databaseFile, string path)
    {
        _connection = connection;
        _lock = fileLock;
        _checkpointer = checkpointer;
        _databaseFile = databaseFile;
        _path = path;
        _begin = new RawStatement(connection, "BEGIN IMMEDIATE");
        _commit = new RawStatement(connection, "COMMIT");
        _rollback = new RawStatement(connection, "ROLLBACK");
        _findExecution = new RawStatement(
            connection,
            "SELECT e.id, (SELECT c.last_id FROM event_chunks c WHERE c.execution_id = e.id ORDER BY c.first_id DESC LIMIT 1) " +
            "FROM executions e WHERE e.arn = ?1");
        _insertExecution = Command(
            "INSERT INTO executions (arn, name, state_machine_arn, status, start_ticks, stop_ticks, redrive_count, redrive_ticks, " +
            "not_redrivable_reason, error, cause, definition_id) " +
            "VALUES ($arn, $name, $sm, $status, $start, $stop, $redrives, $redrive, $reason, $error, $cause, $definition)",
            "$arn", "$name", "$sm", "$status", "$start", "$stop", "$redrives", "$redrive", "$reason", "$error", "$cause", "$definition");
        _updateExecution = Command(
            "UPDATE executions SET name = $name, state_machine_arn = $sm, status = $status, start_ticks = $start, stop_ticks = $stop, " +
            "redrive_count = $redrives, redrive_ticks = $redrive, not_redrivable_reason = $reason, error = $error, cause = $cause, " +
            "definition_id = $definition WHERE id = $id",
            "$name", "$sm", "$status", "$start", "$stop", "$redrives", "$redrive", "$reason", "$error", "$cause", "$definition", "$id");
        _updateState = new RawStatement(
            connection,
            "UPDATE executions SET stop_ticks = ?1, redrive_count = ?2, redrive_ticks = ?3, not_redrivable_reason = ?4, " +
            "error = ?5, cause = ?6, status = ?7 WHERE id = ?8");
        _updateStateSameStatus = new RawStatement(
            connection,
            "UPDATE executions SET stop_ticks = ?1, redrive_count = ?2, redrive_ticks = ?3, not_redrivable_reason = ?4, " +
            "error = ?5, cause = ?6 WHERE id = ?8");
        _insertData = Command(
            "INSERT INTO execution_data (execution_id, input, output, allowed_resources) VALUES ($id, $input, $output, $allowed)",
            "$id", "$input", "$output", "$allowed");
        _updateInput = Command("UPDATE execution_data SET input = $input WHERE execution_id = $id", "$input", "$id");
        _updateOutput = Command("UPDATE execution_data SET output = $output WHERE execution_id = $id", "$output", "$id");
        _insertDefinition = Command(
            "INSERT INTO definitions (hash, definition) VALUES ($hash, $definition) ON CONFLICT (hash) DO NOTHING", "$hash", "$definition");
        _findDefinition = Command("SELECT id FROM definitions WHERE hash = $hash", "$hash");
        _readDefinition = Command("SELECT definition FROM definitions WHERE id = $id", "$id");
        _getRecord = Command($"SELECT {RecordColumns} WHERE e.arn = $arn", "$arn");
        _listRunning = Command($"SELECT {RecordColumns} WHERE e.status = '{ExecutionStatusText.Running}' ORDER BY e.start_ticks, e.arn");
        _chunks = new ChunkTable(connection);
    }

    /// <summary>True once a failed rollback left the connection in an unknown state: the store then opens a new session.</summary>
    public bool Broken { get; private set; }

    /// <summary>What copies the write-ahead log into the database file (for tests).</summary>
    public WalCheckpointer Checkpointer => _checkpointer;

    /// <summary>
    /// Claims <paramref name="path"/> (its lock file), opens it, checks (or creates) the schema, sets WAL mode and the
    /// durability level, and starts the background checkpointer on a second connection.
    /// </summary>
    /// <exception cref="IOException">Another store holds the file.</exception>
    /// <exception cref="StoreSchemaException">The file is not a store this version can use.</exception>
    /// <exception cref="SqliteException">SQLite failed otherwise (translated by the caller).</exception>
    public static SqliteStoreSession Open(string path, SqliteStoreOptions options)
    {
        // One store owns the file: the lock file keeps out a second store, in this process or another. SQLite's
        // locking_mode = EXCLUSIVE would keep out the checkpointer's connection too.
        var fileLock = StoreFileLock.Acquire(path);
        SqliteConnection? connection = null;
        FileStream? databaseFile = null;
        try
        {
            connection = Connect(path, options, synchronous: false);
            SqliteSchema.CheckOrCreate(connection, path, options.PageSize);
            var mode = ExecuteScalar(connection, "PRAGMA journal_mode = WAL") as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new IOException($"The StepFlow store '{path}' cannot use SQLite's write-ahead log (journal mode stays '{mode}').");
            }

            SetSynchronous(connection, options);
            if (options.MaxPageCount is { } pages)
            {
                Execute(connection, "PRAGMA max_page_count = " + pages.ToString(CultureInfo.InvariantCulture));
            }

            // Kept open until the connections are closed: closing a descriptor of the file would drop the process's
            // POSIX locks on it, SQLite's included.
            databaseFile = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            var checkpointer = WalCheckpointer.Start(connection, () => Connect(path, options, synchronous: true), databaseFile, options.WalAutoCheckpoint);
            return new SqliteStoreSession(connection, fileLock, checkpointer, databaseFile, path);
        }
        catch
        {
            connection?.Dispose();
            databaseFile?.Dispose();
            fileLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A connection to <paramref name="path"/> with the store's busy timeout (and durability level when
    /// <paramref name="synchronous"/>; the file must be in WAL mode then). Outside Windows it
    /// uses SQLite's "unix-excl" VFS: the process holds the file's lock (other processes get "locked"), the connections
    /// of this process lock in memory and share the log's index in memory (no "-shm" file), so a transaction takes no
    /// file lock of its own, as with <c>locking_mode = EXCLUSIVE</c>, while the checkpointer's connection can work beside
    /// the store's.
    /// </summary>
    private static SqliteConnection Connect(string path, SqliteStoreOptions options, bool synchronous)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = OperatingSystem.IsWindows() ? path : "file:" + EscapeUriPath(path) + "?vfs=unix-excl",
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = " + ((long)options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
            if (synchronous)
            {
                SetSynchronous(connection, options);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Sets the durability level on a connection to a file in WAL mode (checkpoints sync the files by it too).</summary>
    private static void SetSynchronous(SqliteConnection connection, SqliteStoreOptions options) =>
        Execute(connection, options.Synchronous == SqliteSynchronousMode.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");

    /// <summary>The path as the path of an SQLite URI filename: '%', '?' and '#' escaped.</summary>
    private static string EscapeUriPath(string path) =>
        path.Replace("%", "%25", StringComparison.Ordinal).Replace("?", "%3f", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal);

    /// <inheritdoc />
    public void Dispose()
    {
        _chunks.Dispose();
        foreach (var statement in new[] { _begin, _commit, _rollback, _findExecution, _updateState, _updateStateSameStatus })
        {
            statement.Dispose();
        }

        foreach (var command in _commands)
        {
            command.Dispose();
        }

        // The checkpointer's connection closes first, so that the store's, the last one, copies the whole log into the
        // database and deletes it; the file's descriptor and its claim are released only then.
        _checkpointer.Dispose();
        _connection.Dispose();
        _databaseFile.Dispose();
        _lock.Dispose();
    }

    private void Begin() => _begin.Run();

    private void CommitTransaction()
    {
        _commit.Run();
        _checkpointer.Committed();
    }

    /// <summary>Ends a failed transaction. SQLite has already rolled some errors back (a full disk): then there is nothing to do.</summary>
    private void RollbackQuietly()
    {
        if (SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) != 0)
        {
            return;
        }

        try
        {
            _rollback.Run();
        }
        catch (SqliteException)
        {
            Broken = true;
        }
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        _commands.Add(command);
        return command;
    }

    private static void Set(SqliteCommand command, int index, object? value) => command.Parameters[index].Value = value ?? DBNull.Value;

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? ExecuteScalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private StoreSchemaException Damaged(string what, Exception inner) =>
        new($"The StepFlow store '{_path}' holds damaged data ({what}: {inner.Message}).", inner);
}
