using System.Collections.Immutable;
using StepFlow.Json;

namespace StepFlow.Definition;

/// <summary>One entry of a state's Catch array.</summary>
internal sealed class Catcher
{
    internal Catcher(ImmutableArray<string> errorEquals, string nextName, ResultPathSpec resultPath, PayloadTemplate? assign, PendingPointer pointer)
    {
        ErrorEquals = errorEquals;
        NextName = nextName;
        ResultPath = resultPath;
        Assign = assign;
        PendingPointer = pointer;
    }

    private string? _pointer;

    /// <summary>The error names this catcher matches.</summary>
    public ImmutableArray<string> ErrorEquals { get; }

    /// <summary>The state to go to.</summary>
    public string NextName { get; }

    /// <summary>The state to go to, resolved when the graph is built.</summary>
    public State Next { get; internal set; } = null!;

    /// <summary>Where the error output goes (default: replaces the input).</summary>
    public ResultPathSpec ResultPath { get; }

    /// <summary>Assign (JSONPath form), or null.</summary>
    public PayloadTemplate? Assign { get; }

    /// <summary>Output and Assign of a catcher of a JSONata state, or null.</summary>
    internal JsonataOutputAssign? Jsonata { get; init; }

    /// <summary>JSON Pointer of the catcher.</summary>
    public string Pointer => _pointer ??= PendingPointer.ToString();

    /// <summary>The catcher's pointer, not yet written out.</summary>
    internal PendingPointer PendingPointer { get; }
}
