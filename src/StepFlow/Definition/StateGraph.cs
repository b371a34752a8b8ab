
namespace StepFlow.Definition;

/// <summary>A set of states with a start: the whole machine, a Parallel branch or a Map item processor.</summary>
internal sealed class StateGraph
{
    internal StateGraph(string startAt, IReadOnlyDictionary<string, State> states, string pointer)
    {
        StartAt = startAt;
        States = states;
        Pointer = pointer;
        Start = states[startAt];
    }

    /// <summary>The name of the first state.</summary>
    public string StartAt { get; }

    /// <summary>The first state.</summary>
    public State Start { get; }

    /// <summary>The states by name.</summary>
    public IReadOnlyDictionary<string, State> States { get; }

    /// <summary>JSON Pointer of the graph in the definition.</summary>
    public string Pointer { get; }
}
