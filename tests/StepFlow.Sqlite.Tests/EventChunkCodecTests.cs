using StepFlow.Durability;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Persistence;
using static StepFlow.Sqlite.Tests.Support.StoreData;

namespace StepFlow.Sqlite.Tests;

/// <summary>The compact chunk form of events: exact round trips, and damage reported rather than misread.</summary>
public sealed class EventChunkCodecTests
{
    [Fact]
    public void Decode_EncodedEvents_ReturnsEqualEvents()
    {
        var codec = new EventChunkCodec();
        var events = Events(1, 50);

        var count = codec.Encode(events, 0);
        var decoded = Decode(codec.Chunk, 1, 50);

        count.Should().Be(50);
        decoded.Should().Equal(events);
    }

    [Fact]
    public void Decode_RepeatedStrings_ReadsThemBackEqual()
    {
        var codec = new EventChunkCodec();
        StoredEvent[] events =
        [
            Event(1) with { Type = "T", StateName = "S", Scope = "S" },
            Event(2) with { Type = "S", StateName = "T", Scope = "" },
            Event(3) with { Type = "T", StateName = "", Scope = "T" },
        ];

        codec.Encode(events, 0);

        Decode(codec.Chunk, 1, 3).Should().Equal(events);
    }

    [Fact]
    public void Encode_EventsBeyondTheTargetSize_EndsTheChunkAndContinuesInTheNext()
    {
        var codec = new EventChunkCodec();
        // Distinct strings: a string the chunk already holds would be written once.
        var events = Enumerable.Range(1, 5)
            .Select(i => Event(i) with { Data = JsonObject.Create(("i", JsonValue.From(i)), ("z", JsonValue.From(new string((char)('a' + i), EventChunkCodec.TargetBytes / 3)))) })
            .ToArray();

        var first = codec.Encode(events, 0);
        var firstChunk = Decode(codec.Chunk, 1, first);
        var second = codec.Encode(events, first);
        var secondChunk = Decode(codec.Chunk, first + 1, first + second);

        first.Should().BeInRange(1, 4);
        firstChunk.Concat(secondChunk).Should().Equal(events.Take(first + second));
    }

    [Fact]
    public void Encode_OneEventLargerThanTheTarget_StillMakesAChunk()
    {
        var codec = new EventChunkCodec();
        var events = new[] { Event(1) with { Data = JsonValue.From(new string('q', EventChunkCodec.TargetBytes + 10)) } };

        codec.Encode(events, 0).Should().Be(1);
        Decode(codec.Chunk, 1, 1).Should().Equal(events);
    }

    [Theory]
    [InlineData("\"\\\\ \\\" \\b \\f \\n \\r \\t \\u0001 \\u001f é 😀 \\u2028\"")]
    [InlineData("[-9223372036854775808,9223372036854775807,-0.0,1e300,2.5E-7,0,-1]")]
    [InlineData("{\"\":{\"a\\nb\":[{},[],null,true,false]}}")]
    public void Decode_JsonThatNeedsEscapesOrExactNumbers_ReturnsEqualValue(string json)
    {
        var codec = new EventChunkCodec();
        var value = JsonValue.Parse(json);
        var events = new[] { Event(1) with { Data = value } };

        codec.Encode(events, 0);
        var data = Decode(codec.Chunk, 1, 1).Single().Data!;

        data.Should().Be(value);
        data.ToJsonString().Should().Be(value.ToJsonString());
    }

    [Fact]
    public void Decode_TruncatedChunk_ThrowsFormatException()
    {
        var codec = new EventChunkCodec();
        codec.Encode(Events(1, 3), 0);
        var truncated = codec.Chunk[..^2].ToArray();

        var act = () => Decode(truncated, 1, 3);

        act.Should().Throw<FormatException>();
    }

    [Fact]
    public void Decode_FewerIdsThanTheChunkHolds_ThrowsFormatException()
    {
        var codec = new EventChunkCodec();
        codec.Encode(Events(1, 3), 0);
        var chunk = codec.Chunk.ToArray();

        var act = () => Decode(chunk, 1, 2);

        act.Should().Throw<FormatException>().WithMessage("*more than its id range*");
    }

    [Fact]
    public void Decode_UnknownFormatByte_ThrowsFormatException()
    {
        var act = () => Decode([9, 2, (byte)'[', (byte)']'], 1, 1);

        act.Should().Throw<FormatException>().WithMessage("*format*");
    }

