using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StepFlow.Json;

/// <summary>
/// Sharing of identical containers within one parse of UTF-16 text (when read with a <see cref="ParseSession"/>): an object or array whose member
/// names and values are the very same nodes as those of one read earlier is that earlier node. Values come out of the
/// string and number caches shared already, so "the same" is a reference comparison of children, and sharing works
/// from the leaves up. A state machine definition repeats whole blocks (Retry and Catch policies, ResultSelectors,
/// Choice rules), and its tree then holds each block once. Trees are immutable, so sharing is invisible to readers;
/// it is only used where no one compares nodes by reference (definitions, not execution data).
/// Once a container has been found again, the text it was read from is remembered too: where the same characters come
/// a third time, the container is taken without reading them (a comparison of the two stretches of text).
/// </summary>
internal sealed partial class JsonTreeBuilder
{
    private const int InitialSharedCapacity = 256;
    private const int MaxSharedProbe = 16;

    /// <summary>
    /// A table grown for a large definition (16,384 entries hold ~8,000 containers, 256 KB) is kept for the next parse on
    /// this thread, so that parsing such definitions again does not allocate it anew each time.
    /// </summary>
    private const int MaxKeptShared = 16384;

    /// <summary>True while a text is read with a <see cref="ParseSession"/> (<see cref="_session"/>): containers are shared.</summary>
    private bool _share;

    /// <summary>The session of the text being read, which learns of every container handed out again; null when not sharing.</summary>
    private ParseSession? _session;

    /// <summary>The structural hash of the value just read (always odd), or 0 when it is not a shared node and so cannot be matched.</summary>
    private int _valueHash;

    private SharedEntry[] _shared = new SharedEntry[InitialSharedCapacity];
    private int _sharedCount;

    /// <summary>Containers whose text was read twice, by the key of their first eight characters (chained).</summary>
    private TextSpan[] _spans = new TextSpan[64];
    private int _spanCount;
    private int[] _spanHeads = new int[SpanBuckets];

    private const int SpanBuckets = 1024;
    private const int MaxSpans = 8192;

    /// <summary>Containers of fewer characters are quicker to read than to look up.</summary>
    private const int MinSpanLength = 24;

    /// <summary>
    /// The container whose text (from the bracket at <c>_pos</c>) repeats, character for character, that of a container
    /// read twice before at this depth or deeper; <c>_pos</c> and the value hash then move past it. Null when there is none.
    /// </summary>
    private JsonValue? ReuseRepeatedText(int depth)
    {
        var text = _text;
        var open = _pos;
        if (_spanCount == 0 || open > text.Length - 8)
        {
            return null;
        }

        var key = SpanKey(text, open);
        for (var i = _spanHeads[Bucket(key)] - 1; i >= 0; i = _spans[i].Next - 1)
        {
            ref var span = ref _spans[i];
            if (span.Key == key && depth <= span.Depth && span.Length <= text.Length - open &&
                text.AsSpan(open, span.Length).SequenceEqual(text.AsSpan(span.Start, span.Length)))
            {
                _pos = open + span.Length;
                _valueHash = span.Hash;
                return span.Node;
            }
        }

        return null;
    }

    /// <summary>Remembers that the text from <paramref name="open"/> to <c>_pos</c> reads as <paramref name="node"/>.</summary>
    private void RememberText(int open, int depth, int hash, JsonValue node)
    {
        var length = _pos - open;
        if (length < MinSpanLength || _spanCount >= MaxSpans || open > _text.Length - 8)
        {
            return;
        }

        if (_spanCount == _spans.Length)
        {
            Array.Resize(ref _spans, _spans.Length * 2);
        }

        var key = SpanKey(_text, open);
        ref var head = ref _spanHeads[Bucket(key)];
        _spans[_spanCount] = new TextSpan(key, open, length, depth, hash, node, head);
        head = ++_spanCount;
    }

