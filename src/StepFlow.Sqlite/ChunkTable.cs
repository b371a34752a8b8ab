using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace StepFlow.Sqlite;

/// <summary>
/// The two statements on the <c>event_chunks</c> table. A chunk (hundreds of KB in a burst) is bound from and read into
/// spans, so no large array is allocated per commit or per read.
/// </summary>
internal sealed class ChunkTable : IDisposable
{
    private readonly RawStatement _insert;
    private readonly RawStatement _read;

    public ChunkTable(SqliteConnection connection)
    {
        _insert = new RawStatement(connection, "INSERT INTO event_chunks (execution_id, first_id, last_id, events) VALUES (?1, ?2, ?3, ?4)");
        _read = new RawStatement(
            connection,
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
            _insert.Bind(1, executionId).Bind(2, firstId).Bind(3, lastId).Bind(4, events);
        }
        catch
        {
            _insert.Reset();
            throw;
        }

        _insert.Run();
    }

    /// <summary>Passes each chunk of the execution to <paramref name="reader"/>, in id order.</summary>
    /// <exception cref="SqliteException">SQLite failed.</exception>
    public void Read(string executionArn, ChunkReader reader)
    {
        try
        {
            _read.Bind(1, executionArn);
            var row = _read.Handle;
            while (_read.Step())
            {
                reader(raw.sqlite3_column_int64(row, 0), raw.sqlite3_column_int64(row, 1), raw.sqlite3_column_blob(row, 2));
            }
        }
        finally
        {
            _read.Reset();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _insert.Dispose();
        _read.Dispose();
    }
}
