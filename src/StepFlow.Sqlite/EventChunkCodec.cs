using StepFlow.Durability;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Persistence;

namespace StepFlow.Sqlite;

/// <summary>
/// The compact form of a run of consecutive events (one row of the <c>event_chunks</c> table), so that a commit of
/// thousands of events is one row insert of a few bytes per event, and reading them back needs no JSON parsing.
/// </summary>
/// <remarks>
/// <para>
/// Layout (format 2): a format byte, then per event: a flags byte (which optional fields follow), the timestamp as UTC
/// ticks zig-zag encoded relative to the previous event's (to 0 for the first), the type, the state name, the Map index
/// and the visit (zig-zag), the scope, then the data, the detail and the journal.
/// </para>
/// <para>
/// Values are binary (see <see cref="ChunkValueTags"/>): an object or array the chunk already holds — the same object:
/// a state's output is the next state's input, and an output shares most of its members with the input — is written as
/// a reference to it and read back as one shared object. A string is twice its UTF-8 length, then its bytes; or, when
/// the chunk already holds it, twice its position among the chunk's strings plus one. The engine's journal (which state
/// visit an event belongs to, where it went next) is written field by field; a journal a store's caller set as JSON is
/// written as a value. Ids are not stored: a chunk holds the ids first_id..last_id of its row.
/// </para>
/// </remarks>
internal sealed class EventChunkCodec
{
    /// <summary>The format byte that starts every chunk this version writes.</summary>
    public const byte Format = 2;

    /// <summary>A chunk is closed once it holds this many bytes (a single event may exceed it).</summary>
    public const int TargetBytes = 1 << 20;

    internal const byte HasStateName = 1;
    internal const byte HasData = 2;
    internal const byte HasExtra = 4;
    internal const byte HasJournalValue = 8;
    internal const byte HasScope = 16;
    internal const byte HasVisitJournal = 32;
    internal const byte KnownFlags = HasStateName | HasData | HasExtra | HasJournalValue | HasScope | HasVisitJournal;

    private readonly Utf8Buffer _chunk = new();
    private readonly ContainerTable _containers = new();
    private readonly StringTable _strings = new();
    private long _previousTicks;

    /// <summary>The last encoded chunk.</summary>
    public ReadOnlySpan<byte> Chunk => _chunk.Written;

    /// <summary>Encodes events from <paramref name="start"/> into <see cref="Chunk"/> until the chunk is full; returns how many.</summary>
    /// <exception cref="ArgumentException">An event holds text or JSON the store could not read back as it was.</exception>
    public int Encode(IReadOnlyList<StoredEvent> events, int start)
    {
        _chunk.Clear();
        _previousTicks = 0;
        _chunk.WriteByte(Format);
        try
        {
            return events is RecordedEvents recorded ? EncodeRecords(recorded, start) : EncodeStored(events, start);
        }
        finally
        {
            // Lets go of the events' values and strings: the tables only need them while the chunk is written (a codec
            // may then sit unused on a pool thread for long).
            _containers.Clear();
            _strings.Clear();
        }
    }

    private int EncodeRecords(RecordedEvents events, int start)
    {
        var index = start;
        while (index < events.Count && (index == start || _chunk.Length < TargetBytes))
        {
            ref readonly var record = ref events.Record(index);
            var journal = record.Journal;
            WriteEvent(record.UtcTicks, record.Type, record.StateName, record.Index, journal?.Visit ?? -1, journal?.Scope, record.Data, record.Extra, journal, null);
            index++;
        }

        return index - start;
    }

    private int EncodeStored(IReadOnlyList<StoredEvent> events, int start)
    {
        var index = start;
        while (index < events.Count && (index == start || _chunk.Length < TargetBytes))
        {
            var stored = events[index] ?? throw new ArgumentException("An event list holds null.", nameof(events));
            WriteEvent(
                stored.Timestamp.UtcTicks,
                stored.Type ?? throw new ArgumentException($"Event {stored.Id} has no type.", nameof(events)),
                stored.StateName, stored.Index, stored.Visit, stored.Scope, stored.Data, stored.Extra, null, stored.Journal);
            index++;
        }

        return index - start;
    }

    /// <summary>Decodes a chunk holding the events <paramref name="firstId"/>..<paramref name="lastId"/> into <paramref name="into"/>.</summary>
    /// <exception cref="FormatException">The chunk is not what <see cref="Encode"/> (or an earlier version) writes.</exception>
    public static void Decode(ReadOnlySpan<byte> chunk, long firstId, long lastId, List<StoredEvent> into)
    {
        var reader = new ChunkByteReader(chunk);
        switch (reader.ReadByte())
        {
            case Format:
                EventChunkDecoder.Decode(ref reader, firstId, lastId, into);
                break;
            case EventChunkFormat1.Format:
                EventChunkFormat1.Decode(ref reader, firstId, lastId, into);
                break;
            default:
                throw new FormatException("unknown event chunk format");
        }

        if (!reader.AtEnd)
        {
            throw new FormatException("event chunk holds more than its id range");
        }
    }

    /// <summary>Checks that decoded ticks make a valid timestamp.</summary>
    internal static long CheckTicks(long ticks) =>
        ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks ? throw new FormatException("timestamp out of range") : ticks;

