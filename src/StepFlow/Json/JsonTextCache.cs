using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StepFlow.Json;

/// <summary>
/// Shares the strings (and their nodes) of one parse of UTF-16 text: a member name, a short string value
/// or a number text that occurs many times (<c>"Type"</c>, <c>"$.v"</c>, <c>2.0</c>) is allocated once.
/// Entries are keyed by the decoded characters, so escaped texts are shared too. Probing is bounded, so
/// crafted colliding keys simply go uncached. Strings and nodes are immutable, so sharing them is invisible.
/// </summary>
internal sealed class JsonTextCache
{
    /// <summary>Longer texts are rarely repeated and are not cached.</summary>
    public const int MaxCachedChars = 64;

    private const int InitialCapacity = 256;
    private const int MaxKeptCapacity = 8192;
    private const int MaxProbe = 32;

    /// <summary>A per-process seed, so that which texts collide cannot be planned.</summary>
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1;

    private Entry[] _entries = new Entry[InitialCapacity];
    private int _count;

    /// <summary>The slot holding <paramref name="text"/> (added when absent), or -1 when it is not cached.</summary>
    public int Slot(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxCachedChars)
        {
            return -1;
        }

        var hash = Hash(text);
        var entries = _entries;
        var mask = entries.Length - 1;
        var slot = hash & mask;
        for (var probe = 0; probe < MaxProbe; probe++, slot = (slot + 1) & mask)
        {
            ref var entry = ref entries[slot];
            if (entry.Text is null)
            {
                if ((_count + 1) * 2 > entries.Length)
                {
                    Grow();
                    return Slot(text);
                }

                entry = new Entry(hash, text.ToString());
                _count++;
                return slot;
            }

            if (entry.Hash == hash && text.SequenceEqual(entry.Text))
            {
                return slot;
            }
        }

        return -1;
    }

    /// <summary>The string of a slot.</summary>
    public string TextAt(int slot) => _entries[slot].Text;

    /// <summary>The node shared by every occurrence of a slot's text (null until one is made).</summary>
    public ref JsonValue? NodeAt(int slot) => ref _entries[slot].Node;

    /// <summary>The string for <paramref name="text"/>, shared when short.</summary>
    public string Name(ReadOnlySpan<char> text)
    {
        var slot = Slot(text);
        return slot < 0 ? text.ToString() : _entries[slot].Text;
    }

    /// <summary>The string node for <paramref name="text"/>, shared when short.</summary>
    public JsonString Value(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return JsonString.Empty;
        }

        var slot = Slot(text);
        if (slot < 0)
        {
            return new JsonString(text.ToString());
        }

        ref var entry = ref _entries[slot];
        return (JsonString)(entry.Node ??= new JsonString(entry.Text));
    }

    /// <summary>Forgets this parse's strings so that nothing outlives the parse through the cache.</summary>
    public void Clear()
    {
        if (_count == 0)
        {
            return;
        }

        if (_entries.Length > MaxKeptCapacity)
        {
            _entries = new Entry[InitialCapacity];
        }
        else
        {
            Array.Clear(_entries);
        }

        _count = 0;
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

    /// <summary>
    /// A fast seeded hash of short texts (8 bytes a step). It need not resist planned collisions: probing is
    /// bounded, so colliding texts only go uncached.
    /// </summary>
    private static int Hash(ReadOnlySpan<char> text)
    {
        ref var start = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(text));
        var bytes = text.Length * 2;
        var hash = Seed ^ (ulong)bytes;
        var i = 0;
        for (; i + 8 <= bytes; i += 8)
        {
            hash = (hash ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i))) * 0x9E3779B97F4A7C15UL;
            hash ^= hash >> 31;
        }

        if (i < bytes)
        {
            ulong tail = bytes >= 8
                ? Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, bytes - 8))
                : bytes >= 4
                    ? Unsafe.ReadUnaligned<uint>(ref start) | ((ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, bytes - 4)) << 32)
                    : Unsafe.ReadUnaligned<ushort>(ref start);
            hash = (hash ^ tail) * 0x9E3779B97F4A7C15UL;
        }

        hash ^= hash >> 29;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 32;
        return (int)hash & 0x7FFFFFFF;
    }

    private struct Entry(int hash, string text)
    {
        public readonly int Hash = hash;
        public readonly string Text = text;
        public JsonValue? Node;
    }
}
