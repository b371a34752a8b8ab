using StepFlow.Definition;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Parsing;

namespace StepFlow.Execution;

/// <summary>What every state of one execution shares: the engine, names, clock, history and counters.</summary>
internal sealed class RunContext
{
    private readonly JsonValue _input;
    private long _transitions;
    private string? _executionArn;
    private JsonObject? _executionContextNode;
    private JsonObject? _stateMachineContextNode;

    public RunContext(EngineRuntime engine, StateMachine machine, JsonValue input, ExecutionOptions options, DateTimeOffset? startTime = null, DateTimeOffset? deadlineFrom = null)
    {
        Engine = engine;

        // Seeded engines give each execution its own source, seeded from the engine's in the order executions start.
        Random = engine.Random is { } engineRandom ? new LockedRandom(engineRandom.Next()) : null;
        Machine = machine;
        Options = options;
        TimeProvider = engine.TimeProvider;
        StartTime = startTime ?? TimeProvider.GetUtcNow();
        _input = input;
        // AWS counts a Standard execution's events whether or not anyone reads them; Express histories are unlimited.
        History = new HistoryRecorder(TimeProvider, options.RecordHistory, options.Express ? int.MaxValue : engine.Options.MaxHistoryEvents);
        var clockStart = deadlineFrom ?? StartTime;
        TaskDeadline = machine.TimeoutSeconds is { } timeout ? clockStart.AddSeconds(timeout) : null;
        if (options.MaxDuration is { } maxDuration && (TaskDeadline is null || clockStart + maxDuration < TaskDeadline))
        {
            TaskDeadline = clockStart + maxDuration;
        }

        Deadline = TaskDeadline;
        if (!options.Express && engine.Options.MaxExecutionDuration is { } limit && (Deadline is null || clockStart + limit < Deadline))
        {
            Deadline = clockStart + limit;
        }
    }

    public EngineRuntime Engine { get; }

    public StateMachine Machine { get; }

    public JsonValue Input => _input;

    public ExecutionOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public DateTimeOffset StartTime { get; }

    /// <summary>
    /// When the execution times out: the machine's TimeoutSeconds, <see cref="ExecutionOptions.MaxDuration"/> or the
    /// engine's <see cref="EngineOptions.MaxExecutionDuration"/>, whichever comes first. Checked as each state is entered;
    /// Waits and retry back-offs end at it.
    /// </summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>
    /// The part of <see cref="Deadline"/> that a pending task races against (a timer while the task is under way): the
    /// machine's TimeoutSeconds or <see cref="ExecutionOptions.MaxDuration"/>. The engine's default duration is not raced,
    /// so a task without a limit creates no timer (and a fake clock that jumps to each timer never skips a year).
    /// </summary>
    public DateTimeOffset? TaskDeadline { get; }

    private string? _executionName;

    /// <summary>The execution's name: the one given, or a new GUID (made only when something needs it).</summary>
    public string ExecutionName => _executionName ??= Options.ExecutionName ?? NewUuid().ToString();

    /// <summary>
    /// This execution's seeded source of randomness (UUIDs, random numbers, FULL retry jitter), or null when the engine
    /// has no seed and the process-wide sources are used.
    /// </summary>
    public Random? Random { get; }

    /// <summary>A new version 4 UUID: from <see cref="Random"/> when the engine is seeded, else <see cref="Guid.NewGuid()"/>.</summary>
    public Guid NewUuid() => RandomUuid.Next(Random);

    public string ExecutionArn => _executionArn ??= Options.ExecutionArn ??
        $"arn:{Options.Partition}:states:{Options.Region}:{Options.AccountId}:execution:{Options.StateMachineName}:{ExecutionName}";

    private string? _stateMachineArn;

    public string StateMachineArn => _stateMachineArn ??=
        $"arn:{Options.Partition}:states:{Options.Region}:{Options.AccountId}:stateMachine:{Options.StateMachineName}";

