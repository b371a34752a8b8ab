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

    /// <summary>Where this graph sits in a durable execution (see <see cref="VisitJournal.Scope"/>); null when not durable.</summary>
    public string? Scope { get; }

    /// <summary>The number of the state visit being run in this graph (0-based).</summary>
    public int CurrentVisit => _visits - 1;

    /// <summary>Counts a state visit and returns its number.</summary>
    public int NextVisit() => _visits++;

    private StateVisit? _synchronousVisit;

    /// <summary>The clock reading this graph's state entries share (see <see cref="SharedClock"/>).</summary>
    private SharedClock _clock;

    public RunContext Run { get; }

    /// <summary>The time of an entry into a state (see <see cref="SharedClock"/>).</summary>
    /// <param name="completesWithoutWaiting">True for Pass, Choice, Succeed and Fail.</param>
    public DateTimeOffset EntryTime(bool completesWithoutWaiting) => _clock.EntryTime(Run.TimeProvider, completesWithoutWaiting);

    /// <summary>Lets this frame's first states share a reading its starter just took (a Map iteration's MapIterationStarted).</summary>
    public void ShareClock(DateTimeOffset now) => _clock.Share(now);

    /// <summary>
    /// For an event recorded right after this frame's last state: the shared reading when that state completed without
    /// waiting and the reading may still be shared, otherwise 0 (the history then reads the clock).
    /// </summary>
    public long SharedClockTicks() => _clock.TakeSharedTicks();

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

    /// <summary>
    /// Makes this child frame, whose graph ran to its end without waiting, the frame of <paramref name="parent"/>'s next
    /// child: what <see cref="CreateChild()"/> gives, reusing this object and its visit (a Map's iterations that complete
    /// at once run one after another). Only for frames outside durable executions, where nothing keeps a finished frame;
    /// <see cref="InvalidOperationException"/> for any other.
    /// </summary>
    public Frame ReuseAsChildOf(Frame parent)
    {
        if (Scope is not null || !ReferenceEquals(parent.Run, Run))
        {
            // A durable frame's scope and visits name its journal, and another run's frame holds that run's clock and
            // history: reusing either would record under the wrong names.
            throw new InvalidOperationException("Only a child frame of a non-durable run is reused, and only for a child of the same run.");
        }

        _visits = 0;
        _clock = default;
        Variables = parent.Variables.CreateChild();
        return this;
    }

    /// <summary>
    /// Child execution <paramref name="index"/> of a distributed Map's attempt <paramref name="attempt"/>: its events stay
    /// out of the parent's history and count against its own limit. In a durable execution it has a scope of its own
    /// (<c>…r&lt;index&gt;</c>), so its task tokens and idempotency keys differ from its siblings' and nothing of the parent's
    /// journal is taken for its visits.
    /// </summary>
    public Frame CreateMapRunChild(int index, int attempt) =>
        new(
            Run,
            Variables.CreateChild(),
            new HistoryRecorder(Run.TimeProvider, record: false, Run.Engine.Options.MaxHistoryEvents),
            Scope is null ? null : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Scope}/{CurrentVisit}.{attempt}r{index}"));
}