    [Fact]
    public void Encode_ObjectsSharedBetweenEvents_WritesThemOnceAndReadsThemBackShared()
    {
        var nested = JsonValue.Parse("""{"b":42,"c":[1,2,3],"text":"a longer text that is only worth writing once"}""");
        var input = JsonObject.Create(("a", JsonValue.From("alpha")), ("nested", nested));
        var output = input.SetItem("acc", JsonObject.Create(("i", JsonValue.From(1))));
        StoredEvent[] shared = [Event(1) with { Data = input }, Event(2) with { Data = output }, Event(3) with { Data = output }];
        StoredEvent[] copied = [Event(1) with { Data = input }, Event(2) with { Data = JsonValue.Parse(output.ToJsonString()) }, Event(3) with { Data = JsonValue.Parse(output.ToJsonString()) }];
        var codec = new EventChunkCodec();
        codec.Encode(copied, 0);
        var copiedLength = codec.Chunk.Length;

        codec.Encode(shared, 0);
        var decoded = Decode(codec.Chunk, 1, 3);

        codec.Chunk.Length.Should().BeLessThan(copiedLength);
        decoded.Should().Equal(shared);
        decoded[2].Data.Should().BeSameAs(decoded[1].Data);
        ((JsonObject)decoded[1].Data!)["nested"].Should().BeSameAs(((JsonObject)decoded[0].Data!)["nested"]);
    }

    [Fact]
    public void Encode_ObjectUsedAgainAfterManyOthers_WritesItOnceAndReadsItBackShared()
    {
        var first = JsonObject.Create(("first", JsonValue.From(true)));
        var events = Enumerable.Range(1, 200)
            .Select(i => Event(i) with { Data = i == 1 || i == 200 ? first : JsonObject.Create(("n", JsonValue.From(i))) })
            .ToArray();
        var codec = new EventChunkCodec();

        codec.Encode(events, 0);
        var decoded = Decode(codec.Chunk, 1, events.Length);

        decoded.Should().Equal(events);
        decoded[199].Data.Should().BeSameAs(decoded[0].Data);
    }

    [Fact]
    public void Encode_ContainerNumberedByAnotherCodec_IsWrittenInFullNotMistakenForItsNumber()
    {
        // Each container keeps the number an encoder last gave it; another encoder must not trust it blindly.
        var earlier = JsonObject.Create(("earlier", JsonValue.From(1)));
        var array = JsonArray.Create([JsonValue.From("x")]);
        new EventChunkCodec().Encode([Event(1) with { Data = earlier }, Event(2) with { Data = array }], 0);
        var other = JsonObject.Create(("other", JsonValue.From(2)));
        var otherArray = JsonArray.Create([JsonValue.From("y")]);
        StoredEvent[] events =
        [
            Event(1) with { Data = other },
            Event(2) with { Data = otherArray },
            Event(3) with { Data = array },
            Event(4) with { Data = earlier },
        ];
        var codec = new EventChunkCodec();

        codec.Encode(events, 0);

        Decode(codec.Chunk, 1, 4).Should().Equal(events);
    }

    [Fact]
    public void Encode_SameContainerInTwoChunks_WritesItInFullInEach()
    {
        var shared = JsonObject.Create(("shared", JsonValue.From(1)));
        var codec = new EventChunkCodec();
        codec.Encode([Event(1) with { Data = shared }, Event(2) with { Data = shared }], 0);

        codec.Encode([Event(3) with { Data = JsonObject.Empty }, Event(4) with { Data = shared }], 0);

        Decode(codec.Chunk, 3, 4).Should().Equal([Event(3) with { Data = JsonObject.Empty }, Event(4) with { Data = shared }]);
    }

    [Fact]
    public void Encode_StringsAlikeInLengthAndEnds_KeepsThemApart()
    {
        StoredEvent[] events =
        [
            Event(1) with { Type = "axb", StateName = "ayb", Data = JsonValue.From("azb") },
            Event(2) with { Type = "ayb", StateName = "axb", Data = JsonValue.From(new string("axb")) },
        ];
        var codec = new EventChunkCodec();

        codec.Encode(events, 0);

        Decode(codec.Chunk, 1, 2).Should().Equal(events);
    }

