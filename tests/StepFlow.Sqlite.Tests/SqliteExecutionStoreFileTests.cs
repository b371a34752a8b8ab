using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Sqlite.Tests.Support;
using static StepFlow.Sqlite.Tests.Support.StoreData;

namespace StepFlow.Sqlite.Tests;

/// <summary>What the SQLite store keeps in its file: surviving a reopen, its schema, shared definitions.</summary>
public sealed class SqliteExecutionStoreFileTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDatabase _file = new();

    [Fact]
    public async Task Reopen_AfterCommits_ReadsBackIdenticalRecordsAndEvents()
    {
        var running = Record("running", T0.AddTicks(1));
        var closed = Closed(Record("closed", T0.AddTicks(987_654_321)), ExecutionStatus.Failed, T0.AddTicks(1_234_567_891)) with
        {
            RedriveCount = 3,
            RedriveDate = T0.AddTicks(5),
            NotRedrivableReason = "reason ✓",
        };
        var runningEvents = Events(1, 25);
        var closedEvents = Events(1, 7);
        await using (var store = new SqliteExecutionStore(_file.Path))
        {
            await store.TryCreateAsync(running, runningEvents[..5], None);
            await store.CommitAsync([new ExecutionWrite(running.ExecutionArn, null, runningEvents[5..])], None);
            await store.TryCreateAsync(closed with { Status = ExecutionStatus.Running, StopDate = null }, closedEvents[..1], None);
            await store.CommitAsync([new ExecutionWrite(closed.ExecutionArn, closed, closedEvents[1..])], None);
        }

        await using var reopened = new SqliteExecutionStore(_file.Path);

        (await reopened.GetAsync(running.ExecutionArn, None)).Should().Be(running);
        (await reopened.GetAsync(closed.ExecutionArn, None)).Should().Be(closed);
        var events = await reopened.ReadEventsAsync(running.ExecutionArn, None);
        events.Should().Equal(runningEvents);
        events.Select(e => e.Timestamp.UtcTicks).Should().Equal(runningEvents.Select(e => e.Timestamp.UtcTicks));
        (await reopened.ReadEventsAsync(closed.ExecutionArn, None)).Should().Equal(closedEvents);
        (await reopened.ListRunningAsync(None)).Should().Equal(running);
        var big = events[1].Data!.ToJsonString();
        big.Should().Contain("12345678901234567890").And.Contain("\"line\\n\\\"quoted\\\" \\\\ tab\\t\"");
    }

    [Fact]
    public async Task CommitAsync_ProcessDiesWithoutClosing_EveryReturnedCommitIsInTheFiles()
    {
        using var crashed = new TempDatabase();
        var record = Record("a");
        var closed = Closed(record, ExecutionStatus.Succeeded, T0.AddMinutes(1));
        var store = new SqliteExecutionStore(_file.Path);
        await store.TryCreateAsync(record, Events(1, 2), None);
        await store.CommitAsync([new ExecutionWrite(record.ExecutionArn, null, Events(3, 2000))], None);
        await store.CommitAsync([new ExecutionWrite(record.ExecutionArn, closed, Events(2003, 1))], None);

        // What a crash leaves: the files as they are on disk now, the store never closed.
        File.Copy(_file.Path, crashed.Path);
        File.Copy(_file.Path + "-wal", crashed.Path + "-wal");
        await using var recovered = new SqliteExecutionStore(crashed.Path);

        (await recovered.GetAsync(record.ExecutionArn, None)).Should().Be(closed);
        (await recovered.ReadEventsAsync(record.ExecutionArn, None)).Should().Equal(Events(1, 2003));
        await store.DisposeAsync();
    }

    [Fact]
    public async Task Reopen_ThenCommit_ContinuesTheStoredEventIds()
    {
        var record = Record("a");
        await using (var store = new SqliteExecutionStore(_file.Path))
        {
            await store.TryCreateAsync(record, Events(1, 4), None);
        }

        await using var reopened = new SqliteExecutionStore(_file.Path);
        var gap = async () => await reopened.CommitAsync([new ExecutionWrite(record.ExecutionArn, null, Events(6, 1))], None);
        await gap.Should().ThrowAsync<InvalidOperationException>().WithMessage("*Event 6*does not follow event 4*");

        await reopened.CommitAsync([new ExecutionWrite(record.ExecutionArn, null, Events(5, 2))], None);

        (await reopened.ReadEventsAsync(record.ExecutionArn, None)).Should().Equal(Events(1, 6));
    }

    [Fact]
    public async Task Reopen_AfterReadingARunningRecord_UpdatesItFromTheReadCopy()
    {
        var record = Record("a");
        await using (var store = new SqliteExecutionStore(_file.Path))
        {
            await store.TryCreateAsync(record, Events(1, 1), None);
        }

        await using var reopened = new SqliteExecutionStore(_file.Path);
        var read = (await reopened.ListRunningAsync(None)).Single();
        var closed = Closed(read, ExecutionStatus.Succeeded, T0.AddMinutes(3));
        await reopened.CommitAsync([new ExecutionWrite(read.ExecutionArn, closed, Events(2, 1))], None);

        (await reopened.GetAsync(record.ExecutionArn, None)).Should().Be(closed);
        (await reopened.ListRunningAsync(None)).Should().BeEmpty();
    }

    [Fact]
    public async Task PurgeAsync_ExecutionOnlyCommittedToSinceReopen_IsForgottenAndCanBeCreatedAgain()
    {
        var record = Record("a");
        await using (var store = new SqliteExecutionStore(_file.Path))
        {
            await store.TryCreateAsync(record, Events(1, 1), None);
            await store.CommitAsync([new ExecutionWrite(record.ExecutionArn, Closed(record, ExecutionStatus.Failed, T0.AddMinutes(1)), [])], None);
        }

        await using var reopened = new SqliteExecutionStore(_file.Path);
        await reopened.CommitAsync([new ExecutionWrite(record.ExecutionArn, null, Events(2, 1))], None);
        (await reopened.PurgeAsync(T0.AddHours(1), None)).Should().Be(1);

        var unknown = async () => await reopened.CommitAsync([new ExecutionWrite(record.ExecutionArn, null, Events(3, 1))], None);
        await unknown.Should().ThrowAsync<InvalidOperationException>();
        (await reopened.TryCreateAsync(record, Events(1, 1), None)).Should().BeNull();
        (await reopened.ReadEventsAsync(record.ExecutionArn, None)).Should().Equal(Events(1, 1));
    }

    [Fact]
    public async Task CommitAsync_GapInTheSecondWrite_RollsBackTheFirstWrite()
    {
        await using var store = new SqliteExecutionStore(_file.Path);
        var a = Record("a");
        var b = Record("b");
        await store.TryCreateAsync(a, Events(1, 1), None);
        await store.TryCreateAsync(b, Events(1, 1), None);

        var act = async () => await store.CommitAsync(
            [
                new ExecutionWrite(a.ExecutionArn, Closed(a, ExecutionStatus.Succeeded, T0.AddMinutes(1)), Events(2, 2)),
                new ExecutionWrite(b.ExecutionArn, null, [Event(2), Event(4)]),
            ],
            None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*Event 4*does not follow event 2*");
        (await store.ReadEventsAsync(a.ExecutionArn, None)).Should().HaveCount(1);
        (await store.ReadEventsAsync(b.ExecutionArn, None)).Should().HaveCount(1);
        (await store.GetAsync(a.ExecutionArn, None)).Should().Be(a);
        await store.CommitAsync([new ExecutionWrite(a.ExecutionArn, null, Events(2, 1))], None);
        (await store.ReadEventsAsync(a.ExecutionArn, None)).Should().HaveCount(2);
    }

    [Fact]
    public async Task InitializeAsync_NewFile_WritesAStepFlowSchemaInWalMode()
    {
        await using (var store = new SqliteExecutionStore(_file.Path))
        {
            await store.InitializeAsync(None);
        }

        RawDatabase.Count(_file.Path, "PRAGMA application_id").Should().Be(SqliteSchema.ApplicationId);
        RawDatabase.Count(_file.Path, "PRAGMA user_version").Should().Be(SqliteSchema.Version);
        RawDatabase.Scalar(_file.Path, "PRAGMA journal_mode").Should().Be("wal");
        foreach (var table in SqliteSchema.Tables)
        {
            RawDatabase.Count(_file.Path, $"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '{table}'").Should().Be(1);
        }
    }

    [Fact]
    public async Task InitializeAsync_MissingDirectory_CreatesIt()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"stepflow-sqlite-dir-{Guid.NewGuid():N}");
        try
        {
            await using var store = new SqliteExecutionStore(Path.Combine(directory, "nested", "store.db"));

            await store.InitializeAsync(None);

            File.Exists(Path.Combine(directory, "nested", "store.db")).Should().BeTrue();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task InitializeAsync_EmptyFile_BecomesAStore()
    {
        await File.WriteAllBytesAsync(_file.Path, []);
        await using var store = new SqliteExecutionStore(_file.Path);

        await store.InitializeAsync(None);
        await store.TryCreateAsync(Record("a"), [], None);

        (await store.GetAsync(Arn("a"), None)).Should().NotBeNull();
    }

    [Fact]
    public async Task TryCreateAsync_ManyExecutionsOfOneDefinition_StoresTheDefinitionOnce()
    {
        await using (var store = new SqliteExecutionStore(_file.Path))
        {
            for (var i = 0; i < 5; i++)
            {
                await store.TryCreateAsync(Record("e" + i), [], None);
            }

            var copy = (JsonObject)JsonValue.Parse(OrdersDefinition.ToJsonString());
            await store.TryCreateAsync(Record("copy") with { Definition = copy }, [], None);
            var other = OrdersDefinition.SetItem("Comment", JsonValue.From("other"));
            await store.TryCreateAsync(Record("other") with { Definition = other }, [], None);
            ((JsonValue)(await store.GetAsync(Arn("other"), None))!.Definition).Should().Be(other);
        }

        RawDatabase.Count(_file.Path, "SELECT count(*) FROM definitions").Should().Be(2);
    }

    [Fact]
    public async Task PurgeAsync_LastExecutionOfADefinition_DeletesTheDefinitionAndLaterCreatesStoreItAgain()
    {
        await using (var store = new SqliteExecutionStore(_file.Path))
        {
            var old = Record("old");
            await store.TryCreateAsync(old, [], None);
            await store.CommitAsync([new ExecutionWrite(old.ExecutionArn, Closed(old, ExecutionStatus.Succeeded, T0.AddMinutes(1)), [])], None);
            await store.PurgeAsync(T0.AddHours(1), None);
            await store.TryCreateAsync(Record("new"), [], None);
        }

        RawDatabase.Count(_file.Path, "SELECT count(*) FROM definitions").Should().Be(1);
        RawDatabase.Count(_file.Path, "SELECT count(*) FROM executions e JOIN definitions d ON d.id = e.definition_id").Should().Be(1);
        await using var reopened = new SqliteExecutionStore(_file.Path);
        ((JsonValue)(await reopened.GetAsync(Arn("new"), None))!.Definition).Should().Be(OrdersDefinition);
    }

    [Fact]
    public async Task CommitAsync_MoreThanOneChunkOfEvents_RoundTrips()
    {
        var record = Record("big");
        var events = Enumerable.Range(1, 40)
            .Select(i => Event(i) with { Data = JsonObject.Create(("n", JsonValue.From(i)), ("blob", JsonValue.From(new string((char)('A' + i), 64 * 1024)))) })
            .ToArray();
        await using (var store = new SqliteExecutionStore(_file.Path))
        {
            await store.TryCreateAsync(record, [], None);
            await store.CommitAsync([new ExecutionWrite(record.ExecutionArn, null, events)], None);
            (await store.ReadEventsAsync(record.ExecutionArn, None)).Should().Equal(events);
        }

        RawDatabase.Count(_file.Path, "SELECT count(*) FROM event_chunks").Should().BeGreaterThan(1);
    }

    [Fact]
    public async Task InitializeAsync_SchemaVersionOneStore_UpgradesItAndKeepsItsData()
    {
        await using (var store = new SqliteExecutionStore(_file.Path))
        {
            await store.TryCreateAsync(Record("old"), Events(1, 3), None);
        }

        RawDatabase.Execute(_file.Path, "ALTER TABLE execution_data DROP COLUMN allowed_resources; PRAGMA user_version = 1");
        await using (var reopened = new SqliteExecutionStore(_file.Path))
        {
            (await reopened.ReadEventsAsync(Arn("old"), None)).Should().Equal(Events(1, 3));
        }

        RawDatabase.Count(_file.Path, "PRAGMA user_version").Should().Be(SqliteSchema.Version);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task InitializeAsync_StoreWithoutAllowLists_GainsTheColumn_OldRecordsHaveNone_NewOnesKeepTheirs(int version)
    {
        await using (var store = new SqliteExecutionStore(_file.Path))
        {
            await store.TryCreateAsync(Record("old"), Events(1, 2), None);
        }

        RawDatabase.Execute(_file.Path, $"ALTER TABLE execution_data DROP COLUMN allowed_resources; PRAGMA user_version = {version}");
        await using (var reopened = new SqliteExecutionStore(_file.Path))
        {
            (await reopened.GetAsync(Arn("old"), None))!.AllowedResources.Should().BeNull();
            await reopened.TryCreateAsync(Record("new") with { AllowedResources = ["arn:aws:states:::sqs:*", "arn:aws:lambda:*"] }, Events(1, 1), None);
        }

        await using (var again = new SqliteExecutionStore(_file.Path))
        {
            (await again.GetAsync(Arn("new"), None))!.AllowedResources.Should().Equal("arn:aws:states:::sqs:*", "arn:aws:lambda:*");
            (await again.ListRunningAsync(None)).Single(r => r.Name == "new").AllowedResources.Should().HaveCount(2);
        }

        RawDatabase.Count(_file.Path, "PRAGMA user_version").Should().Be(SqliteSchema.Version);
    }

    [Fact]
    public async Task ReadEventsAsync_OneObjectInTwoEvents_ReadsBackOneSharedObject()
    {
        await using var store = new SqliteExecutionStore(_file.Path);
        var record = Record("shared");
        var data = JsonValue.Parse("""{"passed":"along"}""");
        await store.TryCreateAsync(record, [Event(1) with { Data = data }, Event(2) with { Data = data }], None);

        var events = await store.ReadEventsAsync(record.ExecutionArn, None);

        events[0].Data.Should().Be(data);
        events[1].Data.Should().BeSameAs(events[0].Data);
    }

    [Fact]
    public async Task Options_FullSynchronous_StoresAndReadsBack()
    {
        await using var store = new SqliteExecutionStore(_file.Path, new SqliteStoreOptions { Synchronous = SqliteSynchronousMode.Full });

        await store.TryCreateAsync(Record("a"), Events(1, 2), None);

        (await store.ReadEventsAsync(Arn("a"), None)).Should().Equal(Events(1, 2));
    }

    [Fact]
    public async Task Dispose_ThenUse_ThrowsObjectDisposed()
    {
        var store = new SqliteExecutionStore(_file.Path);
        await store.InitializeAsync(None);
        await store.DisposeAsync();

        var act = async () => await store.GetAsync(Arn("a"), None);

        await act.Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public void Constructor_BlankPath_Throws()
    {
        var act = () => new SqliteExecutionStore(" ");

        act.Should().Throw<ArgumentException>();
    }

    public void Dispose() => _file.Dispose();
}
