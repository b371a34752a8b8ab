namespace StepFlow.Json;

/// <summary>Options for <see cref="JsonValue.Parse(string, JsonParseOptions?)"/>.</summary>
public sealed record JsonParseOptions
{
    /// <summary>The defaults: depth 512, no comments.</summary>
    public static JsonParseOptions Default { get; } = new();

    /// <summary>The deepest nesting of arrays and objects accepted. Deeper input is rejected, never a stack overflow.</summary>
    public int MaxDepth { get; init; } = 512;
}