    private void WriteEvent(
        long ticks, string type, string? stateName, int index, int visit, string? scope, JsonValue? data, JsonObject? extra, VisitJournal? journal, JsonObject? journalValue)
    {
        var flags = (byte)((stateName is null ? 0 : HasStateName) |
                           (data is null ? 0 : HasData) |
                           (extra is null ? 0 : HasExtra) |
                           (journalValue is null ? 0 : HasJournalValue) |
                           (scope is null ? 0 : HasScope) |
                           (journal is null ? 0 : HasVisitJournal));
        _chunk.WriteByte(flags);
        _chunk.WriteVarInt(ticks - _previousTicks);
        _previousTicks = ticks;
        WriteString(type, "event type");
        if (stateName is not null)
        {
            WriteString(stateName, "event state name");
        }

        _chunk.WriteVarInt(index);
        _chunk.WriteVarInt(visit);
        if (scope is not null)
        {
            WriteString(scope, "event scope");
        }

        if (data is not null)
        {
            WriteValue(data, "event data", 1);
        }

        if (extra is not null)
        {
            WriteValue(extra, "event detail", 1);
        }

        if (journalValue is not null)
        {
            WriteValue(journalValue, "event journal", 1);
        }

        if (journal is not null)
        {
            WriteJournal(journal);
        }
    }

    /// <summary>The engine's journal, field by field (scope and visit are the event's own).</summary>
    private void WriteJournal(VisitJournal journal)
    {
        _chunk.WriteByte((byte)journal.Kind);
        _chunk.WriteVarInt(journal.Generation);
        switch (journal.Kind)
        {
            case JournalKind.Exited:
                var shape = (byte)((journal.Next is null ? 0 : 1) | (journal.Assign is null ? 0 : 2));
                _chunk.WriteByte(shape);
                if (journal.Next is { } next)
                {
                    WriteString(next, "next state name");
                }

                if (journal.Assign is { } assign)
                {
                    WriteValue(assign, "assigned variables", 1);
                }

                break;
            case JournalKind.TaskOutcome or JournalKind.Progress:
                _chunk.WriteVarInt(journal.Attempt);
                break;
            case JournalKind.Started:
                WriteString(journal.Secret ?? string.Empty, "execution secret");
                break;
        }
    }

    private void WriteString(string value, string what)
    {
        var number = _strings.FindOrAdd(value);
        if (number >= 0)
        {
            _chunk.WriteVarUInt(((ulong)number << 1) | 1);
            return;
        }

        _chunk.WriteStringWithDoubledLength(value, what);
    }

    private void WriteValue(JsonValue value, string what, int depth)
    {
        switch (value)
        {
            case JsonObject obj:
                if (!TryWriteReference(obj))
                {
                    CheckDepth(depth, what);
                    _chunk.WriteByte(ChunkValueTags.Object);
                    var members = obj.Members;
                    _chunk.WriteVarUInt((ulong)members.Length);
                    foreach (var member in members)
                    {
                        WriteString(member.Key, what);
                        WriteValue(member.Value, what, depth + 1);
                    }
                }

                break;
            case JsonArray array:
                if (!TryWriteReference(array))
                {
                    CheckDepth(depth, what);
                    _chunk.WriteByte(ChunkValueTags.Array);
                    var items = array.Items;
                    _chunk.WriteVarUInt((ulong)items.Length);
                    foreach (var item in items)
                    {
                        WriteValue(item, what, depth + 1);
                    }
                }

                break;
            case JsonString text:
                _chunk.WriteByte(ChunkValueTags.String);
                WriteString(text.Value, what);
                break;
            case JsonNumber number when number.IsInteger:
                _chunk.WriteByte(ChunkValueTags.Integer);
                _chunk.WriteVarInt(number.IntegerValue);
                break;
            case JsonNumber number:
                _chunk.WriteByte(ChunkValueTags.NumberText);
                _chunk.WriteStringWithDoubledLength(number.ToNumberText(), what);
                break;
            case JsonBool boolean:
                _chunk.WriteByte(boolean.Value ? ChunkValueTags.True : ChunkValueTags.False);
                break;
            default:
                _chunk.WriteByte(ChunkValueTags.Null);
                break;
        }
    }

    /// <summary>Writes a reference when the chunk already holds <paramref name="obj"/>; otherwise numbers it (it is written next).</summary>
    private bool TryWriteReference(JsonObject obj) => TryWriteReference(_containers.FindOrAdd(obj));

    /// <summary>Writes a reference when the chunk already holds <paramref name="array"/>; otherwise numbers it (it is written next).</summary>
    private bool TryWriteReference(JsonArray array) => TryWriteReference(_containers.FindOrAdd(array));

    private bool TryWriteReference(int number)
    {
        if (number >= 0)
        {
            _chunk.WriteByte(ChunkValueTags.Reference);
            _chunk.WriteVarUInt((ulong)number);
            return true;
        }

        return false;
    }

    private static void CheckDepth(int depth, string what)
    {
        if (depth > Utf8JsonText.MaxDepth)
        {
            throw new ArgumentException(
                $"The {what} nests deeper than {Utf8JsonText.MaxDepth} levels, which the store could not read back; nothing was written.");
        }
    }
}
