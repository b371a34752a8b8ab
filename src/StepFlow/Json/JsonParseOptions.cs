namespace StepFlow.Json;

/// <summary>Options for <see cref="JsonValue.Parse(string, JsonParseOptions?)"/>.</summary>
public sealed record JsonParseOptions
{
    /// <summary>The defaults: depth 512, no comments.</summary>
    public static JsonParseOptions Default { get; } = new();

    /// <summary>
    /// The deepest nesting of arrays and objects accepted, from 1 to <see cref="JsonValue.MaxDepth"/> (512, the default).
    /// Deeper input is rejected with <see cref="JsonParseException"/>, never a stack overflow.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above <see cref="JsonValue.MaxDepth"/>.</exception>
    public int MaxDepth
    {
        get => _maxDepth;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, JsonValue.MaxDepth);
            _maxDepth = value;
        }
    }

    private readonly int _maxDepth = JsonValue.MaxDepth;
}