    /// <summary>The first eight characters from <paramref name="open"/>, mixed into one key.</summary>
    private static ulong SpanKey(string text, int open)
    {
        ref var first = ref Unsafe.As<char, byte>(ref Unsafe.Add(ref MemoryMarshal.GetReference(text.AsSpan()), open));
        var low = Unsafe.ReadUnaligned<ulong>(ref first);
        var high = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, 8));
        return (low * 0x9E3779B97F4A7C15) ^ high;
    }

    private static int Bucket(ulong key) => (int)((key * 0xC2B2AE3D27D4EB4F) >> 54);

    /// <summary>Adds a member (its name's cache slot and its value's hash) to a container's running hash; 0 stays 0.</summary>
    private static int AddToShareHash(int running, int nameHash, int valueHash) =>
        running == 0 || valueHash == 0 ? 0 : (((running * 31) + nameHash) * 31) + valueHash;

    /// <summary>
    /// Ends a container whose members (an object) or items (an array) wait on the stack from <paramref name="start"/>,
    /// with <paramref name="shareHash"/> its running hash: sets the value hash, and returns the node read earlier with
    /// the very same children (then marked repeated in the session, its text remembered, the stack popped), or null when
    /// there is none.
    /// </summary>
    private JsonValue? EndShared(int shareHash, int start, int open, int depth, bool isObject)
    {
        shareHash |= shareHash == 0 ? 0 : 1;
        _valueHash = shareHash;
        if (!_share || shareHash == 0 || FindShared(shareHash, start, isObject) is not (>= 0 and var slot))
        {
            return null;
        }

        ref var entry = ref _shared[slot];
        var shared = entry.Node!;
        if (!entry.Repeated)
        {
            // The session learns of each repeated container once, not at every further place it appears.
            entry.Repeated = true;
            _session!.MarkRepeated(shared);
        }

        if (isObject)
        {
            _memberTop = start;
        }
        else
        {
            _itemTop = start;
        }

        RememberText(open, depth, shareHash, shared);
        return shared;
    }

    /// <summary>Remembers a container just made (whose hash <see cref="EndShared"/> set) for later matches.</summary>
    private void KeepShared(JsonValue node)
    {
        if (_share && _valueHash != 0)
        {
            AddShared(new SharedEntry { Hash = _valueHash, Node = node });
        }
    }

    /// <summary>The slot of the container read earlier with exactly the children waiting on the stack from <paramref name="start"/>, or -1.</summary>
    private int FindShared(int hash, int start, bool isObject)
    {
        var count = isObject ? _memberTop - start : _itemTop - start;
        var mask = _shared.Length - 1;
        for (int probe = 0, slot = hash & mask; probe < MaxSharedProbe; probe++, slot = (slot + 1) & mask)
        {
            var entry = _shared[slot];
            if (entry.Node is null)
            {
                return -1;
            }

            var same = entry.Hash == hash && (isObject
                ? entry.Node is JsonObject candidate && candidate.Count == count && SameMembers(candidate.Members, start)
                : entry.Node is JsonArray array && array.Count == count && SameItems(array.Items, start));
            if (same)
            {
                return slot;
            }
        }

        return -1;
    }

    /// <summary>Remembers <paramref name="entry"/> for later matches (silently not, when its probe run is full).</summary>
    private void AddShared(SharedEntry entry)
    {
        var hash = entry.Hash;
        if ((_sharedCount + 1) * 2 > _shared.Length)
        {
            GrowShared();
        }

        var mask = _shared.Length - 1;
        for (int probe = 0, slot = hash & mask; probe < MaxSharedProbe; probe++, slot = (slot + 1) & mask)
        {
            if (_shared[slot].Node is null)
            {
                _shared[slot] = entry;
                _sharedCount++;
                return;
            }
        }
    }

    private void ClearShared()
    {
        if (_spanCount > 0)
        {
            Array.Clear(_spans, 0, _spanCount);
            Array.Clear(_spanHeads);
            _spanCount = 0;
        }

        if (_sharedCount == 0)
        {
            return;
        }

        if (_shared.Length > MaxKeptShared)
        {
            _shared = new SharedEntry[InitialSharedCapacity];
        }
        else
        {
            Array.Clear(_shared);
        }

        _sharedCount = 0;
    }

    private bool SameMembers(ReadOnlySpan<KeyValuePair<string, JsonValue>> members, int start)
    {
        var waiting = _members.AsSpan(start, members.Length);
        for (var i = 0; i < members.Length; i++)
        {
            if (!ReferenceEquals(members[i].Key, waiting[i].Key) || !ReferenceEquals(members[i].Value, waiting[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    private bool SameItems(ReadOnlySpan<JsonValue> items, int start)
    {
        var waiting = _items.AsSpan(start, items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            if (!ReferenceEquals(items[i], waiting[i]))
            {
                return false;
            }
        }

        return true;
    }

    private void GrowShared()
    {
        var old = _shared;
        _shared = new SharedEntry[old.Length * 2];
        _sharedCount = 0;
        foreach (var entry in old)
        {
            if (entry.Node is not null)
            {
                AddShared(entry);
            }
        }
    }

    /// <summary>A container of the table, by its hash; <see cref="Repeated"/> once the session knows it was found again.</summary>
    private struct SharedEntry
    {
        public int Hash;
        public JsonValue? Node;
        public bool Repeated;
    }

    /// <summary>A stretch of the text that reads as <see cref="Node"/>; <see cref="Next"/> is the next of its bucket + 1.</summary>
    private readonly record struct TextSpan(ulong Key, int Start, int Length, int Depth, int Hash, JsonValue Node, int Next);
}
