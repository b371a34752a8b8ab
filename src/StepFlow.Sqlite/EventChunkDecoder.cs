using StepFlow.Durability;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Persistence;

namespace StepFlow.Sqlite;

/// <summary>Reads chunks of format 2 (see <see cref="EventChunkCodec"/>). Anything that does not decode is a <see cref="FormatException"/>.</summary>
internal static class EventChunkDecoder
{
    /// <summary>Decodes the chunk after its format byte.</summary>
    public static void Decode(ref ChunkByteReader reader, long firstId, long lastId, List<StoredEvent> into)
    {
        var strings = new List<string>();
        var containers = new List<JsonValue?>();
        var previousTicks = 0L;
        for (var id = firstId; id <= lastId; id++)
        {
            var flags = reader.ReadByte();
            if ((flags & ~EventChunkCodec.KnownFlags) != 0 ||
                (flags & (EventChunkCodec.HasJournalValue | EventChunkCodec.HasVisitJournal)) == (EventChunkCodec.HasJournalValue | EventChunkCodec.HasVisitJournal))
            {
                throw new FormatException("unknown event flags");
            }

            var ticks = EventChunkCodec.CheckTicks(previousTicks + reader.ReadVarInt());
            previousTicks = ticks;
            var type = reader.ReadString(strings);
            var stateName = (flags & EventChunkCodec.HasStateName) != 0 ? reader.ReadString(strings) : null;
            var index = reader.ReadInt32();
            var visit = reader.ReadInt32();
            var scope = (flags & EventChunkCodec.HasScope) != 0 ? reader.ReadString(strings) : null;
            var data = (flags & EventChunkCodec.HasData) != 0 ? ReadValue(ref reader, strings, containers, 1) : null;
            var extra = (flags & EventChunkCodec.HasExtra) != 0 ? Object(ReadValue(ref reader, strings, containers, 1), "event detail") : null;
            var journal = (flags & EventChunkCodec.HasJournalValue) != 0 ? Object(ReadValue(ref reader, strings, containers, 1), "event journal") : null;
            if ((flags & EventChunkCodec.HasVisitJournal) != 0)
            {
                journal = ReadJournal(ref reader, strings, containers, scope, visit).ToJson();
            }

            into.Add(EventChunkDecoder.StoredEventOf(id, ticks, type, stateName, data, extra, index, scope, visit, journal));
        }
    }

    /// <summary>A decoded event, whichever chunk format it came from.</summary>
    internal static StoredEvent StoredEventOf(
        long id, long ticks, string type, string? stateName, JsonValue? data, JsonObject? extra, int index, string? scope, int visit, JsonObject? journal) =>
        new()
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
        };

    private static VisitJournal ReadJournal(ref ChunkByteReader reader, List<string> strings, List<JsonValue?> containers, string? scope, int visit)
    {
        var kind = (JournalKind)reader.ReadByte();
        var generation = reader.ReadInt32();
        if (kind == JournalKind.Started)
        {
            return VisitJournal.Started(reader.ReadString(strings));
        }

        if (scope is null || !Enum.IsDefined(kind))
        {
            throw new FormatException(scope is null ? "a state's journal without a scope" : "unknown journal kind");
        }

        switch (kind)
        {
            case JournalKind.Exited:
                var shape = reader.ReadByte();
                if ((shape & ~3) != 0)
                {
                    throw new FormatException("unknown journal fields");
                }

                var next = (shape & 1) != 0 ? reader.ReadString(strings) : null;
                var assign = (shape & 2) != 0 ? Object(ReadValue(ref reader, strings, containers, 1), "assigned variables") : null;
                return VisitJournal.Exited(scope, visit, generation, next, assign);
            case JournalKind.TaskOutcome:
                return VisitJournal.TaskOutcome(scope, visit, generation, reader.ReadInt32());
            case JournalKind.Progress:
                return VisitJournal.Progress(scope, visit, generation, reader.ReadInt32());
            default:
                return VisitJournal.Entered(scope, visit, generation);
        }
    }

    private static JsonValue ReadValue(ref ChunkByteReader reader, List<string> strings, List<JsonValue?> containers, int depth)
    {
        var tag = reader.ReadByte();
        switch (tag)
        {
            case ChunkValueTags.Null:
                return JsonValue.Null;
            case ChunkValueTags.False:
                return JsonValue.False;
            case ChunkValueTags.True:
                return JsonValue.True;
            case ChunkValueTags.Integer:
                return JsonValue.From(reader.ReadVarInt());
            case ChunkValueTags.NumberText:
                return ReadNumberText(ref reader);
            case ChunkValueTags.String:
                return JsonValue.From(reader.ReadString(strings));
            case ChunkValueTags.Reference:
                var number = reader.ReadVarUInt();
                return number < (ulong)containers.Count && containers[(int)number] is { } shared
                    ? shared
                    : throw new FormatException("reference to an unknown value");
            case ChunkValueTags.Object or ChunkValueTags.Array:
                if (depth > Utf8JsonText.MaxDepth)
                {
                    throw new FormatException("value nests too deep");
                }

                var slot = containers.Count;
                containers.Add(null);
                var count = reader.ReadCount();
                JsonValue container;
                if (tag == ChunkValueTags.Object)
                {
                    var members = new KeyValuePair<string, JsonValue>[count];
                    for (var i = 0; i < count; i++)
                    {
                        var name = reader.ReadString(strings);
                        members[i] = new(name, ReadValue(ref reader, strings, containers, depth + 1));
                    }

                    CheckUniqueNames(members);
                    container = JsonValueMarshal.TakeObject(members);
                }
                else
                {
                    var items = new JsonValue[count];
                    for (var i = 0; i < count; i++)
                    {
                        items[i] = ReadValue(ref reader, strings, containers, depth + 1);
                    }

                    container = JsonValueMarshal.TakeArray(items);
                }

                containers[slot] = container;
                return container;
            default:
                throw new FormatException("unknown value tag");
        }
    }

    private static JsonValue ReadNumberText(ref ChunkByteReader reader)
    {
        var header = reader.ReadVarUInt();
        if ((header & 1) != 0)
        {
            throw new FormatException("a number's text is not a literal");
        }

        var text = reader.ReadBytes(header >> 1);
        try
        {
            return JsonValue.Parse(text) as JsonNumber ?? throw new FormatException("a number's text is not a number");
        }
        catch (JsonParseException e)
        {
            throw new FormatException("a number's text is not a number", e);
        }
    }

    private static void CheckUniqueNames(KeyValuePair<string, JsonValue>[] members)
    {
        if (members.Length <= 8)
        {
            for (var i = 1; i < members.Length; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (string.Equals(members[i].Key, members[j].Key, StringComparison.Ordinal))
                    {
                        throw new FormatException("an object holds a member name twice");
                    }
                }
            }

            return;
        }

        var names = new HashSet<string>(members.Length, StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (!names.Add(member.Key))
            {
                throw new FormatException("an object holds a member name twice");
            }
        }
    }

    private static JsonObject Object(JsonValue value, string what) =>
        value as JsonObject ?? throw new FormatException($"{what} is not an object");
}
