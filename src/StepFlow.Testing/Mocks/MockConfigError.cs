namespace StepFlow.Testing.Mocks;

/// <summary>One problem found in a mock configuration file.</summary>
/// <param name="Code">The stable code, one of <see cref="MockConfigErrorCodes"/>.</param>
/// <param name="Message">What is wrong, in words.</param>
/// <param name="Pointer">
/// A JSON Pointer to the offending place, e.g. <c>/MockedResponses/MockedLambdaRetry/1-2/Throw/Error</c>; empty for the
/// whole file.
/// </param>
public sealed record MockConfigError(string Code, string Message, string Pointer)
{
    /// <summary>The 1-based line, when the JSON text itself is broken.</summary>
    public long? Line { get; init; }

    /// <summary>The 1-based byte position in the line, when the JSON text itself is broken.</summary>
    public long? Position { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var where = Pointer.Length == 0 ? "(root)" : Pointer;
        if (Line is not null && !Message.Contains("(line ", StringComparison.Ordinal))
        {
            where += $" (line {Line}, position {Position})";
        }

        return $"{Code} at {where}: {Message}";
    }
}
