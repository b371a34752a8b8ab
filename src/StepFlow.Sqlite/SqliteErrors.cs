using Microsoft.Data.Sqlite;
using StepFlow.Persistence;

namespace StepFlow.Sqlite;

/// <summary>Turns SQLite's result codes into the .NET exceptions a caller can act on, each naming the file and what happened to the operation.</summary>
internal static class SqliteErrors
{
    public const int ReadOnly = 8;
    public const int IoError = 10;
    public const int Corrupt = 11;
    public const int Full = 13;
    public const int CantOpen = 14;
    public const int Busy = 5;
    public const int Locked = 6;
    public const int NotADatabase = 26;

    /// <summary>The exception to throw for <paramref name="error"/>, raised while <paramref name="operation"/> ran on <paramref name="path"/>.</summary>
    /// <param name="error">SQLite's error.</param>
    /// <param name="path">The database file.</param>
    /// <param name="operation">What was attempted, e.g. "the commit".</param>
    /// <param name="writes">Whether the operation writes (its message then says that nothing of it was written).</param>
    public static Exception Translate(SqliteException error, string path, string operation, bool writes)
    {
        var outcome = writes ? $"{operation} did not happen and nothing of it was written" : $"{operation} failed";
        return (error.SqliteErrorCode & 0xFF) switch
        {
            Full => new IOException(
                $"The StepFlow store '{path}' is full: the disk has no space left or the database reached its size limit; " +
                $"{outcome}. Free some space (or purge old executions) and retry.", error),
            IoError => new IOException($"The StepFlow store '{path}' could not be read or written (disk I/O error); {outcome}.", error),
            ReadOnly => new UnauthorizedAccessException(
                $"The StepFlow store '{path}' is read-only (the file, its directory or the disk); {outcome}. " +
                "The store needs to write the file and its '-wal', '-shm' and '-lock' companions.", error),
            CantOpen => new IOException($"The StepFlow store '{path}' cannot be opened (missing directory or no permission); {outcome}.", error),
            Busy or Locked => new IOException(
                $"The StepFlow store '{path}' is locked by another connection or process; {outcome}. One engine owns a store at a time.", error),
            Corrupt or NotADatabase => new StoreSchemaException(
                $"The StepFlow store '{path}' is damaged (SQLite: {error.Message}); {outcome}.", error),
            _ => new IOException($"The StepFlow store '{path}' failed: {error.Message}; {outcome}.", error),
        };
    }
}
