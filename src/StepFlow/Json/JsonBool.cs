namespace StepFlow.Json;

/// <summary>A JSON boolean.</summary>
public sealed class JsonBool : JsonValue
{
    internal static readonly JsonBool TrueValue = new(true);
    internal static readonly JsonBool FalseValue = new(false);

    private JsonBool(bool value) => Value = value;

    /// <summary>The boolean value.</summary>
    public bool Value { get; }

    /// <inheritdoc />
    public override JsonKind Kind => JsonKind.Boolean;

    private protected override int ComputeUtf8Length() => Value ? 4 : 5;
}
