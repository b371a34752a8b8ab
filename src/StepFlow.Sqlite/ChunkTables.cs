using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using StepFlow.Json;

namespace StepFlow.Sqlite;

/// <summary>
/// Numbers the objects and arrays a chunk holds and finds them again by identity, in constant time: each container
/// carries the number it was last given (<see cref="JsonValueMarshal.EncoderSlot(JsonObject)"/>), and the table checks that number against
/// its own list before it trusts it. So a number left from an earlier chunk, or written by another encoder on another
/// thread, is only a miss — the container is written in full with a new number — and never a wrong reference. Every
/// container of the chunk can be referenced, however many came between: the engine shares what it can (a state's
/// output is the next state's input and keeps most of its members).
/// </summary>
internal sealed class ContainerTable
{
    private JsonValue?[] _byNumber = new JsonValue?[256];

    /// <summary>How many containers are numbered.</summary>
    public int Count { get; private set; }

    /// <summary>Forgets every number (and lets go of the containers).</summary>
    public void Clear()
    {
        Array.Clear(_byNumber, 0, Count);
        Count = 0;
    }

    /// <summary>The number of <paramref name="obj"/> when the chunk holds it; otherwise numbers it (next in order) and returns -1.</summary>
    public int FindOrAdd(JsonObject obj) => FindOrAdd(obj, ref JsonValueMarshal.EncoderSlot(obj));

    /// <summary>The number of <paramref name="array"/> when the chunk holds it; otherwise numbers it (next in order) and returns -1.</summary>
    public int FindOrAdd(JsonArray array) => FindOrAdd(array, ref JsonValueMarshal.EncoderSlot(array));

    private int FindOrAdd(JsonValue container, ref int slot)
    {
        var number = Volatile.Read(ref slot);
        if ((uint)number < (uint)Count && ReferenceEquals(_byNumber[number], container))
        {
            return number;
        }

        number = Count;
        if (number == _byNumber.Length)
        {
            Array.Resize(ref _byNumber, number * 2);
        }

        _byNumber[number] = container;
        Count = number + 1;
        Volatile.Write(ref slot, number);
        return -1;
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FindOrAdd(string text)
    {
        var at = Slot(text);
        return ReferenceEquals(_cached[at], text) ? _cachedNumbers[at] : FindOrAddByContent(text, at);
    }

    private int FindOrAddByContent(string text, int at)
    {
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

    /// <summary>A cache slot from the length and three characters (the first and the last two: names such as P0001, P0002 differ there).</summary>
    private static int Slot(string text)
    {
        var length = text.Length;
        if (length == 0)
        {
            return 0;
        }

        var before = length > 1 ? text[length - 2] : 0u;
        var mixed = (((((uint)length * 31) + text[0]) * 31) + before) * 31 + text[length - 1];
        return (int)((mixed * 0x9E3779B1u) >> 24) & (CacheSize - 1);
    }
}
