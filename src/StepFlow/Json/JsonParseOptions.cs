namespace StepFlow.Json;

/// <summary>Options for <see cref="JsonValue.Parse(string, JsonParseOptions?)"/>.</summary>
public sealed record JsonParseOptions
{
    /// <summary>The defaults: depth 512, no comments.</summary>
    public static JsonParseOptions Default { get; } = new();

    /// <summary>The deepest nesting of arrays and objects accepted. Deeper input is rejected, never a stack overflow.</summary>
    public int MaxDepth { get; init; } = 512;

    /// <summary>
    /// Whether identical objects and arrays within one text may come out as one shared node (see
    /// <c>JsonTreeBuilder.Sharing</c>): for state machine definitions, never for execution data.
    /// </summary>
    internal bool ShareIdenticalContainers { get; init; }

    /// <summary>Strings a parse hands out as these very instances when the text holds them (member names and string values).</summary>
    internal IReadOnlyList<string>? KnownStrings { get; init; }
}
