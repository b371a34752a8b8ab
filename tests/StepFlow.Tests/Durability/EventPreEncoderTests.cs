using StepFlow.Definition;
using StepFlow.Durability;
using StepFlow.Execution;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using static StepFlow.Tests.Durability.Waits;

namespace StepFlow.Tests.Durability;

/// <summary>
/// <see cref="IEventPreEncoder"/> is a public extension point of any store, not only the SQLite one: the engine hands a
/// durable execution's checkpoints to the store's <see cref="IEventPreEncoder.PreEncode"/>, and the very same
/// <see cref="RecordedEvents"/>, carrying that result in <see cref="RecordedEvents.PreEncoded"/>, reaches the commit.
/// </summary>
public sealed class EventPreEncoderTests
{
    private const string Definition = """
        {"StartAt":"Make","States":{
          "Make":{"Type":"Pass","Result":{"n":1},"Next":"T"},
          "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","End":true}}}
        """;

    [Fact]
    public async Task DurableExecution_StoreIsAPreEncoder_CommitsCarryItsOwnEncodingOfTheirEvents()
    {
        var store = new EncodingStore();
        var engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler("arn:aws:lambda:*", call => call.Input)
            .AddStateMachine("Flow", StateMachine.Parse(Definition))
            .UseExecutionStore(store)
            .Build();

        var started = await engine.StartExecutionAsync("arn:aws:states:us-east-1:123456789012:stateMachine:Flow", JsonObject.Empty, "one");
        var done = await engine.WaitForExecutionAsync(started.ExecutionArn, Bounded());
        await engine.ShutdownAsync();

        done.Status.Should().Be(ExecutionStatus.Succeeded);
        store.Encoded.Should().NotBeEmpty("the task's checkpoint is forced, and a forced checkpoint is encoded on the execution's thread");
        store.CommittedEncoded.Should().NotBeEmpty("the commit receives the events with the store's own encoding of them");
        store.CommittedEncoded.Should().OnlyContain(e => store.Encoded.Contains(e));
        var history = await store.ReadEventsAsync(started.ExecutionArn, default);
        foreach (var encoding in store.CommittedEncoded)
        {
            encoding.Types.Should().Equal(history.Skip((int)encoding.FirstId - 1).Take(encoding.Types.Length).Select(e => e.Type));
        }

        var exited = store.CommittedEncoded.SelectMany(e => e.Journals).Should().Contain(j => j != null && j.Kind == JournalKind.Exited && j.Next == "T").Which;
        exited!.Scope.Should().Be(string.Empty);
    }

    /// <summary>What <see cref="EncodingStore"/> makes of a checkpoint's events: their types and journals, read in place.</summary>
    private sealed record Encoding(long FirstId, string[] Types, VisitJournal?[] Journals);

    /// <summary>A durable in-memory store that pre-encodes (into an <see cref="Encoding"/>) and records what its commits receive.</summary>
    private sealed class EncodingStore : IExecutionStore, IEventPreEncoder
    {
        private readonly InMemoryExecutionStore _inner = new();
        private readonly System.Collections.Concurrent.ConcurrentBag<Encoding> _encoded = [];
        private readonly System.Collections.Concurrent.ConcurrentBag<Encoding> _committed = [];

        public IReadOnlyCollection<Encoding> Encoded => _encoded;

        public IReadOnlyCollection<Encoding> CommittedEncoded => _committed;

        public bool IsDurable => true;

        public object PreEncode(RecordedEvents events)
        {
            var types = new string[events.Count];
            var journals = new VisitJournal?[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                ref readonly var record = ref events.Record(i);
                types[i] = record.Type;
                journals[i] = record.Journal;
            }

            var encoding = new Encoding(events.FirstId, types, journals);
            _encoded.Add(encoding);
            return encoding;
        }

        public ValueTask CommitAsync(IReadOnlyList<ExecutionWrite> writes, CancellationToken cancellationToken)
        {
            foreach (var write in writes)
            {
                if (write.Events is RecordedEvents { PreEncoded: Encoding encoding } recorded)
                {
                    encoding.FirstId.Should().Be(recorded.FirstId);
                    encoding.Types.Should().HaveCount(recorded.Count);
                    _committed.Add(encoding);
                }
            }

            return _inner.CommitAsync(writes, cancellationToken);
        }

        public ValueTask InitializeAsync(CancellationToken cancellationToken) => _inner.InitializeAsync(cancellationToken);

        public ValueTask<ExecutionRecord?> TryCreateAsync(ExecutionRecord record, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken) =>
            _inner.TryCreateAsync(record, events, cancellationToken);

        public ValueTask<ExecutionRecord?> GetAsync(string executionArn, CancellationToken cancellationToken) => _inner.GetAsync(executionArn, cancellationToken);

        public ValueTask<ExecutionRecordPage> ListAsync(ExecutionQuery query, CancellationToken cancellationToken) => _inner.ListAsync(query, cancellationToken);

        public ValueTask<IReadOnlyList<ExecutionRecord>> ListRunningAsync(CancellationToken cancellationToken) => _inner.ListRunningAsync(cancellationToken);

        public ValueTask<IReadOnlyList<StoredEvent>> ReadEventsAsync(string executionArn, CancellationToken cancellationToken) => _inner.ReadEventsAsync(executionArn, cancellationToken);

        public ValueTask<int> PurgeAsync(DateTimeOffset stoppedBefore, CancellationToken cancellationToken) => _inner.PurgeAsync(stoppedBefore, cancellationToken);
    }
}
