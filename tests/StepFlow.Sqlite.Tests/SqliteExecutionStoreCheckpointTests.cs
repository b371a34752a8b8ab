using System.Diagnostics;
using StepFlow.CrashHost;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Sqlite.Tests.Support;
using static StepFlow.Sqlite.Tests.Support.StoreData;

namespace StepFlow.Sqlite.Tests;

/// <summary>
/// The background checkpointer that copies the write-ahead log into the database off the commit path, and the lock file
/// that keeps a second store off the file.
/// </summary>
public sealed class SqliteExecutionStoreCheckpointTests : IDisposable
{
    private const int Threshold = 16;
    private const int PageSize = 8192;
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempDatabase _file = new();

    [Fact]
    public async Task CommitAsync_LogPastTheThreshold_CheckpointerCopiesItIntoTheDatabaseWithoutTheWriter()
    {
        await using var store = new SqliteExecutionStore(_file.Path, new SqliteStoreOptions { WalAutoCheckpoint = Threshold });
        await store.TryCreateAsync(Record("a"), [], None);
        var before = new FileInfo(_file.Path).Length;

        await store.CommitAsync([new ExecutionWrite(Arn("a"), null, Bulky(1, 24))], None);
        var checkpointer = store.Checkpointer!;
        using var timeout = new CancellationTokenSource(Patience);
        await checkpointer.WaitForBackgroundCheckpointsAsync(1, timeout.Token);

        checkpointer.WriterCheckpoints.Should().Be(0, "the commit returned before any copy, and no commit came after it");
        new FileInfo(_file.Path).Length.Should().BeGreaterThan(before + (Threshold * PageSize), "the log's pages are in the database file now");
        (await store.ReadEventsAsync(Arn("a"), None)).Should().Equal(Bulky(1, 24));
    }

    [Fact]
    public async Task CommitAsync_ManyCommitsPastTheThreshold_LogStaysBoundedAndEveryEventReadsBack()
    {
        const int Commits = 150;
        await using var store = new SqliteExecutionStore(_file.Path, new SqliteStoreOptions { WalAutoCheckpoint = Threshold });
        await store.TryCreateAsync(Record("a"), [], None);
        for (var i = 0; i < Commits; i++)
        {
            await store.CommitAsync([new ExecutionWrite(Arn("a"), null, Bulky((2 * i) + 1, 2))], None);
        }

        var frame = PageSize + 24;
        new FileInfo(_file.Path + "-wal").Length.Should().BeLessThan(10L * Threshold * frame, "the log starts over from four thresholds on, at eight at the latest");
        new FileInfo(_file.Path).Length.Should().BeGreaterThan(10L * Threshold * PageSize, "the commits' pages were copied into the database");
        store.Checkpointer!.WriterCheckpoints.Should().BePositive("the writer copies the last pages itself so that the log can start over");
        (await store.ReadEventsAsync(Arn("a"), None)).Should().Equal(Bulky(1, 2 * Commits));
    }

    [Fact]
    public async Task DisposeAsync_CheckpointerRunning_StopsItAndLeavesEverythingInTheDatabase()
    {
        var store = new SqliteExecutionStore(_file.Path, new SqliteStoreOptions { WalAutoCheckpoint = Threshold });
        await store.TryCreateAsync(Record("a"), [], None);
        for (var i = 0; i < 20; i++)
        {
            await store.CommitAsync([new ExecutionWrite(Arn("a"), null, Bulky((2 * i) + 1, 2))], None);
        }

        var checkpointer = store.Checkpointer!;
        checkpointer.IsRunning.Should().BeTrue();

        await store.DisposeAsync();

        checkpointer.IsRunning.Should().BeFalse();
        store.Checkpointer.Should().BeNull();
        File.Exists(_file.Path + "-wal").Should().BeFalse("the store's last connection copied the log into the database and deleted it");
        await using var reopened = new SqliteExecutionStore(_file.Path);
        (await reopened.ReadEventsAsync(Arn("a"), None)).Should().Equal(Bulky(1, 40));
    }

