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

    private StateVisit? _synchronousVisit;

    public RunContext Run { get; }

    /// <summary>Where this graph's events go: the execution's history, or a Map Run child's own.</summary>
    public HistoryRecorder History { get; }

    public VariableScope Variables { get; set; }

    public Frame CreateChild() => new(Run, Variables.CreateChild(), History);

    /// <summary>
    /// The visit for an entry into a state that completes without waiting (Pass, Choice, Succeed, Fail): such a
    /// state holds its visit only while it runs and a frame runs one state at a time, so one visit is reused.
    /// </summary>
    public StateVisit EnterSynchronous(Definition.State state, long enteredEventId, DateTimeOffset enteredTime) =>
        _synchronousVisit is { } visit
            ? visit.Reenter(state, enteredEventId, enteredTime)
            : _synchronousVisit = new StateVisit(Run, state, enteredEventId, enteredTime);

    /// <summary>A child execution of a distributed Map: its events stay out of the parent's history.</summary>
    public Frame CreateMapRunChild() => new(Run, Variables.CreateChild(), new HistoryRecorder(Run.TimeProvider, record: false));
}
