namespace StepFlow.Parsing.Validation;

/// <summary>
/// Options of <see cref="StateMachine.Validate(string, ValidationOptions?)"/>,
/// <see cref="StateMachine.Parse(string, ValidationOptions?)"/> and <c>StateMachine.TryParse</c>.
/// </summary>
public sealed record ValidationOptions
{
    /// <summary>The defaults: Standard, nesting depth 20, warnings reported.</summary>
    public static ValidationOptions Default { get; } = new();

    /// <summary>
    /// The type the state machine will be created as. Express rejects activities, <c>.sync</c> and
    /// <c>.waitForTaskToken</c> resources. Default <see cref="Parsing.StateMachineType.Standard"/>.
    /// </summary>
    public StateMachineType StateMachineType { get; init; } = StateMachineType.Standard;

    /// <summary>
    /// The deepest Parallel/Map nesting accepted: a top-level Parallel branch is depth 1, a branch inside it depth 2.
    /// Deeper sub-machines are reported as <c>TOO_DEEPLY_NESTED</c> and not inspected. AWS does not document its
    /// number, so it is configurable. Default 20; values below 0 count as 0.
    /// </summary>
    public int MaxNestingDepth { get; init; } = 20;

    /// <summary>The least severe diagnostic to report. <see cref="DiagnosticSeverity.Error"/> drops warnings. Default warnings and errors.</summary>
    public DiagnosticSeverity MinimumSeverity { get; init; } = DiagnosticSeverity.Warning;

    /// <summary>The definition text limit in bytes of UTF-8 for the string overload. Default 1,048,576 (1 MB), as AWS.</summary>
    public int MaxDefinitionLength { get; init; } = 1_048_576;

    /// <summary>
    /// The Task resources the state machine may use (least privilege): exact ARNs, or globs where <c>*</c> matches any
    /// run of characters, matched against the Resource as written (suffix included), as
    /// <see cref="Execution.ExecutionOptions.AllowedResources"/> does at run time. Every Task whose Resource is not on
    /// the list, in Parallel branches and Map processors too, is reported as <see cref="DiagnosticCodes.ResourceNotAllowed"/>
    /// (an error) at <c>/States/…/Resource</c>. Null (the default) checks nothing.
    /// </summary>
    public IReadOnlyCollection<string>? AllowedResources { get; init; }
}
