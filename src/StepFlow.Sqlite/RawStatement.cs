using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace StepFlow.Sqlite;

/// <summary>
/// A statement prepared once on SQLite's own API and run with positional parameters (1-based): the statements of every
/// commit skip the ADO.NET layer's per-call work (a data reader, parameter lookup by name).
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>The prepared statement, for reading rows.</summary>
    public sqlite3_stmt Handle => _statement;

    public RawStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    public RawStatement Bind(int index, long? value) => value is { } number ? Bind(index, number) : BindNull(index);

    public RawStatement Bind(int index, string? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    public RawStatement Bind(int index, ReadOnlySpan<byte> blob)
    {
        Check(raw.sqlite3_bind_blob(_statement, index, blob));
        return this;
    }

    /// <summary>Runs the statement to its end; returns how many rows it changed.</summary>
    /// <exception cref="SqliteException">SQLite failed.</exception>
    public int Run()
    {
        try
        {
            var result = raw.sqlite3_step(_statement);
            if (result != raw.SQLITE_DONE && result != raw.SQLITE_ROW)
            {
                Check(result);
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Steps to the next row; false at the end. Call <see cref="Reset"/> when done reading.</summary>
    /// <exception cref="SqliteException">SQLite failed.</exception>
    public bool Step()
    {
        var result = raw.sqlite3_step(_statement);
        if (result == raw.SQLITE_ROW)
        {
            return true;
        }

        if (result != raw.SQLITE_DONE)
        {
            Check(result);
        }

        return false;
    }

    public void Reset()
    {
        raw.sqlite3_reset(_statement);
        raw.sqlite3_clear_bindings(_statement);
    }

    /// <inheritdoc />
    public void Dispose() => _statement.Dispose();

    private RawStatement BindNull(int index)
    {
        Check(raw.sqlite3_bind_null(_statement, index));
        return this;
    }

    private void Check(int result) => SqliteException.ThrowExceptionForRC(result, _db);
}
