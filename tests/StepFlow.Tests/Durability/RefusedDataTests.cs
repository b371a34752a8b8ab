using StepFlow.Definition;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using static StepFlow.Tests.Durability.Waits;

namespace StepFlow.Tests.Durability;

/// <summary>
/// Data a store refuses (its <c>ArgumentException</c>: nothing written) is not retried forever: the execution that
/// produced it fails with <c>States.Runtime</c> and is stored as such, and the executions that shared its group commit
/// are committed without it.
/// </summary>
public sealed class RefusedDataTests
{
    private const string MachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Flow";

    private const string Definition = """
        {"StartAt":"Make","States":{
          "Make":{"Type":"Pass","Parameters":{"value.$":"$.value"},"Next":"T"},
          "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"key":"T"},"End":true}}}
        """;

    private readonly InMemoryExecutionStore _shared = new();

    [Fact]
    public async Task Checkpoint_StoreRefusesAComputedOutput_ExecutionFailsWithStatesRuntimeAndIsStoredAsFailed()
    {
        var log = new HandlerLog();
        var store = new RefusingStore(_shared);
        var engine = Build(store, log);

        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Create(("value", JsonValue.From(RefusingStore.Poison))), "refused");
        var described = await engine.WaitForExecutionAsync(started.ExecutionArn, Bounded());
        await engine.ShutdownAsync();

        described.Status.Should().Be(ExecutionStatus.Failed);
        described.Error.Should().Be(StatesErrorNames.Runtime);
        described.Cause.Should().Contain("refused its history after event 1").And.Contain("cannot keep");
        log.Calls("T").Should().Be(0, "the task's checkpoint was refused, so it never ran");
        var stored = await _shared.GetAsync(started.ExecutionArn, default);
        stored!.Status.Should().Be(ExecutionStatus.Failed);
        var events = await _shared.ReadEventsAsync(started.ExecutionArn, default);
        events.Select(e => (e.Id, e.Type)).Should().Equal((1L, HistoryEventTypes.ExecutionStarted), (2L, HistoryEventTypes.ExecutionFailed));

        var again = Build(new RefusingStore(_shared), log);
        (await again.RecoverAsync()).Resumed.Should().BeEmpty("a failed execution is not resumed at every start");
        await again.ShutdownAsync();
    }

    [Fact]
    public async Task Commit_OneExecutionRefusedInASharedBatch_TheOthersAreCommitted()
    {
        var log = new HandlerLog();
        var store = new RefusingStore(_shared);
        var engine = Build(store, log);
        store.HoldNextCommit();
        var blocker = await engine.StartExecutionAsync(MachineArn, JsonObject.Create(("value", JsonValue.From(1))), "blocker");
        await Eventually(() => store.Holding).WaitAsync(Bounded());

        var good = engine.StartExecutionAsync(MachineArn, JsonObject.Create(("value", JsonValue.From(2))), "good");
        var bad = engine.StartExecutionAsync(MachineArn, JsonObject.Create(("value", JsonValue.From(RefusingStore.Poison))), "bad");
        // The two starts must reach the writer while the blocker's commit is held, so that they share the next batch;
        // the writer's queue is not observable from here, so give them time (50 ms was too little on a loaded machine).
        await Task.Delay(500);
        store.Release();

        var goodDone = await engine.WaitForExecutionAsync((await good.WaitAsync(Bounded())).ExecutionArn, Bounded());
        var badDone = await engine.WaitForExecutionAsync((await bad.WaitAsync(Bounded())).ExecutionArn, Bounded());
        (await engine.WaitForExecutionAsync(blocker.ExecutionArn, Bounded())).Status.Should().Be(ExecutionStatus.Succeeded);
        await engine.ShutdownAsync().WaitAsync(Bounded());

        store.RefusedBatches.Should().BeGreaterThan(0, "the refused data shared a commit with another execution's write");
        goodDone.Status.Should().Be(ExecutionStatus.Succeeded);
        badDone.Status.Should().Be(ExecutionStatus.Failed);
        (await _shared.GetAsync(goodDone.ExecutionArn, default))!.Status.Should().Be(ExecutionStatus.Succeeded);
    }

    private static StepFlowEngine Build(RefusingStore store, HandlerLog log) =>
        StepFlowEngine.CreateBuilder()
            .AddTaskHandler("arn:aws:lambda:*", log.Echo())
            .AddStateMachine("Flow", StateMachine.Parse(Definition))
            .UseExecutionStore(store)
            .Build();

    /// <summary>
    /// A durable view of an in-memory store that refuses, like the SQLite store refuses text it cannot keep, any commit
    /// whose events carry the string <see cref="Poison"/>: an <c>ArgumentException</c>, nothing of the commit written.
    /// </summary>
    private sealed class RefusingStore(InMemoryExecutionStore shared) : IExecutionStore
    {
        public const string Poison = "cannot-be-stored";

        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _holdNext;
        private volatile bool _holding;

        public bool IsDurable => true;

        public bool Holding => _holding;

        public int RefusedBatches { get; private set; }

        public void HoldNextCommit() => _holdNext = 1;

        public void Release() => _released.TrySetResult();

        public ValueTask InitializeAsync(CancellationToken cancellationToken) => shared.InitializeAsync(cancellationToken);

        public ValueTask<ExecutionRecord?> TryCreateAsync(ExecutionRecord record, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken) =>
            shared.TryCreateAsync(record, events, cancellationToken);

        public async ValueTask CommitAsync(IReadOnlyList<ExecutionWrite> writes, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _holdNext, 0) == 1)
            {
                _holding = true;
                await _released.Task;
            }

            if (writes.Any(w => w.Events.Any(e => e.Type != HistoryEventTypes.ExecutionStarted && e.Data?.ToJsonString().Contains(Poison, StringComparison.Ordinal) == true)))
            {
                RefusedBatches += writes.Count > 1 ? 1 : 0;
                throw new ArgumentException("The event data holds text the store cannot keep; nothing was written.");
            }

            await shared.CommitAsync(writes, cancellationToken);
        }

        public ValueTask<ExecutionRecord?> GetAsync(string executionArn, CancellationToken cancellationToken) => shared.GetAsync(executionArn, cancellationToken);

        public ValueTask<ExecutionRecordPage> ListAsync(ExecutionQuery query, CancellationToken cancellationToken) => shared.ListAsync(query, cancellationToken);

        public ValueTask<IReadOnlyList<ExecutionRecord>> ListRunningAsync(CancellationToken cancellationToken) => shared.ListRunningAsync(cancellationToken);

        public ValueTask<IReadOnlyList<StoredEvent>> ReadEventsAsync(string executionArn, CancellationToken cancellationToken) => shared.ReadEventsAsync(executionArn, cancellationToken);

        public ValueTask<int> PurgeAsync(DateTimeOffset stoppedBefore, CancellationToken cancellationToken) => shared.PurgeAsync(stoppedBefore, cancellationToken);
    }
}
