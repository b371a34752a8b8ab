using StepFlow.Durability;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Sqlite.Tests.Support;
using static StepFlow.Sqlite.Tests.Support.StoreData;

namespace StepFlow.Sqlite.Tests;

/// <summary>
/// Events the engine hands over already encoded (on the execution's thread, before the commit): the commit stores those
/// bytes, and only those of exactly the events it writes.
/// </summary>
public sealed class SqliteExecutionStorePreEncodeTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDatabase _file = new();

    [Fact]
    public async Task CommitAsync_PreEncodedEvents_ReadsBackTheEvents()
    {
        await using var store = new SqliteExecutionStore(_file.Path);
        await store.TryCreateAsync(Record("a"), [], None);
        var events = Recorded(3, "first");
        events.PreEncoded = ((IEventPreEncoder)store).PreEncode(events);

        await store.CommitAsync([new ExecutionWrite(Arn("a"), null, events)], None);

        (await store.ReadEventsAsync(Arn("a"), None)).Should().Equal(events);
    }

    [Fact]
    public async Task CommitAsync_PreEncodedEvents_StoresTheEncodedBytesWithoutEncodingAgain()
    {
        // Encoded from other events with the same ids: what is read back shows which bytes the commit stored.
        await using var store = new SqliteExecutionStore(_file.Path);
        await store.TryCreateAsync(Record("a"), [], None);
        var events = Recorded(3, "first");
        var standIn = Recorded(3, "stand-in");
        events.PreEncoded = ((IEventPreEncoder)store).PreEncode(standIn);

        await store.CommitAsync([new ExecutionWrite(Arn("a"), null, events)], None);

        (await store.ReadEventsAsync(Arn("a"), None)).Should().Equal(standIn);
    }

    [Fact]
    public async Task CommitAsync_PreEncodedForOtherIds_EncodesTheEventsItself()
    {
        await using var store = new SqliteExecutionStore(_file.Path);
        await store.TryCreateAsync(Record("a"), [], None);
        var events = Recorded(3, "first");
        events.PreEncoded = ((IEventPreEncoder)store).PreEncode(Recorded(2, "shorter"));

        await store.CommitAsync([new ExecutionWrite(Arn("a"), null, events)], None);

        (await store.ReadEventsAsync(Arn("a"), None)).Should().Equal(events);
    }

    [Fact]
    public async Task PreEncode_ManyEventsPastOneChunk_CommitsEveryChunkInOrder()
    {
        await using var store = new SqliteExecutionStore(_file.Path);
        await store.TryCreateAsync(Record("a"), [], None);
        // 300 KB of different text per event: a chunk closes past 1 MB.
        var events = Recorded(9, "big", i => JsonValue.From(new string((char)('a' + i), 300_000)));
        var encoded = (EncodedChunks)((IEventPreEncoder)store).PreEncode(events);
        events.PreEncoded = encoded;

        await store.CommitAsync([new ExecutionWrite(Arn("a"), null, events)], None);

        encoded.Chunks.Length.Should().BeGreaterThan(1);
        RawDatabase.Count(_file.Path, "SELECT count(*) FROM event_chunks").Should().Be(encoded.Chunks.Length);
        (await store.ReadEventsAsync(Arn("a"), None)).Should().Equal(events);
    }

    [Fact]
    public async Task PreEncode_UnpairedSurrogate_ThrowsArgumentException()
    {
        await using var store = new SqliteExecutionStore(_file.Path);
        var events = Recorded(2, "bad", _ => JsonValue.From("\uD800"));

        var act = () => ((IEventPreEncoder)store).PreEncode(events);

        act.Should().Throw<ArgumentException>().WithMessage("*unpaired*");
    }

    public void Dispose() => _file.Dispose();

    /// <summary>An execution's first <paramref name="count"/> events, as the engine records them.</summary>
    private static RecordedEvents Recorded(int count, string state, Func<int, JsonValue>? data = null)
    {
        var recorder = new HistoryRecorder(TimeProvider.System, record: true);
        recorder.UseSerializedWrites();
        recorder.Add(HistoryEventTypes.ExecutionStarted, data: JsonObject.Empty, utcTicks: T0.UtcTicks, journal: VisitJournal.Started("secret"));
        for (var i = 1; i < count; i++)
        {
            recorder.Add(
                HistoryEventTypes.PassStateEntered,
                state,
                data?.Invoke(i) ?? JsonObject.Create(("i", JsonValue.From(i))),
                utcTicks: T0.UtcTicks + i,
                journal: VisitJournal.Entered(string.Empty, i, 0));
        }

        return new RecordedEvents(recorder.View(), 1);
    }
}
