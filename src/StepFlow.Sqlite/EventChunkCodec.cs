using System.Text;
using StepFlow.Json;
using StepFlow.Persistence;

namespace StepFlow.Sqlite;

/// <summary>
/// The compact form of a run of consecutive events (one row of the <c>event_chunks</c> table), so that a commit of
/// thousands of events is one row insert, and reading them back is one JSON parse, not thousands.
/// </summary>
/// <remarks>
/// <para>
/// Layout: a format byte (1); the byte length of the values text; the values text: one compact UTF-8 JSON array
/// holding every distinct data, detail and journal value of the chunk; then per event: a flags byte (which optional
/// fields follow), the timestamp as UTC ticks zig-zag encoded relative to the previous event's (to 0 for the first),
/// the type, the state name, the Map index and the visit (zig-zag), the scope, then the data, detail and journal as
/// positions in the values array.
/// </para>
/// <para>
/// A value appears in the array once per chunk however many events carry it (the same object: a state's output is the
/// next state's input), and is read back as one shared object. A string is twice its UTF-8 length, then its bytes; or,
/// when the chunk already holds it, twice its position among the chunk's strings plus one. Ids are not stored: a chunk
/// holds the ids first_id..last_id of its row.
/// </para>
/// </remarks>
internal sealed class EventChunkCodec
{
    /// <summary>The format byte that starts every chunk.</summary>
    public const byte Format = 1;

    /// <summary>A chunk is closed once it holds this many bytes (a single event may exceed it).</summary>
    public const int TargetBytes = 1 << 20;

    private const byte HasStateName = 1;
    private const byte HasData = 2;
    private const byte HasExtra = 4;
    private const byte HasJournal = 8;
    private const byte HasScope = 16;
    private const byte KnownFlags = HasStateName | HasData | HasExtra | HasJournal | HasScope;

    private readonly Utf8Buffer _events = new();
    private readonly Utf8Buffer _values = new();
    private readonly Utf8Buffer _chunk = new();
    private readonly Dictionary<JsonValue, int> _valueNumbers = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _stringNumbers = new(StringComparer.Ordinal);

    /// <summary>The last encoded chunk.</summary>
    public ReadOnlySpan<byte> Chunk => _chunk.Written;

    /// <summary>Encodes events from <paramref name="start"/> into <see cref="Chunk"/> until the chunk is full; returns how many.</summary>
    /// <exception cref="ArgumentException">An event holds text or JSON the store could not read back as it was.</exception>
    public int Encode(IReadOnlyList<StoredEvent> events, int start)
    {
        _events.Clear();
        _values.Clear();
        _valueNumbers.Clear();
        _stringNumbers.Clear();
        _values.WriteByte((byte)'[');
        var previousTicks = 0L;
        var index = start;
        while (index < events.Count && (index == start || _events.Length + _values.Length < TargetBytes))
        {
            var stored = events[index] ?? throw new ArgumentException("An event list holds null.", nameof(events));
            var flags = (byte)((stored.StateName is null ? 0 : HasStateName) |
                               (stored.Data is null ? 0 : HasData) |
                               (stored.Extra is null ? 0 : HasExtra) |
                               (stored.Journal is null ? 0 : HasJournal) |
                               (stored.Scope is null ? 0 : HasScope));
            _events.WriteByte(flags);
            var ticks = stored.Timestamp.UtcTicks;
            _events.WriteVarInt(ticks - previousTicks);
            previousTicks = ticks;
            WriteString(stored.Type ?? throw new ArgumentException($"Event {stored.Id} has no type.", nameof(events)), "event type");
            if (stored.StateName is { } stateName)
            {
                WriteString(stateName, "event state name");
            }

            _events.WriteVarInt(stored.Index);
            _events.WriteVarInt(stored.Visit);
            if (stored.Scope is { } scope)
            {
                WriteString(scope, "event scope");
            }

            if (stored.Data is { } data)
            {
                WriteValue(data, "event data");
            }

            if (stored.Extra is { } extra)
            {
                WriteValue(extra, "event detail");
            }

            if (stored.Journal is { } journal)
            {
                WriteValue(journal, "event journal");
            }

            index++;
        }

        _values.WriteByte((byte)']');
        _chunk.Clear();
        _chunk.WriteByte(Format);
        _chunk.WriteVarUInt((ulong)_values.Length);
        _chunk.WriteBytes(_values.Written);
        _chunk.WriteBytes(_events.Written);
        return index - start;
    }

