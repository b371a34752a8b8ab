using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace StepFlow.Json;

/// <summary>
/// An immutable JSON object that keeps its members in insertion order. Member names are unique.
/// </summary>
public sealed class JsonObject : JsonValue, IReadOnlyList<KeyValuePair<string, JsonValue>>
{
    /// <summary>The empty object.</summary>
    public static readonly JsonObject Empty = new([]);

    private const int IndexThreshold = 8;

    private readonly KeyValuePair<string, JsonValue>[] _members;
    private Dictionary<string, int>? _index;

    /// <summary>
    /// For small objects: one bit per member name (chosen by <see cref="NameBit"/>), set on the first lookup;
    /// 0 until then. A lookup whose bit is clear misses without comparing any name. (32 bits fit in the
    /// object's padding, so the object is no larger for it.)
    /// </summary>
    private uint _nameBits;

    /// <summary>
    /// Where a store's event encoder last numbered this object (see <see cref="JsonValueMarshal.EncoderSlot(JsonObject)"/>): a hint
    /// the encoder checks against its own table, so a stale value, or one another encoder overwrote, only costs a miss.
    /// Never part of the value. (It fits in the object's padding.)
    /// </summary>
    internal int EncoderSlot;

    private JsonObject(KeyValuePair<string, JsonValue>[] members)
    {
        _members = members;
        SetDepth(members);
    }

    /// <inheritdoc />
    public override JsonKind Kind => JsonKind.Object;

    /// <summary>The number of members.</summary>
    public int Count => _members.Length;

    /// <summary>The members in order.</summary>
    public ReadOnlySpan<KeyValuePair<string, JsonValue>> Members => _members;

    /// <summary>The member names in order.</summary>
    public IEnumerable<string> Keys => _members.Select(m => m.Key);

    /// <inheritdoc />
    public KeyValuePair<string, JsonValue> this[int index] => _members[index];

