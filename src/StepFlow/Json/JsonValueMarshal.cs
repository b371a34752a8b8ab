namespace StepFlow.Json;

/// <summary>
/// Unchecked access to JSON containers for code that encodes or decodes many values — an execution store's event
/// codec, for example — where copying every array or keeping a table keyed by object identity would cost more than
/// the work itself. As with <see cref="System.Runtime.InteropServices.CollectionsMarshal"/>, the caller keeps the
/// rules the safe API would check: ordinary code should use <see cref="JsonObject.Create(IEnumerable{KeyValuePair{string, JsonValue}})"/>,
/// <see cref="JsonArray.Create(ReadOnlySpan{JsonValue})"/> and a dictionary.
/// </summary>
public static class JsonValueMarshal
{
    /// <summary>
    /// An object that takes ownership of <paramref name="members"/> without copying it. The caller guarantees that the
    /// member names are unique and that nobody changes the array afterwards (the object is immutable only if so).
    /// </summary>
    /// <param name="members">The members in order; the object keeps this array.</param>
    public static JsonObject TakeObject(KeyValuePair<string, JsonValue>[] members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return JsonObject.TakeOwnership(members);
    }

    /// <summary>
    /// An array that takes ownership of <paramref name="items"/> without copying it. The caller guarantees that no item
    /// is null and that nobody changes the array afterwards (the value is immutable only if so).
    /// </summary>
    /// <param name="items">The items in order; the array value keeps this array.</param>
    public static JsonArray TakeArray(JsonValue[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return JsonArray.TakeOwnership(items);
    }

    /// <summary>
    /// A number an encoder may leave on <paramref name="obj"/> to find it again in a table of its own in constant time
    /// (for example to write a repeated object as a reference to its first occurrence). It is never part of the value:
    /// equality, hashing and writing ignore it. Any encoder, on any thread, may overwrite it at any time, so an encoder
    /// must check the number against its own table before trusting it (read and write it with
    /// <see cref="Volatile"/>): a stale number, or another encoder's, must only cost a miss.
    /// </summary>
    public static ref int EncoderSlot(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return ref obj.EncoderSlot;
    }

    /// <summary>The same number as <see cref="EncoderSlot(JsonObject)"/>, on an array.</summary>
    public static ref int EncoderSlot(JsonArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        return ref array.EncoderSlot;
    }
}
