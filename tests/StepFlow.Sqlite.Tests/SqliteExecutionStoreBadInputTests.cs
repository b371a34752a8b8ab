using System.Security.Cryptography;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Sqlite.Tests.Support;
using static StepFlow.Sqlite.Tests.Support.StoreData;

namespace StepFlow.Sqlite.Tests;

/// <summary>Files and values the store must refuse clearly, without losing or damaging what it holds.</summary>
public sealed class SqliteExecutionStoreBadInputTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDatabase _file = new();

    [Fact]
    public async Task InitializeAsync_RandomBytes_ThrowsSchemaExceptionAndLeavesTheFile()
    {
        var bytes = new byte[64 * 1024];
        new Random(7).NextBytes(bytes);
        await File.WriteAllBytesAsync(_file.Path, bytes);
        await using var store = new SqliteExecutionStore(_file.Path);

        var act = async () => await store.InitializeAsync(None);

        await act.Should().ThrowAsync<StoreSchemaException>().WithMessage("*not a SQLite database*");
        (await File.ReadAllBytesAsync(_file.Path)).Should().Equal(bytes);
        File.Exists(_file.Path + "-wal").Should().BeFalse();
    }

    [Fact]
    public async Task InitializeAsync_ForeignSqliteDatabase_ThrowsSchemaExceptionNamingItsTablesAndLeavesIt()
    {
        RawDatabase.Execute(_file.Path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'Ada');");
        var before = Hash();
        await using var store = new SqliteExecutionStore(_file.Path);

        var act = async () => await store.CommitAsync([], None);

        await act.Should().ThrowAsync<StoreSchemaException>().WithMessage("*another application*customers*");
        Hash().Should().Equal(before);
        RawDatabase.Scalar(_file.Path, "PRAGMA journal_mode").Should().Be("delete");
    }

    [Fact]
    public async Task InitializeAsync_ForeignApplicationIdWithoutTables_ThrowsSchemaException()
    {
        RawDatabase.Execute(_file.Path, "PRAGMA application_id = 1234");
        await using var store = new SqliteExecutionStore(_file.Path);

        var act = async () => await store.InitializeAsync(None);

        await act.Should().ThrowAsync<StoreSchemaException>().WithMessage("*application_id 1234*");
    }

    [Fact]
    public async Task InitializeAsync_NewerSchemaVersion_ThrowsSchemaExceptionAndWritesNothing()
    {
        await CreateStoreWithOneExecutionAsync();
        RawDatabase.Execute(_file.Path, $"PRAGMA user_version = {SqliteSchema.Version + 1}");
        var before = Hash();
        await using var store = new SqliteExecutionStore(_file.Path);

        var act = async () => await store.GetAsync(Arn("a"), None);

        await act.Should().ThrowAsync<StoreSchemaException>().WithMessage($"*schema version {SqliteSchema.Version + 1}*newer StepFlow*");
        Hash().Should().Equal(before);
    }

    [Fact]
    public async Task InitializeAsync_StoreMissingATable_ThrowsSchemaException()
    {
        await CreateStoreWithOneExecutionAsync();
        RawDatabase.Execute(_file.Path, "DROP TABLE event_chunks");
        await using var store = new SqliteExecutionStore(_file.Path);

        var act = async () => await store.InitializeAsync(None);

        await act.Should().ThrowAsync<StoreSchemaException>().WithMessage("*incomplete*event_chunks*");
    }

    [Fact]
    public async Task InitializeAsync_ReadOnlyFile_ThrowsUnauthorizedAccessAndLeavesTheFile()
    {
        await CreateStoreWithOneExecutionAsync();
        File.SetAttributes(_file.Path, FileAttributes.ReadOnly);
        var before = Hash();
        await using var store = new SqliteExecutionStore(_file.Path);

        var act = async () => await store.InitializeAsync(None);

        await act.Should().ThrowAsync<UnauthorizedAccessException>().WithMessage("*read-only*");
        Hash().Should().Equal(before);
    }

    [Fact]
    public async Task CommitAsync_DatabaseFull_ThrowsIOExceptionWritesNothingAndRecoversAfterPurge()
    {
        await using var store = new SqliteExecutionStore(_file.Path, new SqliteStoreOptions { MaxPageCount = 64 });
        var payload = JsonValue.From(new string('p', 6000));
        var old = Record("old");
        await store.TryCreateAsync(old, [], None);
        await store.CommitAsync([new ExecutionWrite(old.ExecutionArn, null, [Event(1) with { Data = payload }])], None);
        await store.CommitAsync([new ExecutionWrite(old.ExecutionArn, Closed(old, ExecutionStatus.Succeeded, T0.AddMinutes(1)), [])], None);
        var live = Record("live");
        await store.TryCreateAsync(live, [], None);
        var committed = 0;
        IOException? full = null;
        for (var id = 1; id <= 200 && full is null; id++)
        {
            var write = new ExecutionWrite(live.ExecutionArn, live with { Cause = "step " + id }, [Event(id) with { Data = JsonValue.From(new string('x', 4000) + id) }]);
            try
            {
                await store.CommitAsync([write], None);
                committed = id;
            }
            catch (IOException e)
            {
                full = e;
            }
        }

        full.Should().NotBeNull();
        full!.Message.Should().Contain("is full").And.Contain("did not happen");
        (await store.ReadEventsAsync(live.ExecutionArn, None)).Should().HaveCount(committed);
        (await store.GetAsync(live.ExecutionArn, None))!.Cause.Should().Be("step " + committed);

        (await store.PurgeAsync(T0.AddHours(1), None)).Should().Be(1);
        var next = committed + 1;
        await store.CommitAsync([new ExecutionWrite(live.ExecutionArn, live with { Cause = "after" }, [Event(next) with { Data = JsonValue.From("small") }])], None);

        (await store.ReadEventsAsync(live.ExecutionArn, None)).Should().HaveCount(next);
        (await store.GetAsync(live.ExecutionArn, None))!.Cause.Should().Be("after");
    }

    [Fact]
    public async Task CommitAsync_DatabaseFullThenMoreSpace_KeepsEveryCommittedEvent()
    {
        var live = Record("live");
        var committed = 0;
        await using (var store = new SqliteExecutionStore(_file.Path, new SqliteStoreOptions { MaxPageCount = 48 }))
        {
            await store.TryCreateAsync(live, [], None);
            var failed = false;
            for (var id = 1; id <= 200 && !failed; id++)
            {
                try
                {
                    await store.CommitAsync([new ExecutionWrite(live.ExecutionArn, null, [Event(id) with { Data = JsonValue.From(new string('y', 3000)) }])], None);
                    committed = id;
                }
                catch (IOException)
                {
                    failed = true;
                }
            }

            failed.Should().BeTrue();
        }

        await using var roomier = new SqliteExecutionStore(_file.Path);
        await roomier.CommitAsync([new ExecutionWrite(live.ExecutionArn, null, [Event(committed + 1)])], None);

        (await roomier.ReadEventsAsync(live.ExecutionArn, None)).Select(e => e.Id).Should().Equal(Enumerable.Range(1, committed + 1).Select(i => (long)i));
    }

    [Fact]
    public async Task ReadEventsAsync_DamagedChunk_ThrowsSchemaExceptionNamingTheEvents()
    {
        await CreateStoreWithOneExecutionAsync();
        RawDatabase.Execute(_file.Path, "UPDATE event_chunks SET events = x'01FF'");
        await using var store = new SqliteExecutionStore(_file.Path);

        var act = async () => await store.ReadEventsAsync(Arn("a"), None);

        await act.Should().ThrowAsync<StoreSchemaException>().WithMessage("*damaged*events 1..3 of*");
    }

    [Fact]
    public async Task ReadEventsAsync_MissingChunk_ThrowsSchemaExceptionRatherThanSkipping()
    {
        await CreateStoreWithOneExecutionAsync();
        await using (var store = new SqliteExecutionStore(_file.Path))
        {
            await store.CommitAsync([new ExecutionWrite(Arn("a"), null, Events(4, 2))], None);
        }

        RawDatabase.Execute(_file.Path, "DELETE FROM event_chunks WHERE first_id = 1");
        await using var reopened = new SqliteExecutionStore(_file.Path);

        var act = async () => await reopened.ReadEventsAsync(Arn("a"), None);

        await act.Should().ThrowAsync<StoreSchemaException>().WithMessage("*ids 4..5 after event 0*");
    }

    [Fact]
    public async Task GetAsync_DamagedInputJson_ThrowsSchemaException()
    {
        await CreateStoreWithOneExecutionAsync();
        RawDatabase.Execute(_file.Path, "UPDATE execution_data SET input = '{broken'");
        await using var store = new SqliteExecutionStore(_file.Path);

        var act = async () => await store.GetAsync(Arn("a"), None);

        await act.Should().ThrowAsync<StoreSchemaException>().WithMessage("*damaged*record of*");
    }

    [Fact]
    public async Task GetAsync_UnknownStatusText_ThrowsSchemaException()
    {
        await CreateStoreWithOneExecutionAsync();
        RawDatabase.Execute(_file.Path, "UPDATE executions SET status = 'PAUSED'");
        await using var store = new SqliteExecutionStore(_file.Path);

        (await store.ListRunningAsync(None)).Should().BeEmpty();
        var get = async () => await store.GetAsync(Arn("a"), None);
        await get.Should().ThrowAsync<StoreSchemaException>().WithMessage("*PAUSED*");
    }

    [Fact]
    public async Task CommitAsync_UnpairedSurrogateInEventData_ThrowsAndWritesNothing()
    {
        await using var store = new SqliteExecutionStore(_file.Path);
        var record = Record("a");
        await store.TryCreateAsync(record, Events(1, 1), None);
        var bad = Event(2) with { Data = JsonObject.Create(("text", JsonValue.From("broken \ud800 text"))) };

        var act = async () => await store.CommitAsync([new ExecutionWrite(record.ExecutionArn, null, [bad])], None);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*event data*unpaired*");
        (await store.ReadEventsAsync(record.ExecutionArn, None)).Should().HaveCount(1);
        await store.CommitAsync([new ExecutionWrite(record.ExecutionArn, null, Events(2, 1))], None);
    }

    [Fact]
    public async Task TryCreateAsync_UnpairedSurrogateInName_ThrowsAndCreatesNothing()
    {
        await using var store = new SqliteExecutionStore(_file.Path);
        var record = Record("a") with { Name = "a\udc00" };

        var act = async () => await store.TryCreateAsync(record, [], None);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*execution name*");
        (await store.GetAsync(record.ExecutionArn, None)).Should().BeNull();
    }

    [Fact]
    public async Task CommitAsync_DataNestedDeeperThanTheParserReads_ThrowsAndWritesNothing()
    {
        await using var store = new SqliteExecutionStore(_file.Path);
        var record = Record("a");
        await store.TryCreateAsync(record, [], None);
        JsonValue deep = JsonValue.From(1);
        for (var i = 0; i < 600; i++)
        {
            deep = JsonArray.Create([deep]);
        }

        var act = async () => await store.CommitAsync([new ExecutionWrite(record.ExecutionArn, null, [Event(1) with { Data = deep }])], None);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*deeper than*");
        (await store.ReadEventsAsync(record.ExecutionArn, None)).Should().BeEmpty();
    }

    [Fact]
    public async Task CommitAsync_DataAtTheDeepestWrittenNesting_RoundTrips()
    {
        await using var store = new SqliteExecutionStore(_file.Path);
        var record = Record("a");
        await store.TryCreateAsync(record, [], None);
        JsonValue deep = JsonValue.From("bottom");
        for (var i = 0; i < Utf8JsonText.MaxDepth - 1; i++)
        {
            deep = i % 2 == 0 ? JsonArray.Create([deep]) : JsonObject.Create(("d", deep));
        }

        await store.CommitAsync([new ExecutionWrite(record.ExecutionArn, null, [Event(1) with { Data = deep }])], None);

        (await store.ReadEventsAsync(record.ExecutionArn, None)).Single().Data.Should().Be(deep);
    }

    [Fact]
    public async Task CommitAsync_RecordOfAnotherExecution_ThrowsAndWritesNothing()
    {
        await using var store = new SqliteExecutionStore(_file.Path);
        var a = Record("a");
        await store.TryCreateAsync(a, [], None);
        await store.TryCreateAsync(Record("b"), [], None);

        var act = async () => await store.CommitAsync([new ExecutionWrite(a.ExecutionArn, Record("b") with { Cause = "x" }, Events(1, 1))], None);

        await act.Should().ThrowAsync<ArgumentException>();
        (await store.ReadEventsAsync(a.ExecutionArn, None)).Should().BeEmpty();
        (await store.GetAsync(Arn("b"), None))!.Cause.Should().BeNull();
    }

    [Fact]
    public async Task InitializeAsync_FileOpenInAnotherStore_ThrowsIOExceptionAndWorksOnceReleased()
    {
        await CreateStoreWithOneExecutionAsync();
        var owner = new SqliteExecutionStore(_file.Path);
        await owner.InitializeAsync(None);
        await using var second = new SqliteExecutionStore(_file.Path, new SqliteStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(50) });

        var act = async () => await second.InitializeAsync(None);

        await act.Should().ThrowAsync<IOException>().WithMessage("*locked by another connection or process*");
        await owner.DisposeAsync();
        await second.CommitAsync([new ExecutionWrite(Arn("a"), null, Events(4, 1))], None);
        (await second.ReadEventsAsync(Arn("a"), None)).Should().HaveCount(4);
    }

    [Fact]
    public async Task CommitAsync_FileLockedByAnotherProgram_ThrowsIOExceptionAndWorksOnceReleased()
    {
        await CreateStoreWithOneExecutionAsync();
        await using var store = new SqliteExecutionStore(_file.Path, new SqliteStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(50) });
        using (var other = RawDatabase.Open(_file.Path))
        {
            using var lockIt = other.CreateCommand();
            lockIt.CommandText = "BEGIN EXCLUSIVE";
            lockIt.ExecuteNonQuery();

            var act = async () => await store.CommitAsync([new ExecutionWrite(Arn("a"), null, Events(4, 1))], None);

            await act.Should().ThrowAsync<IOException>().WithMessage("*locked*");
        }

        await store.CommitAsync([new ExecutionWrite(Arn("a"), null, Events(4, 1))], None);
        (await store.ReadEventsAsync(Arn("a"), None)).Should().HaveCount(4);
    }

    private async Task CreateStoreWithOneExecutionAsync()
    {
        await using var store = new SqliteExecutionStore(_file.Path);
        await store.TryCreateAsync(Record("a"), Events(1, 3), None);
    }

    private byte[] Hash()
    {
        using var stream = new FileStream(_file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return SHA256.HashData(stream);
    }

    public void Dispose() => _file.Dispose();
}
