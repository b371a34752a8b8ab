using System.Globalization;

namespace StepFlow.Json;

/// <summary>
/// An immutable JSON value. Values are shared freely between states, executions and threads:
/// nothing ever mutates one, so a state that passes data on never copies it.
/// </summary>
public abstract partial class JsonValue : IEquatable<JsonValue>
{
    /// <summary>
    /// The deepest nesting of arrays and objects a value may have where the engine takes it in: the parser's default
    /// limit (as System.Text.Json's), and the limit on execution input, task results, callback output, state input and
    /// output and variables. Deeper data is rejected there with AWS's error for that place.
    /// </summary>
    public const int MaxDepth = 512;

    /// <summary>
    /// The deepest nesting that walks over a value (writing its text, measuring its size) accept: <see cref="MaxDepth"/>
    /// plus 64 levels of room for what the engine wraps around accepted data (the context object, Parallel and Map
    /// result arrays, payload templates). A deeper value makes them throw <see cref="JsonNestingException"/>, never
    /// overflow the stack. Equality and hashing work at any depth.
    /// </summary>
    public const int MaxWalkDepth = MaxDepth + 64;

    private int _utf8Length = -1;

    /// <summary>Set once by the container constructors: 1 + the deepest child, saturating at <see cref="ushort.MaxValue"/>.</summary>
    private ushort _depth;

    /// <summary>
    /// Whether every string and member name in the value is valid UTF-16: 0 not known yet, 1 yes, 2 no. Found once per node
    /// (<see cref="JsonDataProblems"/>) and known from the start for a parsed value (JSON text cannot hold a lone surrogate).
    /// </summary>
    internal byte UnicodeState;

    private protected JsonValue()
    {
    }

    /// <summary>
    /// How deeply arrays and objects nest in this value: 0 for a string, number, boolean or null, 1 for an array or
    /// object holding only those, and so on (values deeper than 65,535 report 65,535). Known without walking the value.
    /// </summary>
    public int Depth => _depth;

    /// <summary>The JSON <c>null</c> value.</summary>
    public static JsonValue Null => JsonNull.Instance;

    /// <summary>The JSON <c>true</c> value.</summary>
    public static JsonValue True => JsonBool.TrueValue;

    /// <summary>The JSON <c>false</c> value.</summary>
    public static JsonValue False => JsonBool.FalseValue;

    /// <summary>What kind of JSON value this is.</summary>
    public abstract JsonKind Kind { get; }

    /// <summary>
    /// The number of bytes of this value's compact UTF-8 JSON text. Computed once per value and
    /// cached, so checking a payload limit on a value built from shared parts costs only the new parts.
    /// </summary>
    public int Utf8Length
    {
        get
        {
            var length = _utf8Length;
            if (length < 0)
            {
                ThrowIfTooDeepToWalk("measure");
                length = ComputeUtf8Length();
                _utf8Length = length;
            }

            return length;
        }
    }

    /// <summary>
    /// <see cref="Utf8Length"/>, or -1 for a value too deep to measure (deeper than <see cref="MaxWalkDepth"/>): for
    /// code that derives a new value's size from its parts and can leave it unknown instead of failing.
    /// </summary>
    internal long Utf8LengthOrUnknown => _utf8Length >= 0 ? _utf8Length : _depth > MaxWalkDepth ? -1 : Utf8Length;

    /// <summary>Creates a boolean value.</summary>
    public static JsonValue From(bool value) => value ? JsonBool.TrueValue : JsonBool.FalseValue;

    /// <summary>Creates a string value.</summary>
    public static JsonString From(string value) => new(value);

    /// <summary>Creates an integer number value.</summary>
    public static JsonNumber From(long value) => JsonNumber.FromInteger(value);

    /// <summary>Creates a floating-point number value.</summary>
    public static JsonNumber From(double value) => JsonNumber.FromDouble(value);

    /// <summary>Parses JSON text. Throws <see cref="JsonParseException"/> with line and position on bad input.</summary>
    public static JsonValue Parse(string json, JsonParseOptions? options = null) =>
        JsonTextParser.Parse(json, options ?? JsonParseOptions.Default);

    /// <summary>Parses UTF-8 JSON bytes. Throws <see cref="JsonParseException"/> with line and position on bad input.</summary>
    public static JsonValue Parse(ReadOnlySpan<byte> utf8Json, JsonParseOptions? options = null) =>
        JsonTextParser.Parse(utf8Json, options ?? JsonParseOptions.Default);

    /// <summary>Writes the compact JSON text of this value.</summary>
    /// <exception cref="JsonNestingException">The value nests deeper than <see cref="MaxWalkDepth"/>.</exception>
    public string ToJsonString()
    {
        ThrowIfTooDeepToWalk("write");
        var builder = new System.Text.StringBuilder(Math.Min(Utf8Length, 1 << 20));
        JsonTextWriter.Write(builder, this, indent: false);
        return builder.ToString();
    }

    /// <summary>Writes the JSON text of this value, indented with two spaces.</summary>
    /// <exception cref="JsonNestingException">The value nests deeper than <see cref="MaxWalkDepth"/>.</exception>
    public string ToIndentedJsonString()
    {
        ThrowIfTooDeepToWalk("write");
        var builder = new System.Text.StringBuilder();
        JsonTextWriter.Write(builder, this, indent: true);
        return builder.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToJsonString();

    /// <summary>Deep JSON equality: numbers compare by value, object members regardless of order.</summary>
    public bool Equals(JsonValue? other) => JsonValueEquality.DeepEquals(this, other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is JsonValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => JsonValueEquality.GetDeepHashCode(this);

    /// <summary>A short, human-readable name of the kind, as used in error causes.</summary>
    public string KindName => Kind switch
    {
        JsonKind.Null => "null",
        JsonKind.Boolean => "boolean",
        JsonKind.Number => "number",
        JsonKind.String => "string",
        JsonKind.Array => "array",
        _ => "object",
    };

    private protected abstract int ComputeUtf8Length();

    /// <summary>The depth of a container whose children are <paramref name="children"/>.</summary>
    private protected void SetDepth(ReadOnlySpan<JsonValue> children)
    {
        var deepest = 0;
        foreach (var child in children)
        {
            deepest = Math.Max(deepest, child._depth);
        }

        _depth = (ushort)Math.Min(deepest + 1, ushort.MaxValue);
    }

    /// <summary>The depth of a container whose members are <paramref name="members"/>.</summary>
    private protected void SetDepth(ReadOnlySpan<KeyValuePair<string, JsonValue>> members)
    {
        var deepest = 0;
        foreach (var member in members)
        {
            deepest = Math.Max(deepest, member.Value._depth);
        }

        _depth = (ushort)Math.Min(deepest + 1, ushort.MaxValue);
    }

    private void ThrowIfTooDeepToWalk(string what)
    {
        if (_depth > MaxWalkDepth)
        {
            throw new JsonNestingException(
                $"The JSON value nests {Depth} levels deep; at most {MaxWalkDepth} can be {(what == "write" ? "written" : "measured")}.", Depth);
        }
    }

    /// <summary>The cached length, or -1 when it has not been computed yet.</summary>
    private protected int CachedUtf8Length => _utf8Length;

    /// <summary>Seeds the cache when a derived value's length is known without walking it.</summary>
    private protected void SeedUtf8Length(int length) => _utf8Length = length;

    internal static string FormatDouble(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
