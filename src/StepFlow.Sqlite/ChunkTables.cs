using System.Runtime.InteropServices;

namespace StepFlow.Sqlite;

/// <summary>
/// Numbers the objects and arrays a chunk holds and finds the recent ones again by identity. Only the last
/// <see cref="Window"/> containers written or referenced are looked up (a scan of references, no hashing: a fresh
/// object would otherwise need its identity hash made): that finds what an engine shares — a state's output is the next
/// state's input and keeps most of its members — and a container used again and again stays in the window. One that
/// left it is written again, with a new number: the chunk is a little longer, never wrong.
/// </summary>
internal sealed class ContainerTable
{
    /// <summary>How many recent containers are looked up.</summary>
    public const int Window = 32;

    private readonly object?[] _keys = new object?[Window];
    private readonly int[] _numbers = new int[Window];
    private int _head;

    /// <summary>How many containers are numbered.</summary>
    public int Count { get; private set; }

    /// <summary>Forgets every number.</summary>
    public void Clear()
    {
        Array.Clear(_keys);
        Count = 0;
    }

    /// <summary>The number of <paramref name="container"/> when it is in the window; otherwise numbers it (next in order) and returns -1.</summary>
    public int FindOrAdd(object container)
    {
        var keys = _keys;
        for (var i = 0; i < keys.Length; i++)
        {
            if (ReferenceEquals(keys[i], container))
            {
                var number = _numbers[i];
                if (((_head - i) & (Window - 1)) >= Window / 2)
                {
                    // Used again after a while: keep it in the window.
                    Remember(container, number);
                }

                return number;
            }
        }

        Remember(container, Count++);
        return -1;
    }

    private void Remember(object container, int number)
    {
        _head = (_head + 1) & (Window - 1);
        _keys[_head] = container;
        _numbers[_head] = number;
    }
}

/// <summary>
/// Numbers the distinct strings a chunk holds, by content. Most strings an engine writes are the same instances
/// again and again (state names, member names, event types), so a small cache answers by reference first.
/// </summary>
internal sealed class StringTable
{
    private const int CacheSize = 256;

    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly string?[] _cached = new string?[CacheSize];
    private readonly int[] _cachedNumbers = new int[CacheSize];

    /// <summary>Forgets every number.</summary>
    public void Clear()
    {
        if (_numbers.Count > 0)
        {
            _numbers.Clear();
            Array.Clear(_cached);
        }
    }

    /// <summary>The number of <paramref name="text"/> when the chunk holds it; otherwise numbers it and returns -1.</summary>
    public int FindOrAdd(string text)
    {
        var at = Slot(text);
        if (ReferenceEquals(_cached[at], text))
        {
            return _cachedNumbers[at];
        }

        // One hash computation for a lookup that may add: the slot holds the number plus one, 0 when just added.
        var count = _numbers.Count;
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_numbers, text, out var exists);
        if (!exists)
        {
            slot = count + 1;
        }

        _cached[at] = text;
        _cachedNumbers[at] = slot - 1;
        return exists ? slot - 1 : -1;
    }

    private static int Slot(string text)
    {
        var length = text.Length;
        return length == 0 ? 0 : (int)((uint)(length * 31) ^ (uint)(text[0] * 7) ^ ((uint)text[length - 1] << 3)) & (CacheSize - 1);
    }
}
