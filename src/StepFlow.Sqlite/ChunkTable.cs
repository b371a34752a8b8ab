using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace StepFlow.Sqlite;

/// <summary>
/// The two statements on the <c>event_chunks</c> table, run on SQLite's own API: a chunk (hundreds of KB in a burst)
/// is bound from and read into spans, so no large array is allocated per commit or per read.
/// </summary>
internal sealed class ChunkTable : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _insert;
    private readonly sqlite3_stmt _read;

    public ChunkTable(SqliteConnection connection)
    {
        _db = connection.Handle!;
        _insert = Prepare("INSERT INTO event_chunks (execution_id, first_id, last_id, events) VALUES (?1, ?2, ?3, ?4)");
        _read = Prepare(
            "SELECT c.first_id, c.last_id, c.events FROM event_chunks c JOIN executions e ON e.id = c.execution_id " +
            "WHERE e.arn = ?1 ORDER BY c.first_id");
    }

    /// <summary>Receives one stored chunk: its id range and its bytes (valid only during the call).</summary>
    public delegate void ChunkReader(long firstId, long lastId, ReadOnlySpan<byte> events);

    /// <exception cref="SqliteException">SQLite failed.</exception>
    public void Insert(long executionId, long firstId, long lastId, ReadOnlySpan<byte> events)
    {
        try
        {
            Check(raw.sqlite3_bind_int64(_insert, 1, executionId));
            Check(raw.sqlite3_bind_int64(_insert, 2, firstId));
            Check(raw.sqlite3_bind_int64(_insert, 3, lastId));
            Check(raw.sqlite3_bind_blob(_insert, 4, events));
            var result = raw.sqlite3_step(_insert);
            if (result != raw.SQLITE_DONE)
            {
                Check(result);
            }
        }
        finally
        {
            raw.sqlite3_reset(_insert);
            raw.sqlite3_clear_bindings(_insert);
        }
    }

    /// <summary>Passes each chunk of the execution to <paramref name="reader"/>, in id order.</summary>
    /// <exception cref="SqliteException">SQLite failed.</exception>
    public void Read(string executionArn, ChunkReader reader)
    {
        try
        {
            Check(raw.sqlite3_bind_text(_read, 1, executionArn));
            while (true)
            {
                var result = raw.sqlite3_step(_read);
                if (result == raw.SQLITE_DONE)
                {
                    return;
                }

                if (result != raw.SQLITE_ROW)
                {
                    Check(result);
                }

                reader(raw.sqlite3_column_int64(_read, 0), raw.sqlite3_column_int64(_read, 1), raw.sqlite3_column_blob(_read, 2));
            }
        }
        finally
        {
            raw.sqlite3_reset(_read);
            raw.sqlite3_clear_bindings(_read);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _insert.Dispose();
        _read.Dispose();
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_db, sql, out var statement));
        return statement;
    }

    private void Check(int result) => SqliteException.ThrowExceptionForRC(result, _db);
}
