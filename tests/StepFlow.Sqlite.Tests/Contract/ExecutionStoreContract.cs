using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Sqlite.Tests.Support;
using static StepFlow.Sqlite.Tests.Support.StoreData;

namespace StepFlow.Sqlite.Tests.Contract;

/// <summary>
/// What every <see cref="IExecutionStore"/> does, run against each implementation by a derived class.
/// </summary>
public abstract class ExecutionStoreContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A new, initialized, empty store.</summary>
    protected abstract Task<IExecutionStore> CreateStoreAsync();

    [Fact]
    public async Task TryCreateAsync_NewExecution_ReturnsNullAndStoresRecordAndEvents()
    {
        var store = await CreateStoreAsync();
        var record = Record("a");
        var events = Events(1, 3);

        var existing = await store.TryCreateAsync(record, events, None);

        existing.Should().BeNull();
        (await store.GetAsync(record.ExecutionArn, None)).Should().Be(record);
        (await store.ReadEventsAsync(record.ExecutionArn, None)).Should().Equal(events);
    }

    [Fact]
    public async Task TryCreateAsync_ExistingArn_ReturnsExistingAndWritesNothing()
    {
        var store = await CreateStoreAsync();
        var first = Record("a");
        await store.TryCreateAsync(first, Events(1, 2), None);
        var second = first with { Input = JsonValue.Parse("""{"other":true}""") };

        var existing = await store.TryCreateAsync(second, Events(1, 5), None);

        existing.Should().Be(first);
        (await store.GetAsync(first.ExecutionArn, None)).Should().Be(first);
        (await store.ReadEventsAsync(first.ExecutionArn, None)).Should().HaveCount(2);
    }

    [Fact]
    public async Task TryCreateAsync_EventsNotStartingAtOne_ThrowsAndCreatesNothing()
    {
        var store = await CreateStoreAsync();
        var record = Record("a");

        var act = async () => await store.TryCreateAsync(record, Events(2, 2), None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*Event 2*does not follow event 0*");
        (await store.GetAsync(record.ExecutionArn, None)).Should().BeNull();
    }

    [Fact]
    public async Task CommitAsync_EventsAndRecord_AppendsEventsAndReplacesRecord()
    {
        var store = await CreateStoreAsync();
        var record = Record("a");
        await store.TryCreateAsync(record, Events(1, 2), None);
        var closed = Closed(record, ExecutionStatus.Succeeded, T0.AddMinutes(1));

        await store.CommitAsync([new ExecutionWrite(record.ExecutionArn, closed, Events(3, 4))], None);

        (await store.GetAsync(record.ExecutionArn, None)).Should().Be(closed);
        (await store.ReadEventsAsync(record.ExecutionArn, None)).Should().Equal(Events(1, 6));
    }

    [Fact]
    public async Task CommitAsync_NoRecord_KeepsRecord()
    {
        var store = await CreateStoreAsync();
        var record = Record("a");
        await store.TryCreateAsync(record, [], None);

        await store.CommitAsync([new ExecutionWrite(record.ExecutionArn, null, Events(1, 3))], None);

        (await store.GetAsync(record.ExecutionArn, None)).Should().Be(record);
        (await store.ReadEventsAsync(record.ExecutionArn, None)).Select(e => e.Id).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task CommitAsync_EveryRecordField_RoundTrips()
    {
        var store = await CreateStoreAsync();
        var record = Record("a");
        await store.TryCreateAsync(record, [], None);
        var changed = record with
        {
            Status = ExecutionStatus.Failed,
            StopDate = T0.AddTicks(123_456_789),
            Error = "Custom.Error",
            Cause = "a cause\nwith lines",
            RedriveCount = 2,
            RedriveDate = T0.AddTicks(99),
            NotRedrivableReason = "history limit",
            Output = JsonValue.Parse("[1,\"two\",{\"three\":3}]"),
            Input = JsonValue.Parse("\"just a string\""),
        };

        await store.CommitAsync([new ExecutionWrite(record.ExecutionArn, changed, [])], None);

        var stored = await store.GetAsync(record.ExecutionArn, None);
        stored.Should().Be(changed);
        stored!.StopDate!.Value.UtcTicks.Should().Be(changed.StopDate!.Value.UtcTicks);
    }

    [Fact]
    public async Task CommitAsync_UnknownExecution_ThrowsAndWritesNothing()
    {
        var store = await CreateStoreAsync();
        var record = Record("a");
        await store.TryCreateAsync(record, Events(1, 1), None);
        var closed = Closed(record, ExecutionStatus.Succeeded, T0.AddMinutes(1));

        var act = async () => await store.CommitAsync(
            [new ExecutionWrite(record.ExecutionArn, closed, Events(2, 3)), new ExecutionWrite(Arn("missing"), null, Events(1, 1))], None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*missing*");
        (await store.GetAsync(record.ExecutionArn, None)).Should().Be(record);
        (await store.ReadEventsAsync(record.ExecutionArn, None)).Should().HaveCount(1);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(2)]
    [InlineData(1)]
    public async Task CommitAsync_IdNotContinuingStoredOnes_ThrowsAndWritesNothing(long firstId)
    {
        var store = await CreateStoreAsync();
        var record = Record("a");
        await store.TryCreateAsync(record, Events(1, 2), None);
        var closed = Closed(record, ExecutionStatus.Succeeded, T0.AddMinutes(1));

        var act = async () => await store.CommitAsync([new ExecutionWrite(record.ExecutionArn, closed, Events(firstId, 2))], None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage($"*Event {firstId} *does not follow event 2*");
        (await store.ReadEventsAsync(record.ExecutionArn, None)).Should().Equal(Events(1, 2));
        (await store.GetAsync(record.ExecutionArn, None)).Should().Be(record);
    }

    [Fact]
    public async Task CommitAsync_TwoWritesForOneExecution_AppliesBothInOrder()
    {
        var store = await CreateStoreAsync();
        var record = Record("a");
        await store.TryCreateAsync(record, Events(1, 1), None);
        var closed = Closed(record, ExecutionStatus.Failed, T0.AddMinutes(2));

        await store.CommitAsync(
            [new ExecutionWrite(record.ExecutionArn, null, Events(2, 2)), new ExecutionWrite(record.ExecutionArn, closed, Events(4, 1))], None);

        (await store.ReadEventsAsync(record.ExecutionArn, None)).Should().Equal(Events(1, 4));
        (await store.GetAsync(record.ExecutionArn, None)).Should().Be(closed);
    }

    [Fact]
    public async Task CommitAsync_SeveralExecutions_WritesEach()
    {
        var store = await CreateStoreAsync();
        var a = Record("a");
        var b = Record("b");
        await store.TryCreateAsync(a, [], None);
        await store.TryCreateAsync(b, Events(1, 1), None);

        await store.CommitAsync([new ExecutionWrite(a.ExecutionArn, null, Events(1, 2)), new ExecutionWrite(b.ExecutionArn, null, Events(2, 3))], None);

        (await store.ReadEventsAsync(a.ExecutionArn, None)).Should().HaveCount(2);
        (await store.ReadEventsAsync(b.ExecutionArn, None)).Should().Equal(Events(1, 4));
    }

    [Fact]
    public async Task CommitAsync_Cancelled_ThrowsAndWritesNothing()
    {
        var store = await CreateStoreAsync();
        var record = Record("a");
        await store.TryCreateAsync(record, [], None);

        var act = async () => await store.CommitAsync([new ExecutionWrite(record.ExecutionArn, null, Events(1, 1))], new CancellationToken(true));

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await store.ReadEventsAsync(record.ExecutionArn, None)).Should().BeEmpty();
    }

    [Fact]
    public async Task CommitAsync_ConcurrentWritersOnDistinctExecutions_KeepsEveryEvent()
    {
        var store = await CreateStoreAsync();
        var records = Enumerable.Range(0, 8).Select(i => Record("c" + i)).ToArray();
        foreach (var record in records)
        {
            await store.TryCreateAsync(record, [], None);
        }

        await Task.WhenAll(records.Select(record => Task.Run(async () =>
        {
            for (var id = 1; id <= 40; id += 2)
            {
                await store.CommitAsync([new ExecutionWrite(record.ExecutionArn, null, Events(id, 2))], None);
            }
        })));

        foreach (var record in records)
        {
            (await store.ReadEventsAsync(record.ExecutionArn, None)).Should().Equal(Events(1, 40));
        }
    }

    [Fact]
    public async Task GetAsync_UnknownArn_ReturnsNull()
    {
        var store = await CreateStoreAsync();

        (await store.GetAsync(Arn("nobody"), None)).Should().BeNull();
    }

    [Fact]
    public async Task ReadEventsAsync_UnknownArn_ReturnsEmpty()
    {
        var store = await CreateStoreAsync();

        (await store.ReadEventsAsync(Arn("nobody"), None)).Should().BeEmpty();
    }

    [Fact]
    public async Task ReadEventsAsync_EveryEventField_RoundTripsExactly()
    {
        var store = await CreateStoreAsync();
        var record = Record("a");
        var events = Events(1, 30);
        await store.TryCreateAsync(record, events[..10], None);
        await store.CommitAsync([new ExecutionWrite(record.ExecutionArn, null, events[10..])], None);

        var stored = await store.ReadEventsAsync(record.ExecutionArn, None);

        stored.Should().Equal(events);
        stored.Select(e => e.Timestamp.UtcTicks).Should().Equal(events.Select(e => e.Timestamp.UtcTicks));
        stored.Select(e => (e.Scope, e.Visit, e.Index)).Should().Equal(events.Select(e => (e.Scope, e.Visit, e.Index)));
    }

    [Fact]
    public async Task ListAsync_SeveralExecutions_NewestFirstThenByArn()
    {
        var store = await CreateStoreAsync();
        await store.TryCreateAsync(Record("old", T0), [], None);
        await store.TryCreateAsync(Record("new-b", T0.AddSeconds(5)), [], None);
        await store.TryCreateAsync(Record("new-a", T0.AddSeconds(5)), [], None);
        await store.TryCreateAsync(Record("mid", T0.AddTicks(1)), [], None);
        await store.TryCreateAsync(Record("elsewhere", T0.AddDays(1), machine: OtherMachine), [], None);

        var page = await store.ListAsync(new ExecutionQuery { StateMachineArn = Machine }, None);

        page.Records.Select(r => r.Name).Should().Equal("new-a", "new-b", "mid", "old");
        page.Continuation.Should().BeNull();
    }

    [Fact]
    public async Task ListAsync_Paging_ReturnsEveryExecutionOnceInOrder()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 11; i++)
        {
            await store.TryCreateAsync(Record("e" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), T0.AddSeconds(i / 3)), [], None);
        }

        var names = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await store.ListAsync(new ExecutionQuery { StateMachineArn = Machine, Limit = 4, Continuation = continuation }, None);
            page.Records.Count.Should().BeLessThanOrEqualTo(4);
            names.AddRange(page.Records.Select(r => r.Name));
            continuation = page.Continuation;
            pages++;
        }
        while (continuation is not null);

        pages.Should().Be(3);
        names.Should().Equal("e09", "e10", "e06", "e07", "e08", "e03", "e04", "e05", "e00", "e01", "e02");
    }

    [Fact]
    public async Task ListAsync_ExactlyOnePageFull_HasNoContinuation()
    {
        var store = await CreateStoreAsync();
        await store.TryCreateAsync(Record("a"), [], None);
        await store.TryCreateAsync(Record("b"), [], None);

        var page = await store.ListAsync(new ExecutionQuery { StateMachineArn = Machine, Limit = 2 }, None);

        page.Records.Should().HaveCount(2);
        page.Continuation.Should().BeNull();
    }

    [Fact]
    public async Task ListAsync_StatusFilter_ReturnsOnlyThatStatus()
    {
        var store = await CreateStoreAsync();
        await CreateClosedAsync(store, "ok", ExecutionStatus.Succeeded, T0.AddMinutes(1));
        await CreateClosedAsync(store, "bad", ExecutionStatus.Failed, T0.AddMinutes(1));
        await store.TryCreateAsync(Record("running"), [], None);

        var failed = await store.ListAsync(new ExecutionQuery { StateMachineArn = Machine, Status = ExecutionStatus.Failed }, None);
        var running = await store.ListAsync(new ExecutionQuery { StateMachineArn = Machine, Status = ExecutionStatus.Running }, None);

        failed.Records.Select(r => r.Name).Should().Equal("bad");
        running.Records.Select(r => r.Name).Should().Equal("running");
    }

    [Fact]
    public async Task ListAsync_RedrivenFilter_SplitsRedrivenFromNever()
    {
        var store = await CreateStoreAsync();
        var redriven = Record("redriven");
        await store.TryCreateAsync(redriven, [], None);
        await store.CommitAsync([new ExecutionWrite(redriven.ExecutionArn, redriven with { RedriveCount = 1, RedriveDate = T0.AddHours(1) }, [])], None);
        await store.TryCreateAsync(Record("never"), [], None);

        var yes = await store.ListAsync(new ExecutionQuery { StateMachineArn = Machine, Redriven = true }, None);
        var no = await store.ListAsync(new ExecutionQuery { StateMachineArn = Machine, Redriven = false }, None);

        yes.Records.Select(r => r.Name).Should().Equal("redriven");
        no.Records.Select(r => r.Name).Should().Equal("never");
    }

    [Fact]
    public async Task ListAsync_ForeignContinuation_ThrowsFormatException()
    {
        var store = await CreateStoreAsync();

        var act = async () => await store.ListAsync(new ExecutionQuery { StateMachineArn = Machine, Continuation = "not-a-continuation" }, None);

        await act.Should().ThrowAsync<FormatException>();
    }

    [Fact]
    public async Task ListRunningAsync_MixedStatuses_ReturnsOnlyRunning()
    {
        var store = await CreateStoreAsync();
        await store.TryCreateAsync(Record("r1"), [], None);
        await store.TryCreateAsync(Record("r2", machine: OtherMachine), [], None);
        await CreateClosedAsync(store, "done", ExecutionStatus.Succeeded, T0.AddMinutes(1));
        await CreateClosedAsync(store, "aborted", ExecutionStatus.Aborted, T0.AddMinutes(1));

        var running = await store.ListRunningAsync(None);

        running.Select(r => r.Name).Should().BeEquivalentTo("r1", "r2");
        running.Should().OnlyContain(r => r.Status == ExecutionStatus.Running);
    }

    [Fact]
    public async Task PurgeAsync_ClosedBeforeCutoff_DeletesThemAndTheirEventsOnly()
    {
        var store = await CreateStoreAsync();
        await CreateClosedAsync(store, "old", ExecutionStatus.Succeeded, T0.AddMinutes(1));
        await CreateClosedAsync(store, "old-failed", ExecutionStatus.Failed, T0.AddMinutes(2));
        await CreateClosedAsync(store, "recent", ExecutionStatus.Succeeded, T0.AddMinutes(10));
        await store.TryCreateAsync(Record("running"), Events(1, 1), None);

        var purged = await store.PurgeAsync(T0.AddMinutes(5), None);

        purged.Should().Be(2);
        (await store.GetAsync(Arn("old"), None)).Should().BeNull();
        (await store.ReadEventsAsync(Arn("old"), None)).Should().BeEmpty();
        (await store.GetAsync(Arn("old-failed"), None)).Should().BeNull();
        (await store.GetAsync(Arn("recent"), None)).Should().NotBeNull();
        (await store.ReadEventsAsync(Arn("recent"), None)).Should().HaveCount(2);
        (await store.GetAsync(Arn("running"), None)).Should().NotBeNull();
        (await store.PurgeAsync(T0.AddMinutes(5), None)).Should().Be(0);
    }

    [Fact]
    public async Task PurgeAsync_ThenCreateSameArn_StartsAfresh()
    {
        var store = await CreateStoreAsync();
        await CreateClosedAsync(store, "again", ExecutionStatus.Succeeded, T0.AddMinutes(1));
        await store.PurgeAsync(T0.AddMinutes(5), None);
        var fresh = Record("again", T0.AddHours(1));

        (await store.TryCreateAsync(fresh, Events(1, 1), None)).Should().BeNull();

        (await store.GetAsync(fresh.ExecutionArn, None)).Should().Be(fresh);
        (await store.ReadEventsAsync(fresh.ExecutionArn, None)).Should().Equal(Events(1, 1));
    }

    private static async Task CreateClosedAsync(IExecutionStore store, string name, ExecutionStatus status, DateTimeOffset stop)
    {
        var record = Record(name);
        await store.TryCreateAsync(record, Events(1, 1), None);
        await store.CommitAsync([new ExecutionWrite(record.ExecutionArn, Closed(record, status, stop), Events(2, 1))], None);
    }
}
