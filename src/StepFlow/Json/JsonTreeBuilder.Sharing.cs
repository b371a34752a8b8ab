namespace StepFlow.Json;

/// <summary>
/// Sharing of identical containers within one parse of UTF-16 text (when asked for): an object or array whose member
/// names and values are the very same nodes as those of one read earlier is that earlier node. Values come out of the
/// string and number caches shared already, so "the same" is a reference comparison of children, and sharing works
/// from the leaves up. A state machine definition repeats whole blocks (Retry and Catch policies, ResultSelectors,
/// Choice rules), and its tree then holds each block once. Trees are immutable, so sharing is invisible to readers;
/// it is only used where no one compares nodes by reference (definitions, not execution data).
/// </summary>
internal sealed partial class JsonTreeBuilder
{
    private const int InitialSharedCapacity = 256;
    private const int MaxSharedProbe = 16;

    private bool _share;

    /// <summary>The structural hash of the value just read (always odd), or 0 when it is not a shared node and so cannot be matched.</summary>
    private int _valueHash;

    private SharedEntry[] _shared = new SharedEntry[InitialSharedCapacity];
    private int _sharedCount;

    /// <summary>Adds a member (its name's cache slot and its value's hash) to a container's running hash; 0 stays 0.</summary>
    private static int AddToShareHash(int running, int nameHash, int valueHash) =>
        running == 0 || valueHash == 0 ? 0 : (((running * 31) + nameHash) * 31) + valueHash;

    /// <summary>The object read earlier with exactly the members waiting on the stack from <paramref name="start"/>, or null.</summary>
    private JsonObject? FindSharedObject(int hash, int start)
    {
        var count = _memberTop - start;
        var mask = _shared.Length - 1;
        for (int probe = 0, slot = hash & mask; probe < MaxSharedProbe; probe++, slot = (slot + 1) & mask)
        {
            var entry = _shared[slot];
            if (entry.Node is null)
            {
                return null;
            }

            if (entry.Hash == hash && entry.Node is JsonObject candidate && candidate.Count == count && SameMembers(candidate.Members, start))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The array read earlier with exactly the items waiting on the stack from <paramref name="start"/>, or null.</summary>
    private JsonArray? FindSharedArray(int hash, int start)
    {
        var count = _itemTop - start;
        var mask = _shared.Length - 1;
        for (int probe = 0, slot = hash & mask; probe < MaxSharedProbe; probe++, slot = (slot + 1) & mask)
        {
            var entry = _shared[slot];
            if (entry.Node is null)
            {
                return null;
            }

            if (entry.Hash == hash && entry.Node is JsonArray candidate && candidate.Count == count && SameItems(candidate.Items, start))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Remembers <paramref name="node"/> for later matches (silently not, when its probe run is full).</summary>
    private void AddShared(int hash, JsonValue node)
    {
        if ((_sharedCount + 1) * 2 > _shared.Length)
        {
            GrowShared();
        }

        var mask = _shared.Length - 1;
        for (int probe = 0, slot = hash & mask; probe < MaxSharedProbe; probe++, slot = (slot + 1) & mask)
        {
            if (_shared[slot].Node is null)
            {
                _shared[slot] = new SharedEntry(hash, node);
                _sharedCount++;
                return;
            }
        }
    }

    private void ClearShared()
    {
        if (_sharedCount == 0)
        {
            return;
        }

        if (_shared.Length > MaxKeptStack)
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
                AddShared(entry.Hash, entry.Node);
            }
        }
    }

    private readonly record struct SharedEntry(int Hash, JsonValue? Node);
}
