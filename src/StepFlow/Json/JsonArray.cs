using System.Collections;

namespace StepFlow.Json;

/// <summary>An immutable JSON array.</summary>
public sealed class JsonArray : JsonValue, IReadOnlyList<JsonValue>
{
    /// <summary>The empty array.</summary>
    public static readonly JsonArray Empty = new([]);

    private readonly JsonValue[] _items;

    /// <summary>
    /// Where a store's event encoder last numbered this array (see <see cref="JsonValueMarshal.EncoderSlot(JsonArray)"/>): a hint the
    /// encoder checks against its own table, so a stale value, or one another encoder overwrote, only costs a miss.
    /// Never part of the value.
    /// </summary>
    internal int EncoderSlot;

    private JsonArray(JsonValue[] items)
    {
        _items = items;
        SetDepth(items);
    }

    /// <inheritdoc />
    public override JsonKind Kind => JsonKind.Array;

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <summary>The items as a span.</summary>
    public ReadOnlySpan<JsonValue> Items => _items;

    /// <inheritdoc />
    public JsonValue this[int index] => _items[index];

    /// <summary>Creates an array holding a copy of the given items.</summary>
    public static JsonArray Create(ReadOnlySpan<JsonValue> items) => items.IsEmpty ? Empty : new JsonArray(items.ToArray());

    /// <summary>Creates an array holding a copy of the given items.</summary>
    public static JsonArray Create(IEnumerable<JsonValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items.ToArray();
        return array.Length == 0 ? Empty : new JsonArray(array);
    }

    /// <summary>Creates an array that takes ownership of <paramref name="items"/>; the caller must not change it afterwards.</summary>
    internal static JsonArray TakeOwnership(JsonValue[] items) => items.Length == 0 ? Empty : new JsonArray(items);

    /// <summary>Returns a new array with the item at <paramref name="index"/> replaced.</summary>
    public JsonArray SetItem(int index, JsonValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var copy = (JsonValue[])_items.Clone();
        copy[index] = value;
        return new JsonArray(copy);
    }

    /// <inheritdoc />
    public IEnumerator<JsonValue> GetEnumerator() => ((IEnumerable<JsonValue>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    private protected override int ComputeUtf8Length()
    {
        long length = 2 + Math.Max(0, _items.Length - 1);
        foreach (var item in _items)
        {
            length += item.Utf8Length;
        }

        return (int)Math.Min(length, int.MaxValue);
    }
}