    [Fact]
    public async Task Options_WalAutoCheckpointZero_NoBackgroundThreadAndTheLogIsCopiedAtClose()
    {
        await using (var store = new SqliteExecutionStore(_file.Path, new SqliteStoreOptions { WalAutoCheckpoint = 0 }))
        {
            await store.TryCreateAsync(Record("a"), [], None);
            for (var i = 0; i < 20; i++)
            {
                await store.CommitAsync([new ExecutionWrite(Arn("a"), null, Bulky((2 * i) + 1, 2))], None);
            }

            store.Checkpointer!.IsRunning.Should().BeFalse();
            new FileInfo(_file.Path + "-wal").Length.Should().BeGreaterThan(20L * PageSize, "nothing copied the log while the store ran");
        }

        File.Exists(_file.Path + "-wal").Should().BeFalse();
        await using var reopened = new SqliteExecutionStore(_file.Path);
        (await reopened.ReadEventsAsync(Arn("a"), None)).Should().Equal(Bulky(1, 40));
    }

    [Fact]
    public async Task InitializeAsync_SecondStoreWithALongBusyTimeout_IsRefusedAtOnceAndTheOwnerKeepsWorking()
    {
        await using var owner = new SqliteExecutionStore(_file.Path);
        await owner.TryCreateAsync(Record("a"), Events(1, 2), None);
        await using var second = new SqliteExecutionStore(_file.Path, new SqliteStoreOptions { BusyTimeout = TimeSpan.FromMinutes(10) });

        var act = async () => await second.InitializeAsync(None);

        (await act.Should().ThrowAsync<IOException>()).WithMessage("*locked by another connection or process*-lock*");
        await owner.CommitAsync([new ExecutionWrite(Arn("a"), null, Events(3, 2))], None);
        (await owner.ReadEventsAsync(Arn("a"), None)).Should().Equal(Events(1, 4));
    }

    [Fact]
    public async Task InitializeAsync_LockFileLeftBehind_OpensTheStore()
    {
        await using (var store = new SqliteExecutionStore(_file.Path))
        {
            await store.TryCreateAsync(Record("a"), Events(1, 2), None);
        }

        await File.WriteAllTextAsync(_file.Path + "-lock", "left behind by a process that was killed");
        await using var reopened = new SqliteExecutionStore(_file.Path);

        await reopened.CommitAsync([new ExecutionWrite(Arn("a"), null, Events(3, 1))], None);

        (await reopened.ReadEventsAsync(Arn("a"), None)).Should().Equal(Events(1, 3));
    }

    [Fact]
    public async Task InitializeAsync_OwnerProcessKilled_OpensTheStore()
    {
        var log = _file.Path + ".log";
        try
        {
            using (var host = StartCrashHost(_file.Path, log))
            {
                // The host prints its first line once it opened the store and recovered it.
                var first = await host.StandardOutput.ReadLineAsync().WaitAsync(Patience);
                first.Should().StartWith("lifetime 0: resumed");
                host.Kill(entireProcessTree: true);
                await host.WaitForExitAsync().WaitAsync(Patience);
            }

            File.Exists(_file.Path + "-lock").Should().BeTrue();
            await using var store = new SqliteExecutionStore(_file.Path, new SqliteStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(50) });

            (await store.TryCreateAsync(Record("after-the-kill"), Events(1, 1), None)).Should().BeNull();

            (await store.ReadEventsAsync(Arn("after-the-kill"), None)).Should().Equal(Events(1, 1));
        }
        finally
        {
            File.Delete(log);
        }
    }

    public void Dispose() => _file.Dispose();

    /// <summary>Events whose data are distinct ~8 KB strings: about a page each.</summary>
    private static StoredEvent[] Bulky(long first, int count) =>
        Enumerable.Range(0, count)
            .Select(i => Event(first + i) with { Data = JsonValue.From(new string((char)('a' + ((first + i) % 26)), 8000) + (first + i)) })
            .ToArray();

    private static Process StartCrashHost(string database, string log)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(typeof(CrashWorkflow).Assembly.Location);
        foreach (var argument in new HostOptions(database, log, 50, 0, 50, TimeSpan.Zero, HostOptions.NoFault).ToArguments())
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
    }
}
