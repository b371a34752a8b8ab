namespace StepFlow.Json;

/// <summary>One step from a JSON value to a child: a member name or, when <see cref="Name"/> is null, an array index.</summary>
internal readonly record struct JsonPathToken(string? Name, int Index)
{
    /// <summary>True when the step is an array index.</summary>
    public bool IsIndex => Name is null;
}

/// <summary>
/// A member name written more than once in one object of the parsed text (the tree keeps the last value).
/// <see cref="ObjectPath"/> leads from the root to that object.
/// </summary>
internal sealed record JsonDuplicateKey(JsonPathToken[] ObjectPath, string Name);
