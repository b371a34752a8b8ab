using StepFlow.Persistence;

namespace StepFlow.Sqlite;

/// <summary>
/// A checkpoint's events already in their stored form (the rows of <c>event_chunks</c> they become), encoded on the
/// thread that recorded them, before the commit (see <see cref="IEventPreEncoder"/>). Each thread encodes with a codec
/// of its own; the bytes are the same as the commit's own encoding would write.
/// </summary>
internal sealed class EncodedChunks
{
    /// <summary>A thread keeps its codec (and the codec its buffer) after chunks up to this size.</summary>
    private const int KeptBufferBytes = 256 * 1024;

    [ThreadStatic]
    private static EventChunkCodec? t_codec;

    private readonly (int Count, byte[] Bytes)[] _chunks;

    private EncodedChunks(long firstId, int count, (int Count, byte[] Bytes)[] chunks)
    {
        FirstId = firstId;
        Count = count;
        _chunks = chunks;
    }

    /// <summary>The id of the first event.</summary>
    public long FirstId { get; }

    /// <summary>How many events the chunks hold.</summary>
    public int Count { get; }

    /// <summary>The chunks in order: how many events each holds, and its bytes.</summary>
    public ReadOnlySpan<(int Count, byte[] Bytes)> Chunks => _chunks;

    /// <summary>Encodes <paramref name="events"/> into chunks.</summary>
    /// <exception cref="ArgumentException">An event holds text or JSON the store could not read back as it was.</exception>
    public static EncodedChunks Encode(RecordedEvents events)
    {
        var codec = t_codec ??= new EventChunkCodec();
        var at = 0;
        var count = codec.Encode(events, at);
        if (count == events.Count)
        {
            // The usual case: one chunk.
            var chunk = codec.Chunk.ToArray();
            Release(chunk.Length);
            return new EncodedChunks(events.FirstId, events.Count, [(count, chunk)]);
        }

        var chunks = new List<(int Count, byte[] Bytes)>();
        while (true)
        {
            chunks.Add((count, codec.Chunk.ToArray()));
            at += count;
            if (at == events.Count)
            {
                Release(EventChunkCodec.TargetBytes);
                return new EncodedChunks(events.FirstId, events.Count, [.. chunks]);
            }

            count = codec.Encode(events, at);
        }
    }

    /// <summary>Drops this thread's codec after a large chunk, so that an idle pool thread does not keep a large buffer.</summary>
    private static void Release(int chunkBytes)
    {
        if (chunkBytes > KeptBufferBytes)
        {
            t_codec = null;
        }
    }

    /// <summary>Whether these are the chunks of exactly <paramref name="events"/>.</summary>
    public bool Hold(RecordedEvents events) => events.FirstId == FirstId && events.Count == Count;
}
