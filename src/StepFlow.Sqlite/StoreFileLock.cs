namespace StepFlow.Sqlite;

/// <summary>
/// The store's claim on its database file: the companion file <c>&lt;database&gt;-lock</c>, held open without sharing for
/// as long as a store has the database open, so that a second store (in this process or another) is refused. The operating
/// system drops the claim when the process ends, however it ends; the empty file itself stays and means nothing then.
/// </summary>
/// <remarks>
/// The claim used to be SQLite's own (<c>locking_mode = EXCLUSIVE</c>), which also kept out the store's second connection,
/// the background checkpointer. The file is never deleted: deleting it while held would let a store that opened the old
/// file before the delete and one that creates a new file both believe they own the database.
/// </remarks>
internal sealed class StoreFileLock : IDisposable
{
    /// <summary>Appended to the database path to name the lock file (next to SQLite's "-wal" and "-shm").</summary>
    public const string Suffix = "-lock";

    // EWOULDBLOCK on Linux and macOS (.NET reports the errno as the HResult there), ERROR_SHARING_VIOLATION and
    // ERROR_LOCK_VIOLATION on Windows.
    private const int LinuxWouldBlock = 11;
    private const int MacWouldBlock = 35;
    private const int WindowsSharingViolation = unchecked((int)0x80070020);
    private const int WindowsLockViolation = unchecked((int)0x80070021);

    private readonly FileStream _file;

    private StoreFileLock(FileStream file) => _file = file;

    /// <summary>Claims <paramref name="databasePath"/> for this store.</summary>
    /// <exception cref="IOException">Another store holds the claim, or the lock file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory does not let the store create the lock file.</exception>
    public static StoreFileLock Acquire(string databasePath)
    {
        var path = databasePath + Suffix;
        try
        {
            return new StoreFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1));
        }
        catch (IOException e) when (e.HResult is LinuxWouldBlock or MacWouldBlock or WindowsSharingViolation or WindowsLockViolation)
        {
            throw new IOException(
                $"The StepFlow store '{databasePath}' is locked by another connection or process (another store holds '{path}'); " +
                "opening the store failed. One engine owns a store at a time.", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UnauthorizedAccessException(
                $"The StepFlow store '{databasePath}' cannot create its lock file '{path}' (the file or its directory is read-only). " +
                "The store needs to write the file and its '-wal', '-shm' and '-lock' companions.", e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
