using StepFlow.Definition;
using StepFlow.Definition.States;
using StepFlow.Json;
using StepFlow.Paths;
using StepFlow.Tasks;

namespace StepFlow.Service.TestState;

/// <summary>
/// The context object a tested state sees: the request's own (checked as AWS checks a mocked context object), or
/// the one AWS builds (an Express execution of a generated machine, the state named "StateName").
/// </summary>
internal sealed class TestStateContextObject : IContextObjectSource
{
    private static readonly HashSet<string> AllowedFields = new(StringComparer.Ordinal) { "Execution", "State", "StateMachine", "Task" };

    private static readonly Dictionary<string, (string Field, JsonKind Kind)[]> FieldKinds = new(StringComparer.Ordinal)
    {
        ["Execution"] = [("Id", JsonKind.String), ("Name", JsonKind.String), ("RoleArn", JsonKind.String), ("StartTime", JsonKind.String), ("RedriveCount", JsonKind.Number)],
        ["State"] = [("Name", JsonKind.String), ("EnteredTime", JsonKind.String), ("RetryCount", JsonKind.Number)],
        ["StateMachine"] = [("Id", JsonKind.String), ("Name", JsonKind.String)],
        ["Task"] = [("Token", JsonKind.String)],
    };

    private readonly JsonValue _value;

    private TestStateContextObject(JsonValue value) => _value = value;

    public JsonValue GetContextObject() => _value;

    /// <summary>Checks the request's context object against the state under test.</summary>
    public static TestStateContextObject FromRequest(JsonValue context, State state)
    {
        if (context is not JsonObject root)
        {
            throw TestStateErrors.Validation(TestStateErrors.InvalidContext($"the context object must be a JSON object, but it is {context.KindName}"));
        }

        foreach (var member in root.Members)
        {
            if (member.Key == "Map")
            {
                throw TestStateErrors.Validation(TestStateErrors.InvalidContext("'Map' field is not supported when mocking a Context object"));
            }

            if (!AllowedFields.Contains(member.Key))
            {
                throw TestStateErrors.Validation(TestStateErrors.InvalidContext($"Field '{member.Key}' is not allowed"));
            }

            if (member.Value is not JsonObject section)
            {
                throw TestStateErrors.Validation(TestStateErrors.InvalidContext($"{member.Key} must be an object"));
            }

            foreach (var (field, kind) in FieldKinds[member.Key])
            {
                if (section.TryGetValue(field, out var value) && value.Kind != kind && value.Kind != JsonKind.Null)
                {
                    var expected = kind == JsonKind.String ? "a string" : "a number";
                    throw TestStateErrors.Validation(TestStateErrors.InvalidContext($"{member.Key}.{field} must be {expected}"));
                }
            }
        }

        if (root.ContainsKey("Task") && !(state is TaskState { Pattern: IntegrationPattern.Sync or IntegrationPattern.WaitForTaskToken }))
        {
            throw TestStateErrors.Validation(TestStateErrors.InvalidContext(
                "Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration pattern"));
        }

        return new TestStateContextObject(root);
    }

    /// <summary>The context object AWS builds when the request has none.</summary>
    public static TestStateContextObject Generated(JsonValue input, State state, string? roleArn, int retryCount, Execution.EngineOptions options, DateTimeOffset now)
    {
        var machineName = Guid.NewGuid().ToString();
        var executionName = Guid.NewGuid().ToString();
        var arnPrefix = $"arn:{options.Partition}:states:{options.Region}:{options.AccountId}";
        var time = JsonValue.From(Execution.RunContext.FormatTimestamp(now));
        var stateNode = new JsonObjectBuilder(3)
            .Set("Name", JsonValue.From(TestStateDefinition.SingleStateName))
            .Set("EnteredTime", time);
        if (state is TaskState or MapState or ParallelState)
        {
            stateNode.Set("RetryCount", JsonValue.From(retryCount));
        }

        var context = new JsonObjectBuilder(3)
            .Set("Execution", JsonObject.Create(
                ("Id", JsonValue.From($"{arnPrefix}:express:{machineName}:{executionName}")),
                ("Input", input),
                ("Name", JsonValue.From(executionName)),
                ("RoleArn", roleArn is null ? JsonValue.Null : JsonValue.From(roleArn)),
                ("StartTime", time)))
            .Set("StateMachine", JsonObject.Create(
                ("Id", JsonValue.From($"{arnPrefix}:stateMachine:{machineName}")),
                ("Name", JsonValue.From(machineName))))
            .Set("State", stateNode.Build())
            .Build();
        return new TestStateContextObject(context);
    }
}
