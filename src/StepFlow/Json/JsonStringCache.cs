using System.Text;
using System.Text.Json;

namespace StepFlow.Json;

/// <summary>
/// Shares the strings of one parse: a member name or a short string value that occurs many times
/// (<c>"Type"</c>, <c>"Next"</c>, <c>"$.v"</c>) is decoded and allocated once. Entries are keyed by the raw
/// UTF-8 bytes of the text, so a repeat costs a hash and a byte comparison. Escaped and long texts are not
/// cached. Strings and <see cref="JsonString"/> nodes are immutable, so sharing them is invisible.
/// </summary>
internal sealed class JsonStringCache
{
    /// <summary>Longer texts are rarely repeated and are not cached.</summary>
    public const int MaxCachedBytes = 64;

    private const int InitialCapacity = 256;
    private const int MaxKeptCapacity = 8192;
    private const int MaxProbe = 32;

    /// <summary>Decodes without replacing: bytes that are not UTF-8 throw <see cref="DecoderFallbackException"/>.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private Entry[] _entries = new Entry[InitialCapacity];
    private byte[] _keys = new byte[InitialCapacity * 8];
    private int _count;
    private int _keyLength;

    /// <summary>The current property name of <paramref name="reader"/>.</summary>
    public string Name(ref Utf8JsonReader reader) =>
        Cacheable(ref reader) && Find(reader.ValueSpan) is >= 0 and var slot ? _entries[slot].Text : reader.GetString()!;

    /// <summary>The current string value of <paramref name="reader"/> as a node.</summary>
    public JsonString Value(ref Utf8JsonReader reader)
    {
        if (reader.ValueSpan.IsEmpty && !reader.HasValueSequence)
        {
            return JsonString.Empty;
        }

        var slot = Cacheable(ref reader) ? Find(reader.ValueSpan) : -1;
        if (slot < 0)
        {
            return new JsonString(reader.GetString()!);
        }

        ref var entry = ref _entries[slot];
        return entry.Node ??= new JsonString(entry.Text);
    }

    /// <summary>Forgets this parse's strings so that nothing outlives the parse through the cache.</summary>
    public void Clear()
    {
        if (_entries.Length > MaxKeptCapacity)
        {
            _entries = new Entry[InitialCapacity];
            _keys = new byte[InitialCapacity * 8];
        }
        else
        {
            Array.Clear(_entries);
        }

        _count = 0;
        _keyLength = 0;
    }

    private static bool Cacheable(ref Utf8JsonReader reader) =>
        !reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.Length <= MaxCachedBytes;

    /// <summary>The slot of <paramref name="utf8"/>, added (decoded once) when absent; -1 after too long a probe.</summary>
    private int Find(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        var mask = _entries.Length - 1;
        var slot = hash & mask;
        for (var probe = 0; probe < MaxProbe; probe++, slot = (slot + 1) & mask)
        {
            ref var entry = ref _entries[slot];
            if (entry.Text is null)
            {
                return Add(slot, hash, utf8);
            }

            if (entry.Hash == hash && utf8.SequenceEqual(_keys.AsSpan(entry.KeyOffset, entry.KeyLength)))
            {
                return slot;
            }
        }

        // Crafted colliding keys must not make parsing quadratic: such a text simply goes uncached.
        return -1;
    }

    private int Add(int slot, int hash, ReadOnlySpan<byte> utf8)
    {
        if ((_count + 1) * 2 > _entries.Length)
        {
            Grow();
            return Find(utf8);
        }

        if (_keyLength + utf8.Length > _keys.Length)
        {
            Array.Resize(ref _keys, Math.Max(_keys.Length * 2, _keyLength + utf8.Length));
        }

        utf8.CopyTo(_keys.AsSpan(_keyLength));
        _entries[slot] = new Entry(hash, _keyLength, utf8.Length, StrictUtf8.GetString(utf8));
        _keyLength += utf8.Length;
        _count++;
        return slot;
    }

    private void Grow()
    {
        var old = _entries;
        _entries = new Entry[old.Length * 2];
        var mask = _entries.Length - 1;
        foreach (var entry in old)
        {
            if (entry.Text is null)
            {
                continue;
            }

            var slot = entry.Hash & mask;
            while (_entries[slot].Text is not null)
            {
                slot = (slot + 1) & mask;
            }

            _entries[slot] = entry;
        }
    }

    /// <summary>A non-negative hash, seeded per process (<see cref="HashCode"/>) so that collisions cannot be planned.</summary>
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = default(HashCode);
        hash.AddBytes(utf8);
        return hash.ToHashCode() & 0x7FFFFFFF;
    }

    private struct Entry(int hash, int keyOffset, int keyLength, string text)
    {
        public readonly int Hash = hash;
        public readonly int KeyOffset = keyOffset;
        public readonly int KeyLength = keyLength;
        public readonly string Text = text;
        public JsonString? Node;
    }
}
