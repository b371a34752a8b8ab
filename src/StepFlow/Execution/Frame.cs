using StepFlow.History;
using StepFlow.Variables;

namespace StepFlow.Execution;

/// <summary>One running graph (the machine, a Parallel branch or a Map iteration) and its variables.</summary>
internal sealed class Frame
{
    private int _visits;

    public Frame(RunContext run, VariableScope variables, HistoryRecorder? history = null, string? scope = null)
    {
        Run = run;
        Variables = variables;
        History = history ?? run.History;
        Scope = scope ?? (run.Log is null ? null : string.Empty);
    }

    /// <summary>Where this graph sits in a durable execution (see <see cref="Durability.VisitJournal.Scope"/>); null when not durable.</summary>
    public string? Scope { get; }

    /// <summary>The number of the state visit being run in this graph (0-based).</summary>
    public int CurrentVisit => _visits - 1;

    /// <summary>Counts a state visit and returns its number.</summary>
    public int NextVisit() => _visits++;

    private StateVisit? _synchronousVisit;

    public RunContext Run { get; }

    /// <summary>Where this graph's events go: the execution's history, or a Map Run child's own.</summary>
    public HistoryRecorder History { get; }

    public VariableScope Variables { get; set; }

    public Frame CreateChild() => new(Run, Variables.CreateChild(), History);

    /// <summary>
    /// A child graph of the state visit running now: Parallel branch <paramref name="index"/> (<paramref name="kind"/> 'b') or
    /// Map iteration <paramref name="index"/> ('i') of the state's attempt <paramref name="attempt"/>.
    /// </summary>
    public Frame CreateChild(char kind, int index, int attempt) =>
        Scope is null
            ? CreateChild()
            : new(Run, Variables.CreateChild(), History, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Scope}/{CurrentVisit}.{attempt}{kind}{index}"));

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