    [Fact]
    public void Decode_EngineRecordsWithJournals_ReturnsTheirStoredForm()
    {
        var recorder = new HistoryRecorder(TimeProvider.System, record: true);
        recorder.UseSerializedWrites();
        var assign = JsonObject.Create(("x", JsonValue.From(1)));
        var error = JsonObject.Create(("error", JsonValue.From("States.TaskFailed")), ("cause", JsonValue.From("boom")));
        recorder.Add(HistoryEventTypes.ExecutionStarted, data: JsonObject.Empty, journal: VisitJournal.Started("secret-1"));
        recorder.Add(HistoryEventTypes.PassStateEntered, "P", JsonObject.Empty, journal: VisitJournal.Entered("", 0, 2));
        recorder.Add(HistoryEventTypes.PassStateExited, "P", JsonObject.Empty, extra: assign, journal: VisitJournal.Exited("", 0, 2, "T", assign));
        recorder.Add(HistoryEventTypes.TaskScheduled, "T", JsonObject.Empty, journal: VisitJournal.Progress("/1.0b0", 1, 0, 3));
        recorder.Add(HistoryEventTypes.TaskFailed, extra: error, journal: VisitJournal.TaskOutcome("/1.0b0", 1, 0, 3));
        recorder.Add(HistoryEventTypes.MapIterationStarted, "M", index: 7, journal: VisitJournal.Progress("", 4, 0, 1));
        recorder.Add(HistoryEventTypes.SucceedStateExited, "S", JsonObject.Empty, journal: VisitJournal.Exited("/1.0i7", 4, 0, null, null));
        var events = new RecordedEvents(recorder.View(), 1);
        var codec = new EventChunkCodec();

        codec.Encode(events, 0).Should().Be(7);
        var decoded = Decode(codec.Chunk, 1, 7);

        decoded.Should().Equal(events);
        decoded[2].Journal!["next"].Should().Be(JsonValue.From("T"));
        decoded[2].Journal!["assign"].Should().Be(assign);
        decoded[0].Journal!["secret"].Should().Be(JsonValue.From("secret-1"));
        EventConversion.ToRecord(decoded[4]).Journal!.Attempt.Should().Be(3);
        EventConversion.ToRecord(decoded[6]).Journal!.Next.Should().BeNull();
    }

    [Fact]
    public void Decode_FormatOneChunk_StillReadsIt()
    {
        // Format 1 (schema version 1): the values as one JSON array, then per event positions in it.
        var values = "[{\"a\":1},{\"kind\":1}]"u8.ToArray();
        var chunk = new List<byte> { 1, (byte)values.Length };
        chunk.AddRange(values);
        chunk.Add(1 | 2 | 8 | 16);                  // state name, data, journal, scope
        chunk.AddRange([0xD0, 0x0F]);              // ticks 1000, zig-zag
        chunk.Add(32);
        chunk.AddRange("PassStateEntered"u8.ToArray());
        chunk.AddRange([2, (byte)'P']);           // state name
        chunk.AddRange([1, 0]);                   // index -1, visit 0
        chunk.Add(0);                             // scope ""
        chunk.AddRange([0, 1]);                   // data, journal

        var decoded = Decode(chunk.ToArray(), 1, 1).Single();

        decoded.Should().Be(new StoredEvent
        {
            Id = 1,
            Timestamp = new DateTimeOffset(1000, TimeSpan.Zero),
            Type = "PassStateEntered",
            StateName = "P",
            Data = JsonValue.Parse("""{"a":1}"""),
            Index = -1,
            Scope = "",
            Visit = 0,
            Journal = (JsonObject)JsonValue.Parse("""{"kind":1}"""),
        });
    }

    [Theory]
    [InlineData(new byte[] { 99 }, "*unknown value tag*")]
    [InlineData(new byte[] { 8, 5 }, "*unknown value*")]
    [InlineData(new byte[] { 6, 1, 2, (byte)'a', 8, 0 }, "*unknown value*")]
    [InlineData(new byte[] { 6, 2, 2, (byte)'a', 0, 3, 0 }, "*member name twice*")]
    [InlineData(new byte[] { 6, 40, 2, (byte)'a', 0 }, "*truncated*")]
    [InlineData(new byte[] { 4, 4, (byte)'x', (byte)'y' }, "*not a number*")]
    public void Decode_DamagedValue_ThrowsFormatException(byte[] value, string message)
    {
        // Format 2, flags: data; ticks 0; type "T"; index -1; visit -1; then the damaged value.
        byte[] chunk = [2, 2, 0, 2, (byte)'T', 1, 1, .. value];

        var act = () => Decode(chunk, 1, 1);

        act.Should().Throw<FormatException>().WithMessage(message);
    }

    [Fact]
    public void Decode_UnknownJournalKind_ThrowsFormatException()
    {
        // Format 2, flags: scope and engine journal; ticks 0; type "T"; index -1; visit 0; scope ""; journal kind 77.
        byte[] chunk = [2, 16 | 32, 0, 2, (byte)'T', 1, 0, 0, 77, 0];

        var act = () => Decode(chunk, 1, 1);

        act.Should().Throw<FormatException>().WithMessage("*journal kind*");
    }

    private static List<StoredEvent> Decode(ReadOnlySpan<byte> chunk, long first, long last)
    {
        var events = new List<StoredEvent>();
        EventChunkCodec.Decode(chunk, first, last, events);
        return events;
    }
}