    /// <summary>Decodes a chunk holding the events <paramref name="firstId"/>..<paramref name="lastId"/> into <paramref name="into"/>.</summary>
    /// <exception cref="FormatException">The chunk is not what <see cref="Encode"/> writes.</exception>
    public static void Decode(ReadOnlySpan<byte> chunk, long firstId, long lastId, List<StoredEvent> into)
    {
        var reader = new Reader(chunk);
        if (reader.ReadByte() != Format)
        {
            throw new FormatException("unknown event chunk format");
        }

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

            var ticks = previousTicks + reader.ReadVarInt();
            previousTicks = ticks;
            if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                throw new FormatException("timestamp out of range");
            }

            var type = reader.ReadString(strings);
            var stateName = (flags & HasStateName) != 0 ? reader.ReadString(strings) : null;
            var index = checked((int)reader.ReadVarInt());
            var visit = checked((int)reader.ReadVarInt());
            var scope = (flags & HasScope) != 0 ? reader.ReadString(strings) : null;
            var data = (flags & HasData) != 0 ? reader.ReadValue(values) : null;
            var extra = (flags & HasExtra) != 0 ? reader.ReadValue(values) as JsonObject ?? throw new FormatException("event detail is not an object") : null;
            var journal = (flags & HasJournal) != 0 ? reader.ReadValue(values) as JsonObject ?? throw new FormatException("event journal is not an object") : null;
            into.Add(new StoredEvent
            {
                Id = id,
                Timestamp = new DateTimeOffset(ticks, TimeSpan.Zero),
                Type = type,
                StateName = stateName,
                Data = data,
                Extra = extra,
                Index = index,
                Scope = scope,
                Visit = visit,
                Journal = journal,
            });
        }

        if (!reader.AtEnd)
        {
            throw new FormatException("event chunk holds more than its id range");
        }
    }

    private void WriteString(string value, string what)
    {
        if (_stringNumbers.TryGetValue(value, out var number))
        {
            _events.WriteVarUInt(((ulong)number << 1) | 1);
            return;
        }

        _events.WriteStringWithDoubledLength(value, what);
        _stringNumbers.Add(value, _stringNumbers.Count);
    }

    private void WriteValue(JsonValue value, string what)
    {
        if (!_valueNumbers.TryGetValue(value, out var number))
        {
            number = _valueNumbers.Count;
            if (number > 0)
            {
                _values.WriteByte((byte)',');
            }

            Utf8JsonText.Write(_values, value, what, depth: 2);
            _valueNumbers.Add(value, number);
        }

        _events.WriteVarUInt((ulong)number);
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _at;

        public readonly bool AtEnd => _at == _bytes.Length;

        public byte ReadByte() => _at < _bytes.Length ? _bytes[_at++] : throw Truncated();

        public ulong ReadVarUInt()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = ReadByte();
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new FormatException("integer too long");
        }

        public long ReadVarInt()
        {
            var raw = ReadVarUInt();
            return (long)(raw >> 1) ^ -(long)(raw & 1);
        }

        public string ReadString(List<string> strings)
        {
            var header = ReadVarUInt();
            var number = header >> 1;
            if ((header & 1) != 0)
            {
                return number < (ulong)strings.Count ? strings[(int)number] : throw new FormatException("reference to an unknown string");
            }

            var text = Encoding.UTF8.GetString(ReadBytes(number));
            strings.Add(text);
            return text;
        }

        public JsonValue ReadValue(JsonArray values)
        {
            var number = ReadVarUInt();
            return number < (ulong)values.Count ? values[(int)number] : throw new FormatException("reference to an unknown value");
        }

        public ReadOnlySpan<byte> ReadBytes(ulong byteCount)
        {
            if (byteCount > (ulong)(_bytes.Length - _at))
            {
                throw Truncated();
            }

            var slice = _bytes.Slice(_at, (int)byteCount);
            _at += (int)byteCount;
            return slice;
        }

        private static FormatException Truncated() => new("event chunk is truncated");
    }
}
