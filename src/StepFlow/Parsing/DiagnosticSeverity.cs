namespace StepFlow.Parsing;

/// <summary>How serious a definition diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The definition is still valid and runs.</summary>
    Warning,

    /// <summary>The definition is invalid and cannot run.</summary>
    Error,
}
