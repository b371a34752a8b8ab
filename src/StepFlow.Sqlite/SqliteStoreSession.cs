using System.Globalization;
using Microsoft.Data.Sqlite;
using StepFlow.Persistence;

namespace StepFlow.Sqlite;

/// <summary>
/// One open connection to a checked store file, its prepared statements and what it knows of the data (the
/// definitions it stored, the records of running executions). Not thread-safe: <see cref="SqliteExecutionStore"/>
/// lets one operation at a time in. Caches change only after a transaction committed, so a failed commit leaves them
/// as true as the file.
/// </summary>
internal sealed partial class SqliteStoreSession : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly string _path;
    private readonly List<SqliteCommand> _commands = [];
    private readonly RawStatement _begin;
    private readonly RawStatement _commit;
    private readonly RawStatement _rollback;
    private readonly ChunkTable _chunks;

    private SqliteStoreSession(SqliteConnection connection, string path)
    {
        _connection = connection;
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
            "VALUES ($arn, $name, $sm, $status, $start, $stop, $redrives, $redrive, $reason, $error, $cause, $definition) RETURNING id",
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
        _insertData = Command("INSERT INTO execution_data (execution_id, input, output) VALUES ($id, $input, $output)", "$id", "$input", "$output");
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

    /// <summary>Opens <paramref name="path"/>, checks (or creates) the schema, then sets WAL mode and the durability level.</summary>
    /// <exception cref="StoreSchemaException">The file is not a store this version can use.</exception>
    /// <exception cref="SqliteException">SQLite failed otherwise (translated by the caller).</exception>
    public static SqliteStoreSession Open(string path, SqliteStoreOptions options)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = " + ((long)options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
            // The store is the file's only user while open: it caches what it wrote, and SQLite skips per-transaction
            // locking and the shared-memory index. Another process (a second engine) gets "locked" instead.
            Execute(connection, "PRAGMA locking_mode = EXCLUSIVE");

            SqliteSchema.CheckOrCreate(connection, path, options.PageSize);
            var mode = ExecuteScalar(connection, "PRAGMA journal_mode = WAL") as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new IOException($"The StepFlow store '{path}' cannot use SQLite's write-ahead log (journal mode stays '{mode}').");
            }

            Execute(connection, options.Synchronous == SqliteSynchronousMode.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
            Execute(connection, "PRAGMA wal_autocheckpoint = " + options.WalAutoCheckpoint.ToString(CultureInfo.InvariantCulture));
            if (options.MaxPageCount is { } pages)
            {
                Execute(connection, "PRAGMA max_page_count = " + pages.ToString(CultureInfo.InvariantCulture));
            }

            return new SqliteStoreSession(connection, path);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

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

        _connection.Dispose();
    }

    private void Begin() => _begin.Run();

    private void CommitTransaction() => _commit.Run();

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
