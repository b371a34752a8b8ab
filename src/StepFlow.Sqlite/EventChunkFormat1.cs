using System.Text;
using StepFlow.Json;
using StepFlow.Persistence;

namespace StepFlow.Sqlite;

/// <summary>
/// Reads the first chunk format (schema version 1), which StepFlow no longer writes: a format byte (1); the byte length
/// of the values text; one compact UTF-8 JSON array holding every distinct data, detail and journal value of the
/// chunk; then per event a flags byte, the timestamp (zig-zag tick delta), type, state name, Map index, visit, scope,
/// and the data, detail and journal as positions in the values array.
/// </summary>
internal static class EventChunkFormat1
{
    public const byte Format = 1;

    private const byte HasStateName = 1;
    private const byte HasData = 2;
    private const byte HasExtra = 4;
    private const byte HasJournal = 8;
    private const byte HasScope = 16;
    private const byte KnownFlags = HasStateName | HasData | HasExtra | HasJournal | HasScope;

    /// <summary>Decodes the chunk after its format byte.</summary>
    public static void Decode(ref ChunkByteReader reader, long firstId, long lastId, List<StoredEvent> into)
    {
        var values = JsonValue.Parse(Encoding.UTF8.GetString(reader.ReadBytes(reader.ReadVarUInt()))) as JsonArray ??
            throw new FormatException("the values are not an array");
        var strings = new List<string>();
        var previousTicks = 0L;
        for (var id = firstId; id <= lastId; id++)
        {
            var flags = reader.ReadByte();
            if ((flags & ~KnownFlags) != 0)
            {
                throw new FormatException("unknown event flags");
            }

            var ticks = EventChunkCodec.CheckTicks(previousTicks + reader.ReadVarInt());
            previousTicks = ticks;
            var type = reader.ReadString(strings);
            var stateName = (flags & HasStateName) != 0 ? reader.ReadString(strings) : null;
            var index = reader.ReadInt32();
            var visit = reader.ReadInt32();
            var scope = (flags & HasScope) != 0 ? reader.ReadString(strings) : null;
            var data = (flags & HasData) != 0 ? Value(ref reader, values) : null;
            var extra = (flags & HasExtra) != 0 ? Value(ref reader, values) as JsonObject ?? throw new FormatException("event detail is not an object") : null;
            var journal = (flags & HasJournal) != 0 ? Value(ref reader, values) as JsonObject ?? throw new FormatException("event journal is not an object") : null;
            into.Add(EventChunkDecoder.StoredEventOf(id, ticks, type, stateName, data, extra, index, scope, visit, journal));
        }
    }

    private static JsonValue Value(ref ChunkByteReader reader, JsonArray values)
    {
        var number = reader.ReadVarUInt();
        return number < (ulong)values.Count ? values[(int)number] : throw new FormatException("reference to an unknown value");
    }
}
