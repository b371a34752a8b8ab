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
    public int Slot(ReadOnlySpan<char> text) => text.Length > MaxCachedChars ? -1 : Slot(text, Hash(text));

    /// <summary>
    /// As <see cref="Slot(ReadOnlySpan{char})"/> for a text of at most <see cref="MaxCachedChars"/> whose running hash is
    /// known: <see cref="Step4"/> over its whole four-character blocks, then <see cref="Step"/> over the rest.
    /// </summary>
    public int Slot(ReadOnlySpan<char> text, ulong running) => Slot(text, Finish(running));

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

    /// <summary>The shared string node of a slot's text.</summary>
    private JsonString ValueAt(int slot)
    {
        ref var entry = ref _entries[slot];
        return entry.Text.Length == 0 ? JsonString.Empty : (JsonString)(entry.Node ??= new JsonString(entry.Text));
    }

    /// <summary>The node shared by every occurrence of a slot's text (null until one is made).</summary>
    public ref JsonValue? NodeAt(int slot) => ref _entries[slot].Node;

    /// <summary>The string for <paramref name="text"/> (shared when <paramref name="slot"/>, from <see cref="Slot(ReadOnlySpan{char})"/>, is not -1).</summary>
    public string Name(ReadOnlySpan<char> text, int slot) => slot < 0 ? text.ToString() : _entries[slot].Text;

    /// <summary>The string node for <paramref name="text"/> (shared when <paramref name="slot"/> is not -1).</summary>
    public JsonString Value(ReadOnlySpan<char> text, int slot) =>
        text.IsEmpty ? JsonString.Empty : slot < 0 ? new JsonString(text.ToString()) : ValueAt(slot);

    /// <summary>
    /// Adds <paramref name="words"/> as they are (these very instances), so that a parse hands out the caller's own
    /// strings for them. They are forgotten with the rest at <see cref="Clear"/>.
    /// </summary>
    public void AddWords(IReadOnlyList<string> words)
    {
        while ((_count + words.Count) * 2 > _entries.Length)
        {
            Grow();
        }

        var entries = _entries;
        var mask = entries.Length - 1;
        foreach (var word in words)
        {
            var hash = Hash(word);
            for (int probe = 0, slot = hash & mask; probe < MaxProbe; probe++, slot = (slot + 1) & mask)
            {
                ref var entry = ref entries[slot];
                if (entry.Text is null)
                {
                    entry = new Entry(hash, word);
                    _count++;
                    break;
                }

                if (entry.Hash == hash && string.Equals(entry.Text, word, StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
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

    /// <summary>The hash of the empty text; <see cref="Step4"/> and <see cref="Step"/> add characters.</summary>
    public static ulong Start => Seed;

    /// <summary>
    /// Adds four characters, read from memory as one 64-bit block. A text's hash takes its characters in whole blocks
    /// of four from its start, then the last one to three one at a time, so every reader of a text gets the same hash.
    /// It need not resist planned collisions: probing is bounded, so colliding texts only go uncached.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Step4(ulong hash, ulong block) => (hash ^ block) * Prime;

    /// <summary>Adds one of the last (fewer than four) characters of a text; see <see cref="Step4"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Step(ulong hash, char c) => (hash ^ c) * Prime;

    private const ulong Prime = 0x100000001B3;

    private static int Hash(ReadOnlySpan<char> text)
    {
        var hash = Start;
        var blocks = MemoryMarshal.Cast<char, ulong>(text[..(text.Length & ~3)]);
        foreach (var block in blocks)
        {
            hash = Step4(hash, block);
        }

        foreach (var c in text[(text.Length & ~3)..])
        {
            hash = Step(hash, c);
        }

        return Finish(hash);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Finish(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCD;
        hash ^= hash >> 33;
        return (int)(hash & 0x7FFFFFFF);
    }

    private struct Entry(int hash, string text)
    {
        public readonly int Hash = hash;
        public readonly string Text = text;
        public JsonValue? Node;
    }
}
