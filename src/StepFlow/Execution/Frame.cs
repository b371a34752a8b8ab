using StepFlow.History;
using StepFlow.Variables;

namespace StepFlow.Execution;

/// <summary>One running graph (the machine, a Parallel branch or a Map iteration) and its variables.</summary>
internal sealed class Frame
{
    public Frame(RunContext run, VariableScope variables, HistoryRecorder? history = null)
    {
        Run = run;
        Variables = variables;
        History = history ?? run.History;
    }

    public RunContext Run { get; }

    /// <summary>Where this graph's events go: the execution's history, or a Map Run child's own.</summary>
    public HistoryRecorder History { get; }

    public VariableScope Variables { get; set; }

    public Frame CreateChild() => new(Run, Variables.CreateChild(), History);

    /// <summary>A child execution of a distributed Map: its events stay out of the parent's history.</summary>
    public Frame CreateMapRunChild() => new(Run, Variables.CreateChild(), new HistoryRecorder(Run.TimeProvider, record: false));
}
