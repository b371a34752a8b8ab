using System.Collections.Immutable;

namespace StepFlow.Parsing;

/// <summary>Thrown by <see cref="StateMachine.Parse(string)"/> when a definition has errors; carries every diagnostic.</summary>
public sealed class InvalidDefinitionException : Exception
{
    /// <summary>Creates the exception from the diagnostics found.</summary>
    public InvalidDefinitionException(ImmutableArray<Diagnostic> diagnostics)
        : base(FormatMessage(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every diagnostic found, errors and warnings.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    private static string FormatMessage(ImmutableArray<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        return $"Invalid State Machine Definition: {errors.Count} error(s): " + string.Join("; ", errors.Select(d => $"'{d.Code}: {d.Message} at {d.Location}'"));
    }
}
