namespace StepFlow.Json;

/// <summary>The JSON <c>null</c> literal.</summary>
public sealed class JsonNull : JsonValue
{
    internal static readonly JsonNull Instance = new();

    private JsonNull()
    {
    }

    /// <inheritdoc />
    public override JsonKind Kind => JsonKind.Null;

    private protected override int ComputeUtf8Length() => 4;
}
