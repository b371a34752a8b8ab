using System.Text;
using StepFlow.Definition;
using StepFlow.Parsing;

namespace StepFlow.Fuzz.Targets;

/// <summary>
/// The definition parser and validator: <see cref="StateMachine.TryParse(string, out StateMachine?, out System.Collections.Immutable.ImmutableArray{Diagnostic})"/>
/// on arbitrary text. It never throws; a refused definition has at least one error, a built one none.
/// </summary>
internal sealed class DefinitionTarget : IFuzzTarget
{
    /// <inheritdoc />
    public string Name => "definition";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        var built = StateMachine.TryParse(text, out var machine, out var diagnostics);
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        if (built && (machine is null || errors > 0))
        {
            throw new FuzzInvariantException($"TryParse built a machine but reported {errors} error(s).");
        }

        if (!built && errors == 0)
        {
            throw new FuzzInvariantException("TryParse refused the definition without reporting an error.");
        }

        if (built)
        {
            _ = machine!.Source.Utf8Length;
        }
    }
}
