using StepFlow.Definition;
using StepFlow.History;
using StepFlow.Json;

namespace StepFlow.Execution;

/// <summary>What every state of one execution shares: the engine, names, clock, history and counters.</summary>
internal sealed class RunContext
{
    private long _transitions;

    public RunContext(StepFlowEngine engine, StateMachine machine, JsonValue input, ExecutionOptions options)
    {
        Engine = engine;
        Machine = machine;
        Options = options;
        TimeProvider = engine.TimeProvider;
        StartTime = TimeProvider.GetUtcNow();
        ExecutionName = options.ExecutionName ?? Guid.NewGuid().ToString();
        StateMachineArn = $"arn:{options.Partition}:states:{options.Region}:{options.AccountId}:stateMachine:{options.StateMachineName}";
        ExecutionArn = $"arn:{options.Partition}:states:{options.Region}:{options.AccountId}:execution:{options.StateMachineName}:{ExecutionName}";
        History = new HistoryRecorder(TimeProvider, options.RecordHistory);
        Deadline = machine.TimeoutSeconds is { } timeout ? StartTime.AddSeconds(timeout) : null;
        var execution = new JsonObjectBuilder()
            .Set("Id", JsonValue.From(ExecutionArn))
            .Set("Input", input)
            .Set("StartTime", JsonValue.From(FormatTimestamp(StartTime)))
            .Set("Name", JsonValue.From(ExecutionName));
        if (options.RoleArn is not null)
        {
            execution.Set("RoleArn", JsonValue.From(options.RoleArn));
        }

        ExecutionContextNode = execution.Build();
        StateMachineContextNode = JsonObject.Create(("Id", JsonValue.From(StateMachineArn)), ("Name", JsonValue.From(options.StateMachineName)));
    }

    public StepFlowEngine Engine { get; }

    public StateMachine Machine { get; }

    public ExecutionOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public DateTimeOffset StartTime { get; }

    public DateTimeOffset? Deadline { get; }

    public string ExecutionName { get; }

    public string ExecutionArn { get; }

    public string StateMachineArn { get; }

    public HistoryRecorder History { get; }

    public JsonObject ExecutionContextNode { get; }

    public JsonObject StateMachineContextNode { get; }

    public long Transitions => Interlocked.Read(ref _transitions);

    public int MaxPayloadBytes => Engine.Options.MaxPayloadBytes;

    public void CountTransition() => Interlocked.Increment(ref _transitions);

    public static string FormatTimestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
