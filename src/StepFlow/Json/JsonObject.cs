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

    private JsonObject(KeyValuePair<string, JsonValue>[] members) => _members = members;

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
        var position = IndexOf(name);
        KeyValuePair<string, JsonValue>[] copy;
        var known = CachedUtf8Length;
        long length;
        if (position >= 0)
        {
            copy = (KeyValuePair<string, JsonValue>[])_members.Clone();
            copy[position] = new KeyValuePair<string, JsonValue>(name, value);
            length = known < 0 ? -1 : (long)known - _members[position].Value.Utf8Length + value.Utf8Length;
        }
        else
        {
            copy = new KeyValuePair<string, JsonValue>[_members.Length + 1];
            Array.Copy(_members, copy, _members.Length);
            copy[^1] = new KeyValuePair<string, JsonValue>(name, value);
            length = known < 0 ? -1 : (long)known + (_members.Length == 0 ? 0 : 1) + JsonTextWriter.EscapedUtf8Length(name) + 1 + value.Utf8Length;
        }

        // The size of the new object follows from the old one's: a payload-limit check on a large
        // document that changed in one place never walks the whole document again.
        var result = new JsonObject(copy);
        if (length >= 0)
        {
            result.SeedUtf8Length((int)Math.Min(length, int.MaxValue));
        }

        return result;
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

    private int IndexOf(string name)
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

            if ((bits & NameBit(name)) == 0)
            {
                return -1;
            }

            for (var i = 0; i < members.Length; i++)
            {
                if (string.Equals(members[i].Key, name, StringComparison.Ordinal))
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
    private static uint NameBit(string name)
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