    /// <summary>The value of the member named <paramref name="name"/>; throws when absent.</summary>
    public JsonValue this[string name] =>
        TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"The object has no member '{name}'.");

    /// <summary>Creates an object from members; a later duplicate name replaces the earlier value in its place.</summary>
    public static JsonObject Create(IEnumerable<KeyValuePair<string, JsonValue>> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var builder = new JsonObjectBuilder();
        foreach (var member in members)
        {
            builder.Set(member.Key, member.Value);
        }

        return builder.Build();
    }

    /// <summary>Creates an object from (name, value) pairs.</summary>
    public static JsonObject Create(params (string Name, JsonValue Value)[] members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return Create(members.Select(m => new KeyValuePair<string, JsonValue>(m.Name, m.Value)));
    }

    /// <summary>Wraps members whose names are known to be unique; the caller must not change the array afterwards.</summary>
    internal static JsonObject TakeOwnership(KeyValuePair<string, JsonValue>[] members) =>
        members.Length == 0 ? Empty : new JsonObject(members);

    /// <summary>
    /// Wraps members whose names are known to be unique, with what the caller already knows of them: the
    /// lookup bits of their names (<see cref="NameBits"/>, or 0 when unknown) and the object's UTF-8 length
    /// (or -1 when unknown). The caller must not change the array afterwards.
    /// </summary>
    internal static JsonObject TakeOwnership(KeyValuePair<string, JsonValue>[] members, uint nameBits, long utf8Length)
    {
        if (members.Length == 0)
        {
            return Empty;
        }

        var result = new JsonObject(members) { _nameBits = members.Length <= IndexThreshold ? nameBits : 0 };
        if (utf8Length >= 0)
        {
            result.SeedUtf8Length((int)Math.Min(utf8Length, int.MaxValue));
        }

        return result;
    }

    /// <summary>The lookup bits of a set of member names, for <see cref="TakeOwnership(KeyValuePair{string, JsonValue}[], uint, long)"/>.</summary>
    internal static uint NameBits(IEnumerable<string> names)
    {
        var bits = 0u;
        foreach (var name in names)
        {
            bits |= NameBit(name);
        }

        return bits;
    }

    /// <summary>The UTF-8 length an object's member names and punctuation take: all but its values.</summary>
    internal static long FixedUtf8Length(IReadOnlyCollection<string> names)
    {
        long length = 2 + Math.Max(0, names.Count - 1);
        foreach (var name in names)
        {
            length += JsonTextWriter.EscapedUtf8Length(name) + 1;
        }

        return length;
    }

    /// <summary>Looks a member up by name.</summary>
    public bool TryGetValue(string name, [MaybeNullWhen(false)] out JsonValue value)
    {
        var position = IndexOf(name);
        if (position < 0)
        {
            value = null;
            return false;
        }

        value = _members[position].Value;
        return true;
    }

    /// <summary>Looks a member up by name, with the name's <see cref="NameBit"/> computed beforehand (compiled paths keep it).</summary>
    internal bool TryGetValue(string name, uint nameBit, [MaybeNullWhen(false)] out JsonValue value)
    {
        var position = IndexOf(name, nameBit);
        if (position < 0)
        {
            value = null;
            return false;
        }

        value = _members[position].Value;
        return true;
    }

    /// <summary>True when a member of that name exists.</summary>
    public bool ContainsKey(string name) => IndexOf(name) >= 0;

    /// <summary>
    /// Returns a new object with the member set: replaced in place when it exists, appended otherwise.
    /// The other members' values are shared, not copied.
    /// </summary>
    public JsonObject SetItem(string name, JsonValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        return SetItemAt(IndexOf(name), name, value);
    }

    /// <summary>
    /// <see cref="SetItem"/> for a caller that already looked the name up: <paramref name="position"/> is the
    /// member's index from <see cref="IndexOf(string, uint)"/>, or negative when there is no such member.
    /// </summary>
    internal JsonObject SetItemAt(int position, string name, JsonValue value)
    {
        KeyValuePair<string, JsonValue>[] copy;
        var known = CachedUtf8Length;
        long length;
        if (position >= 0)
        {
            copy = (KeyValuePair<string, JsonValue>[])_members.Clone();
            copy[position] = new KeyValuePair<string, JsonValue>(name, value);
            length = known < 0 || value.Utf8LengthOrUnknown is not (>= 0 and var added)
                ? -1
                : (long)known - _members[position].Value.Utf8Length + added;
        }
        else
        {
            copy = new KeyValuePair<string, JsonValue>[_members.Length + 1];
            Array.Copy(_members, copy, _members.Length);
            copy[^1] = new KeyValuePair<string, JsonValue>(name, value);
            length = known < 0 || value.Utf8LengthOrUnknown is not (>= 0 and var added)
                ? -1
                : (long)known + (_members.Length == 0 ? 0 : 1) + JsonTextWriter.EscapedUtf8Length(name) + 1 + added;
        }

        // The size of the new object follows from the old one's: a payload-limit check on a large
        // document that changed in one place never walks the whole document again. So do its names'
        // lookup bits, when this object's were computed.
        var bits = _nameBits;
        if (bits != 0 && position < 0)
        {
            bits |= NameBit(name);
        }

        return TakeOwnership(copy, bits, length);
    }

    /// <summary>Returns a new object without the named member (this object when it has none).</summary>
    public JsonObject Remove(string name)
    {
        var position = IndexOf(name);
        if (position < 0)
        {
            return this;
        }

        var copy = new KeyValuePair<string, JsonValue>[_members.Length - 1];
        Array.Copy(_members, 0, copy, 0, position);
        Array.Copy(_members, position + 1, copy, position, _members.Length - position - 1);
        return TakeOwnership(copy);
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, JsonValue>> GetEnumerator() =>
        ((IEnumerable<KeyValuePair<string, JsonValue>>)_members).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _members.GetEnumerator();

    private int IndexOf(string name) => IndexOf(name, _members.Length <= IndexThreshold ? NameBit(name) : 0);

    /// <summary>The position of the member named <paramref name="name"/> (whose <see cref="NameBit"/> is <paramref name="nameBit"/>), or -1.</summary>
    internal int IndexOf(string name, uint nameBit)
    {
        var members = _members;
        if (members.Length <= IndexThreshold)
        {
            var bits = _nameBits;
            if (bits == 0)
            {
                for (var i = 0; i < members.Length; i++)
                {
                    bits |= NameBit(members[i].Key);
                }

                _nameBits = bits;
            }

            if ((bits & nameBit) == 0)
            {
                return -1;
            }

            for (var i = 0; i < members.Length; i++)
            {
                var key = members[i].Key;
                if ((object)key == name || string.Equals(key, name, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        var index = _index ??= BuildIndex(members);
        return index.TryGetValue(name, out var position) ? position : -1;
    }

    /// <summary>One of 32 bits, from a name's length and first and last characters (cheap, and spread well enough for field names).</summary>
    internal static uint NameBit(string name)
    {
        if (name.Length == 0)
        {
            return 1;
        }

        var mix = ((uint)name.Length ^ ((uint)name[0] << 8) ^ ((uint)name[^1] << 16)) * 2654435761u;
        return 1u << (int)(mix >> 27);
    }

    private static Dictionary<string, int> BuildIndex(KeyValuePair<string, JsonValue>[] members)
    {
        var index = new Dictionary<string, int>(members.Length, StringComparer.Ordinal);
        for (var i = 0; i < members.Length; i++)
        {
            index[members[i].Key] = i;
        }

        return index;
    }

    private protected override int ComputeUtf8Length()
    {
        long length = 2 + Math.Max(0, _members.Length - 1);
        foreach (var member in _members)
        {
            length += JsonTextWriter.EscapedUtf8Length(member.Key) + 1 + member.Value.Utf8Length;
        }

        return (int)Math.Min(length, int.MaxValue);
    }
}