    public HistoryRecorder History { get; }

    /// <summary>
    /// The execution's checkpoint log when it runs through the execution API as a Standard execution (its events then carry
    /// the journal that lets it resume and be redriven); null for <see cref="StepFlowEngine.ExecuteAsync"/> runs.
    /// </summary>
    public Durability.DurableLog? Log { get; set; }

    /// <summary>Whether the store is durable, so a checkpoint must be committed before every task invocation and after its outcome.</summary>
    public bool CheckpointsEffects { get; init; }

    /// <summary>What a resumed or redriven execution already did; null for a fresh start.</summary>
    public Durability.ReplayJournal? Replay { get; init; }

    /// <summary>The execution's redrive count (0 until redriven).</summary>
    public int Generation { get; init; }

    /// <summary>When the execution was last redriven.</summary>
    public DateTimeOffset? RedriveTime { get; init; }

    /// <summary>The secret task tokens are derived from, so a resumed task keeps its token; null issues random tokens.</summary>
    public string? TokenSecret { get; init; }

    /// <summary>Whether the history was put back from the store (the ExecutionStarted event is already there).</summary>
    public bool Resumed { get; init; }

    /// <summary>Set by StopExecution before it cancels the run: the error and cause of the ExecutionAborted event.</summary>
    public (string? Error, string? Cause)? StopRequest { get; set; }

    /// <summary>Set when the engine shuts down: the run ends without closing the execution, which resumes on the next start.</summary>
    public bool Suspending { get; set; }

    /// <summary><c>$$.Execution</c>, built on first use.</summary>
    public JsonObject ExecutionContextNode => _executionContextNode ??= BuildExecutionNode();

    /// <summary><c>$$.StateMachine</c>, built on first use.</summary>
    public JsonObject StateMachineContextNode => _stateMachineContextNode ??=
        JsonObject.Create(("Id", JsonValue.From(StateMachineArn)), ("Name", JsonValue.From(Options.StateMachineName)));

    private Dispatch.StateInvocationCounts? _mockedInvocations;

    /// <summary>How often each Task state was invoked, for the engine's task mocker; made on first use.</summary>
    public Dispatch.StateInvocationCounts MockedInvocations
    {
        get
        {
            if (Volatile.Read(ref _mockedInvocations) is { } counts)
            {
                return counts;
            }

            Interlocked.CompareExchange(ref _mockedInvocations, new Dispatch.StateInvocationCounts(), null);
            return _mockedInvocations!;
        }
    }

    public long Transitions => Interlocked.Read(ref _transitions);

    public int MaxPayloadBytes => Engine.Options.MaxPayloadBytes;

    public void CountTransition() => Interlocked.Increment(ref _transitions);

    /// <summary>Whether the engine's and this execution's allow-lists (when set) both let a Task use <paramref name="resource"/>.</summary>
    public bool IsResourceAllowed(string resource) =>
        (Engine.AllowedResources?.IsAllowed(resource) ?? true) &&
        (Options.AllowedResources is not { } list || Tasks.ResourceAllowList.For(list).IsAllowed(resource));

    private JsonObject BuildExecutionNode()
    {
        var execution = new JsonObjectBuilder()
            .Set("Id", JsonValue.From(ExecutionArn))
            .Set("Input", _input)
            .Set("StartTime", JsonValue.From(FormatTimestamp(StartTime)))
            .Set("Name", JsonValue.From(ExecutionName));

        if (Options.RoleArn is not null)
        {
            execution.Set("RoleArn", JsonValue.From(Options.RoleArn));
        }

        // AWS always shows the redrive count, and the redrive time once there is one.
        execution.Set("RedriveCount", JsonValue.From(Generation));
        if (RedriveTime is { } redriven)
        {
            execution.Set("RedriveTime", JsonValue.From(FormatTimestamp(redriven)));
        }

        return execution.Build();
    }

    public static string FormatTimestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
