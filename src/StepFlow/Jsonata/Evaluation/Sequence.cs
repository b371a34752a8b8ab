using StepFlow.Json;

namespace StepFlow.Jsonata.Evaluation;

/// <summary>
/// An array produced during evaluation: a JSONata sequence (flattened, unwrapped when it has one item)
/// or a constructed array. Never escapes evaluation: results are frozen into <see cref="JsonArray"/>.
/// </summary>
internal sealed class Sequence : JsonValue
{
    private JsonValue[] _items;

    public Sequence(bool isSequence = true, int capacity = 4)
    {
        _items = capacity == 0 ? [] : new JsonValue[capacity];
        IsSequence = isSequence;
    }

    public int Count { get; private set; }

    /// <summary>True for a sequence (a path or function result), false for an explicitly constructed array.</summary>
    public bool IsSequence { get; set; }

    public bool KeepSingleton { get; set; }

    public bool OuterWrapper { get; set; }

    public bool TupleStream { get; set; }

    /// <summary>Built by an array constructor in a path: not flattened by later steps.</summary>
    public bool Cons { get; set; }

    public override JsonKind Kind => JsonKind.Array;

    public ReadOnlySpan<JsonValue> Items => _items.AsSpan(0, Count);

    public JsonValue this[int index] => _items[index];

    public static Sequence Of(JsonValue item)
    {
        var s = new Sequence(true, 1);
        s.Add(item);
        return s;
    }

    public void Add(JsonValue item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(4, _items.Length * 2));
        }

        _items[Count++] = item;
    }

    public void AddRange(ReadOnlySpan<JsonValue> items)
    {
        if (Count + items.Length > _items.Length)
        {
            Array.Resize(ref _items, Math.Max(Count + items.Length, _items.Length * 2));
        }

        items.CopyTo(_items.AsSpan(Count));
        Count += items.Length;
    }

    public void Set(int index, JsonValue value) => _items[index] = value;

    /// <summary>Converts to an immutable array, freezing nested sequences.</summary>
    public JsonArray Freeze() => Freeze(0);

    private JsonArray Freeze(int depth)
    {
        ValueDepth.Check(depth);
        var result = new JsonValue[Count];
        for (var i = 0; i < Count; i++)
        {
            var item = _items[i];
            result[i] = item is Sequence s ? s.Freeze(depth + 1) : item;
        }

        return JsonArray.TakeOwnership(result);
    }

    private protected override int ComputeUtf8Length() => Freeze().Utf8Length;
}

/// <summary>One tuple of a tuple stream: the context item plus the variables bound along the path.</summary>
internal sealed class TupleValue : JsonValue
{
    public TupleValue(JsonValue? context, Dictionary<string, JsonValue?>? bindings)
    {
        Context = context;
        Bindings = bindings;
    }

    public JsonValue? Context { get; set; }

    public Dictionary<string, JsonValue?>? Bindings { get; set; }

    public override JsonKind Kind => JsonKind.Null;

    public TupleValue Copy() => new(Context, Bindings is null ? null : new Dictionary<string, JsonValue?>(Bindings, StringComparer.Ordinal));

    public void Bind(string name, JsonValue? value) => (Bindings ??= new Dictionary<string, JsonValue?>(StringComparer.Ordinal))[name] = value;

    private protected override int ComputeUtf8Length() => 4;
}

/// <summary>An infinite or NaN arithmetic result: JSONata lets it flow until something uses it (then D1001 or D3001).</summary>
internal sealed class NonFiniteNumber : JsonValue
{
    public NonFiniteNumber(double value) => Value = value;

    public double Value { get; }

    public override JsonKind Kind => JsonKind.Number;

    private protected override int ComputeUtf8Length() => 4;
}
