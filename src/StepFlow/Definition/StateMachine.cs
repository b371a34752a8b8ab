using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using StepFlow.Parsing;

namespace StepFlow.Definition;

/// <summary>A parsed, validated, immutable state machine definition. PLACEHOLDER until the builder lands.</summary>
public sealed class StateMachine
{
    private StateMachine()
    {
    }

    /// <summary>Warnings found while parsing (the definition is valid).</summary>
    public ImmutableArray<Diagnostic> Warnings { get; } = [];

    /// <summary>Parses and validates a definition; throws <see cref="InvalidDefinitionException"/> with every diagnostic.</summary>
    public static StateMachine Parse(string definitionJson) => throw new NotImplementedException();

    /// <summary>Parses and validates a definition without throwing.</summary>
    public static bool TryParse(string definitionJson, [NotNullWhen(true)] out StateMachine? stateMachine, out ImmutableArray<Diagnostic> diagnostics) =>
        throw new NotImplementedException();
}
