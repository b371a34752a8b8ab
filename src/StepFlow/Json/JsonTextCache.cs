using System.Runtime.CompilerServices;

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
    public int Slot(ReadOnlySpan<char> text) => text.Length > MaxCachedChars ? -1 : Slot(text, Hash(text));

    /// <summary>As <see cref="Slot(ReadOnlySpan{char})"/> for a text of at most <see cref="MaxCachedChars"/> whose running hash (<see cref="Step"/>) is known.</summary>
    public int Slot(ReadOnlySpan<char> text, uint running) => Slot(text, Finish(running));

    private int Slot(ReadOnlySpan<char> text, int hash)
    {
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
                    return Slot(text, hash);
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

    /// <summary>The hash of a slot's text (the same for the same text, wherever the slot moves as the cache grows).</summary>
    public int HashAt(int slot) => _entries[slot].Hash;

    /// <summary>The string of a slot.</summary>
    public string TextAt(int slot) => _entries[slot].Text;

    /// <summary>The node shared by every occurrence of a slot's text (null until one is made).</summary>
    public ref JsonValue? NodeAt(int slot) => ref _entries[slot].Node;

    /// <summary>The string for <paramref name="text"/> (shared when <paramref name="slot"/>, from <see cref="Slot(ReadOnlySpan{char})"/>, is not -1).</summary>
    public string Name(ReadOnlySpan<char> text, int slot) => slot < 0 ? text.ToString() : _entries[slot].Text;

    /// <summary>The string node for <paramref name="text"/> (shared when <paramref name="slot"/> is not -1).</summary>
    public JsonString Value(ReadOnlySpan<char> text, int slot)
    {
        if (text.IsEmpty)
        {
            return JsonString.Empty;
        }

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

    /// <summary>The hash of the empty text; <see cref="Step"/> adds one character.</summary>
    public static uint Start => (uint)Seed;

    /// <summary>
    /// Adds a character to a running hash (FNV-1a, seeded). It need not resist planned collisions: probing is
    /// bounded, so colliding texts only go uncached.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Step(uint hash, char c) => (hash ^ c) * 16777619;

    private static int Hash(ReadOnlySpan<char> text)
    {
        var hash = Start;
        foreach (var c in text)
        {
            hash = Step(hash, c);
        }

        return Finish(hash);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Finish(uint hash) => (int)((hash ^ (hash >> 15)) & 0x7FFFFFFF);

    private struct Entry(int hash, string text)
    {
        public readonly int Hash = hash;
        public readonly string Text = text;
        public JsonValue? Node;
    }
}
