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
        var blob = JsonValue.From(new string('z', EventChunkCodec.TargetBytes / 3));
        var events = Enumerable.Range(1, 5).Select(i => Event(i) with { Data = JsonObject.Create(("i", JsonValue.From(i)), ("z", blob)) }).ToArray();

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

    private static List<StoredEvent> Decode(ReadOnlySpan<byte> chunk, long first, long last)
    {
        var events = new List<StoredEvent>();
        EventChunkCodec.Decode(chunk, first, last, events);
        return events;
    }
}
