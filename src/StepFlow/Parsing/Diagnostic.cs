namespace StepFlow.Parsing;

/// <summary>
/// One problem found in a state machine definition.
/// </summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Code">The stable code (AWS's where AWS has one), see <see cref="DiagnosticCodes"/>.</param>
/// <param name="Message">What is wrong, in words.</param>
/// <param name="Location">A JSON Pointer to the offending place, e.g. <c>/States/Charge/Next</c>.</param>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Code, string Message, string Location)
{
    /// <summary>The 1-based line, when the JSON text itself is broken.</summary>
    public long? Line { get; init; }

    /// <summary>The 1-based position in the line, when the JSON text itself is broken.</summary>
    public long? Position { get; init; }

    /// <summary>Creates an error diagnostic.</summary>
    internal static Diagnostic Error(string code, string message, string location) =>
        new(DiagnosticSeverity.Error, code, message, location);

    /// <summary>Creates a warning diagnostic.</summary>
    internal static Diagnostic Warning(string code, string message, string location) =>
        new(DiagnosticSeverity.Warning, code, message, location);

    /// <inheritdoc />
    public override string ToString()
    {
        var where = Line is null ? Location : $"{Location} (line {Line}, position {Position})";
        return $"{(Severity == DiagnosticSeverity.Error ? "ERROR" : "WARNING")} {Code}: {Message} at {where}";
    }
}
