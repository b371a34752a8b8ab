using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace StepFlow.Json;

/// <summary>
/// Turns the tokens of a <see cref="Utf8JsonReader"/> into a <see cref="JsonValue"/> tree. Members and
/// items of the objects and arrays being read wait on two shared stacks, so an object costs one exact-size
/// array rather than a growing list. One instance per thread is reused; it is not re-entrant.
/// </summary>
internal sealed partial class JsonTreeBuilder
{
    /// <summary>Objects with at least this many members look duplicates up in a dictionary.</summary>
    private const int LinearSearchLimit = 16;

    /// <summary>Stacks that grew past this for one huge text are not kept for the next parse.</summary>
    private const int MaxKeptStack = 4096;

    [ThreadStatic]
    private static JsonTreeBuilder? _cached;

    private readonly JsonStringCache _strings = new();
    private KeyValuePair<string, JsonValue>[] _members = new KeyValuePair<string, JsonValue>[64];
    private JsonValue[] _items = new JsonValue[64];
    private JsonPathToken[] _path = new JsonPathToken[16];
    private int _memberTop;
    private int _itemTop;
    private int _memberHigh;
    private int _itemHigh;
    private int _depth;
    private List<JsonDuplicateKey>? _duplicates;

    /// <summary>Name indexes of large objects being read, one per nesting depth (reused from parse to parse).</summary>
    private readonly List<Dictionary<string, int>?> _positions = [];

    /// <summary>Takes this thread's builder (or a new one); <paramref name="duplicates"/>, when given, receives every repeated member name.</summary>
    public static JsonTreeBuilder Rent(List<JsonDuplicateKey>? duplicates)
    {
        var builder = _cached ?? new JsonTreeBuilder();
        _cached = null;
        builder._duplicates = duplicates;
        return builder;
    }

    /// <summary>Clears the builder (so it holds no part of the tree) and keeps it for the next parse on this thread.</summary>
    public static void Return(JsonTreeBuilder builder)
    {
        Array.Clear(builder._members, 0, builder._memberHigh);
        Array.Clear(builder._items, 0, builder._itemHigh);
        if (builder._members.Length > MaxKeptStack)
        {
            builder._members = new KeyValuePair<string, JsonValue>[MaxKeptStack];
        }

        if (builder._items.Length > MaxKeptStack)
        {
            builder._items = new JsonValue[MaxKeptStack];
        }

        Array.Clear(builder._path);
        builder._memberTop = builder._itemTop = builder._memberHigh = builder._itemHigh = builder._depth = 0;
        builder._duplicates = null;
        for (var i = 0; i < builder._positions.Count; i++)
        {
            // Emptied so that no name outlives the parse; an index that grew for one huge object is not kept.
            if (builder._positions[i] is { } positions)
            {
                builder._positions[i] = positions.Count > MaxKeptStack ? null : positions;
                positions.Clear();
            }
        }

        builder._strings.Clear();
        builder.ClearText();
        _cached = builder;
    }

