using StepFlow.Json;

namespace StepFlow.Definition;

/// <summary>A state of a state machine. Immutable once the definition is built.</summary>
internal abstract class State
{
    private protected State(in StateCommon common)
    {
        Name = common.Name;
        _statesPointer = common.StatesPointer;
        Comment = common.Comment;
        QueryLanguage = common.QueryLanguage;
        NextName = common.NextName;
        InputPath = common.InputPath;
        OutputPath = common.OutputPath;
        Assign = common.Assign;
        Jsonata = common.Jsonata;
    }

    /// <summary>The pointer of the States object holding this state (the state's own pointer is written when asked for).</summary>
    private readonly string _statesPointer;

    private string? _pointer;

    /// <summary>The state's name.</summary>
    public string Name { get; }

    /// <summary>The state's type.</summary>
    public abstract StateType Type { get; }

    /// <summary>JSON Pointer of the state in the definition, e.g. <c>/States/Charge</c>.</summary>
    public string Pointer => _pointer ??= JsonPointer.Append(_statesPointer, Name);

    /// <summary>The state's pointer, not yet written out.</summary>
    internal PendingPointer PendingPointer => new(_statesPointer, Name);

    /// <summary>The Comment, if any.</summary>
    public string? Comment { get; }

    /// <summary>The query language in force for this state.</summary>
    public QueryLanguage QueryLanguage { get; }

    /// <summary>The name of the next state; null when the state ends its graph (End, Succeed, Fail, Choice).</summary>
    public string? NextName { get; }

    /// <summary>The next state, resolved when the graph is built.</summary>
    public State? Next { get; internal set; }

    /// <summary>InputPath (JSONPath states).</summary>
    public IoPath InputPath { get; }

    /// <summary>OutputPath (JSONPath states).</summary>
    public IoPath OutputPath { get; }

    /// <summary>Assign (JSONPath form: a payload template), or null.</summary>
    public PayloadTemplate? Assign { get; }

    /// <summary>The compiled JSONata fields of a JSONata state; null for JSONPath states.</summary>
    internal JsonataStateFields? Jsonata { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Type} '{Name}'";
}
