namespace StepFlow.Json;

/// <summary>Thrown when JSON text is malformed; carries the 1-based line and position of the problem.</summary>
public sealed class JsonParseException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public JsonParseException(string message, long line, long bytePositionInLine, Exception? inner = null)
        : base(message, inner)
    {
        Line = line;
        BytePositionInLine = bytePositionInLine;
    }

    /// <summary>The 1-based line of the problem.</summary>
    public long Line { get; }

    /// <summary>The 1-based byte position in that line.</summary>
    public long BytePositionInLine { get; }
}
