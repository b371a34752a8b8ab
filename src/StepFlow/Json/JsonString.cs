namespace StepFlow.Json;

/// <summary>A JSON string.</summary>
public sealed class JsonString : JsonValue
{
    /// <summary>The empty string.</summary>
    public static readonly JsonString Empty = new(string.Empty);

    /// <summary>Creates a JSON string.</summary>
    public JsonString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <summary>The string value.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override JsonKind Kind => JsonKind.String;

    private protected override int ComputeUtf8Length() => JsonTextWriter.EscapedUtf8Length(Value);
}