    /// <summary>
    /// Fails with a parse error, not a stack overflow, when the thread has too little stack left for one more level
    /// (a small thread, or a deep caller): the depth limit alone is not a promise about any particular thread.
    /// </summary>
    private static void EnsureStack(ref Utf8JsonReader reader)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw JsonTextParser.Error(
                ref reader,
                $"The JSON is nested {reader.CurrentDepth + 1} levels deep, more than this thread's stack can read");
        }
    }

    /// <summary>Reads the value whose first token is the reader's current token.</summary>
    public JsonValue ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return ReadObject(ref reader);
            case JsonTokenType.StartArray:
                return ReadArray(ref reader);
            case JsonTokenType.String:
                return _strings.Value(ref reader);
            case JsonTokenType.Number:
                return JsonNumber.Parse(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
            case JsonTokenType.True:
                return JsonValue.True;
            case JsonTokenType.False:
                return JsonValue.False;
            case JsonTokenType.Null:
                return JsonValue.Null;
            default:
                throw JsonTextParser.Error(ref reader, $"Unexpected token {reader.TokenType}.");
        }
    }

    private JsonObject ReadObject(ref Utf8JsonReader reader)
    {
        EnsureStack(ref reader);
        var start = _memberTop;
        var depth = _depth++;
        Dictionary<string, int>? positions = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = _strings.Name(ref reader);
            var existing = FindMember(start, depth, ref positions, name);
            if (existing >= 0)
            {
                _duplicates?.Add(new JsonDuplicateKey(_path[..depth], name));
            }

            reader.Read();
            if (_duplicates is not null)
            {
                SetPath(depth, new JsonPathToken(name, -1));
            }

            var value = ReadValue(ref reader);
            if (existing >= 0)
            {
                _members[start + existing] = new KeyValuePair<string, JsonValue>(name, value);
            }
            else
            {
                positions?.Add(name, _memberTop - start);
                PushMember(new KeyValuePair<string, JsonValue>(name, value));
            }
        }

        _depth = depth;
        var count = _memberTop - start;
        if (count == 0)
        {
            return JsonObject.Empty;
        }

        var members = new KeyValuePair<string, JsonValue>[count];
        Array.Copy(_members, start, members, 0, count);
        _memberTop = start;
        return JsonObject.TakeOwnership(members);
    }

    private JsonArray ReadArray(ref Utf8JsonReader reader)
    {
        EnsureStack(ref reader);
        var start = _itemTop;
        var depth = _depth++;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (_duplicates is not null)
            {
                SetPath(depth, new JsonPathToken(null, _itemTop - start));
            }

            PushItem(ReadValue(ref reader));
        }

        _depth = depth;
        var count = _itemTop - start;
        if (count == 0)
        {
            return JsonArray.Empty;
        }

        var items = new JsonValue[count];
        Array.Copy(_items, start, items, 0, count);
        _itemTop = start;
        return JsonArray.TakeOwnership(items);
    }

    /// <summary>
    /// The position (relative to <paramref name="start"/>) of the member named <paramref name="name"/>, or -1. A large
    /// object at nesting <paramref name="depth"/> indexes its names in this builder's dictionary for that depth.
    /// </summary>
    private int FindMember(int start, int depth, ref Dictionary<string, int>? positions, string name)
    {
        var count = _memberTop - start;
        if (positions is null && count < LinearSearchLimit)
        {
            var members = _members;
            for (var i = start; i < _memberTop; i++)
            {
                if (string.Equals(members[i].Key, name, StringComparison.Ordinal))
                {
                    return i - start;
                }
            }

            return -1;
        }

        if (positions is null)
        {
            positions = RentPositions(depth);
            for (var i = 0; i < count; i++)
            {
                positions[_members[start + i].Key] = i;
            }
        }

        return positions.TryGetValue(name, out var position) ? position : -1;
    }

    /// <summary>The (emptied) name index for a large object at <paramref name="depth"/>; kept for the next parse.</summary>
    private Dictionary<string, int> RentPositions(int depth)
    {
        while (_positions.Count <= depth)
        {
            _positions.Add(null);
        }

        var positions = _positions[depth] ??= new Dictionary<string, int>(StringComparer.Ordinal);
        positions.Clear();
        return positions;
    }

    private void PushMember(KeyValuePair<string, JsonValue> member)
    {
        if (_memberTop == _members.Length)
        {
            Array.Resize(ref _members, _members.Length * 2);
        }

        _members[_memberTop++] = member;
        _memberHigh = Math.Max(_memberHigh, _memberTop);
    }

    private void PushItem(JsonValue item)
    {
        if (_itemTop == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_itemTop++] = item;
        _itemHigh = Math.Max(_itemHigh, _itemTop);
    }

    private void SetPath(int depth, JsonPathToken token)
    {
        if (depth >= _path.Length)
        {
            Array.Resize(ref _path, Math.Max(_path.Length * 2, depth + 1));
        }

        _path[depth] = token;
    }
}
