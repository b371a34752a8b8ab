using System.Text.Json;

namespace StepFlow.Json;

/// <summary>
/// Shares the strings of one parse: a member name or a short string value that occurs many times
/// (<c>"Type"</c>, <c>"Next"</c>, <c>"$.v"</c>) is allocated once. Looked up by the unescaped characters,
/// so nothing is allocated for a repeat. Strings and <see cref="JsonString"/> nodes are immutable, so sharing them is invisible.
/// </summary>
internal sealed class JsonStringCache
{
    /// <summary>Longer texts are rarely repeated and are not cached.</summary>
    public const int MaxCachedBytes = 64;

    private const int TrimAbove = 4096;

    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonString> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;
    private readonly Dictionary<string, JsonString>.AlternateLookup<ReadOnlySpan<char>> _valueLookup;

    public JsonStringCache()
    {
        _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        _valueLookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The current property name of <paramref name="reader"/>.</summary>
    public string Name(ref Utf8JsonReader reader)
    {
        if (reader.ValueSpan.Length > MaxCachedBytes)
        {
            return reader.GetString()!;
        }

        Span<char> chars = stackalloc char[MaxCachedBytes];
        var text = chars[..reader.CopyString(chars)];
        if (_nameLookup.TryGetValue(text, out var name))
        {
            return name;
        }

        name = text.ToString();
        _names.Add(name, name);
        return name;
    }

    /// <summary>The current string value of <paramref name="reader"/> as a node.</summary>
    public JsonString Value(ref Utf8JsonReader reader)
    {
        if (reader.ValueSpan.Length > MaxCachedBytes)
        {
            return new JsonString(reader.GetString()!);
        }

        if (reader.ValueSpan.IsEmpty)
        {
            return JsonString.Empty;
        }

        Span<char> chars = stackalloc char[MaxCachedBytes];
        var text = chars[..reader.CopyString(chars)];
        if (_valueLookup.TryGetValue(text, out var node))
        {
            return node;
        }

        // A value equal to a name shares the name's string.
        var value = _nameLookup.TryGetValue(text, out var name) ? name : text.ToString();
        node = new JsonString(value);
        _values.Add(value, node);
        return node;
    }

    /// <summary>Forgets this parse's strings so that nothing outlives the parse through the cache.</summary>
    public void Clear()
    {
        _names.Clear();
        _values.Clear();
        if (_names.EnsureCapacity(0) > TrimAbove)
        {
            _names.TrimExcess();
        }

        if (_values.EnsureCapacity(0) > TrimAbove)
        {
            _values.TrimExcess();
        }
    }
}
