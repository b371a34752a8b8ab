namespace StepFlow.Json;

/// <summary>
/// Thrown when a walk over a <see cref="JsonValue"/> (writing its text, measuring its size) meets a value nested deeper
/// than <see cref="JsonValue.MaxWalkDepth"/>: the walk refuses it rather than overflow the stack.
/// </summary>
public sealed class JsonNestingException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public JsonNestingException(string message, int depth)
        : base(message)
    {
        Depth = depth;
    }

    /// <summary>The depth of the value that was refused (see <see cref="JsonValue.Depth"/>).</summary>
    public int Depth { get; }
}
