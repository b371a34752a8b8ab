namespace StepFlow.Sqlite.Tests.Support;

/// <summary>A unique database path under the temp folder, deleted (with its WAL and lock companions) on dispose.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase() => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"stepflow-sqlite-test-{Guid.NewGuid():N}.db");

    public string Path { get; }

    public void Dispose()
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal", "-lock" })
        {
            var file = Path + suffix;
            if (File.Exists(file))
            {
                File.SetAttributes(file, FileAttributes.Normal);
                File.Delete(file);
            }
        }
    }
}
