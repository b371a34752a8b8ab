namespace StepFlow.Paths.Parsing;

/// <summary>Raised inside the parser on bad syntax; <see cref="JsonPath.TryParse(string, out JsonPath?, out string?)"/> turns it into a message.</summary>
internal sealed class PathSyntaxException : Exception
{
    public PathSyntaxException(string reason, int position)
        : base(reason)
    {
        Reason = reason;
        Position = position;
    }

    public string Reason { get; }

    /// <summary>The zero-based character position of the problem.</summary>
    public int Position { get; }
}
