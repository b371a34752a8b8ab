using StepFlow.Definition;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Paths;

namespace StepFlow.Execution;

/// <summary>
/// One entry into a state: when, with which event id, the retry count, and its context object (built on demand).
/// A state that always completes without waiting (Pass, Choice, Succeed, Fail) holds its visit only while it
/// runs, so its frame reuses one visit for all of them (<see cref="Frame.EnterSynchronous"/>); every other
/// state gets a visit of its own.
/// </summary>
internal sealed class StateVisit : IContextObjectSource, IRandomSource
{
    private readonly RunContext _run;
    private JsonValue? _context;
    private int _retryCount;
    private string? _taskToken;

    public StateVisit(RunContext run, State state, long enteredEventId, DateTimeOffset enteredTime, JsonObject? mapItem = null)
    {
        _run = run;
        State = state;
        EnteredEventId = enteredEventId;
        EnteredTime = enteredTime;
        MapItem = mapItem;
    }

    public State State { get; private set; }

    public long EnteredEventId { get; private set; }

    public DateTimeOffset EnteredTime { get; private set; }

    public JsonObject? MapItem { get; }

    public int RetryCount
    {
        get => _retryCount;
        set
        {
            _retryCount = value;
            _context = null;
        }
    }

    /// <summary>The current attempt's task token (<c>$$.Task.Token</c>), for callback and activity tasks.</summary>
    public string? TaskToken
    {
        get => _taskToken;
        set
        {
            _taskToken = value;
            _context = null;
        }
    }

    /// <summary>The current attempt's HeartbeatSeconds, resolved.</summary>
    public TimeSpan? TaskHeartbeat { get; set; }

    /// <summary>The metrics of the task attempt under way, when a listener wants them (an activity's start is recorded on it).</summary>
    public Diagnostics.TaskMeasure? TaskMeasure { get; set; }

    /// <summary>The journal shared by this visit's progress events (one per attempt; see <see cref="Journal.VisitEvents"/>).</summary>
    public VisitJournal? ProgressJournal { get; set; }

    /// <summary>
    /// When the failure just replayed from the store (a resumed execution) happened; null when the failure is new. A
    /// retry's back-off counts from it, so a restart during a back-off waits only what was left of it.
    /// </summary>
    public DateTimeOffset? ReplayedFailureTime { get; set; }

    public JsonValue GetContextObject() => _context ??= Build(MapItem);

    /// <summary>Makes this (finished, no longer referenced) visit the visit of a new entry into a synchronous state.</summary>
    public StateVisit Reenter(State state, long enteredEventId, DateTimeOffset enteredTime)
    {
        State = state;
        EnteredEventId = enteredEventId;
        EnteredTime = enteredTime;
        _context = null;
        _retryCount = 0;
        _taskToken = null;
        TaskHeartbeat = null;
        ProgressJournal = null;
        ReplayedFailureTime = null;
        return this;
    }

    /// <summary>A context object that also carries <c>Map.Item</c> (for ItemSelector).</summary>
    public IContextObjectSource WithMapItem(long index, JsonValue value) =>
        new StateVisit(_run, State, EnteredEventId, EnteredTime, JsonObject.Create(("Index", JsonValue.From(index)), ("Value", value)))
        {
            RetryCount = _retryCount,
        };

    /// <summary>The execution's seeded source of randomness, or null (see <see cref="IRandomSource"/>).</summary>
    public Random? Random => _run.Random;

    public string ErrorPrefix => $"An error occurred while executing the state '{State.Name}' (entered at the event id #{EnteredEventId}). ";

    private JsonObject Build(JsonObject? mapItem)
    {
        var builder = new JsonObjectBuilder(4)
            .Set("Execution", _run.ExecutionContextNode)
            .Set("StateMachine", _run.StateMachineContextNode)
            .Set("State", JsonObject.Create(
                ("Name", JsonValue.From(State.Name)),
                ("EnteredTime", JsonValue.From(RunContext.FormatTimestamp(EnteredTime))),
                ("RetryCount", JsonValue.From(_retryCount))));
        if (mapItem is not null)
        {
            builder.Set("Map", JsonObject.Create(("Item", mapItem)));
        }

        if (_taskToken is not null)
        {
            builder.Set("Task", JsonObject.Create(("Token", JsonValue.From(_taskToken))));
        }

        return builder.Build();
    }
}
