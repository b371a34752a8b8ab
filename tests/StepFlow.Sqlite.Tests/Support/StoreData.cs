using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;

namespace StepFlow.Sqlite.Tests.Support;

/// <summary>Records and events for store tests.</summary>
internal static class StoreData
{
    public const string Machine = "arn:aws:states:us-east-1:123456789012:stateMachine:Orders";
    public const string OtherMachine = "arn:aws:states:us-east-1:123456789012:stateMachine:Other";

    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly JsonObject OrdersDefinition = (JsonObject)JsonValue.Parse(
        """{"Comment":"orders","StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:Echo","Next":"Done"},"Done":{"Type":"Succeed"}}}""");

    public static string Arn(string name, string machine = Machine) =>
        machine.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + name;

    public static ExecutionRecord Record(
        string name,
        DateTimeOffset? start = null,
        ExecutionStatus status = ExecutionStatus.Running,
        string machine = Machine) => new()
        {
            ExecutionArn = Arn(name, machine),
            Name = name,
            StateMachineArn = machine,
            Definition = OrdersDefinition,
            Input = JsonValue.Parse($$"""{"order":"{{name}}","amount":12.5,"items":[1,2,3],"note":"ünïcødé ✓ 😀"}"""),
            Status = status,
            StartDate = start ?? T0,
        };

    public static ExecutionRecord Closed(ExecutionRecord record, ExecutionStatus status, DateTimeOffset stop) => record with
    {
        Status = status,
        StopDate = stop,
        Output = status == ExecutionStatus.Succeeded ? JsonValue.Parse("""{"ok":true}""") : null,
        Error = status == ExecutionStatus.Failed ? "States.TaskFailed" : null,
        Cause = status == ExecutionStatus.Failed ? "boom" : null,
    };

    /// <summary>Events <paramref name="first"/>..<paramref name="first"/>+<paramref name="count"/>-1 with every field set on some of them.</summary>
    public static StoredEvent[] Events(long first, int count) =>
        Enumerable.Range(0, count).Select(i => Event(first + i)).ToArray();

    public static StoredEvent Event(long id) => new()
    {
        Id = id,
        Timestamp = T0.AddTicks(id * 10_000_019 + 7),
        Type = id == 1 ? "ExecutionStarted" : id % 2 == 0 ? "TaskStateEntered" : "TaskStateExited",
        StateName = id == 1 ? null : "Work",
        Data = id % 3 == 0 ? null : JsonValue.Parse($$$"""{"step":{{{id}}},"text":"line\n\"quoted\" \\ tab\t","pi":3.14159,"big":12345678901234567890,"nested":{"a":[true,false,null]}}"""),
        Extra = id % 4 == 0 ? (JsonObject)JsonValue.Parse("""{"resource":"arn:aws:lambda:us-east-1:123456789012:function:Echo","error":null}""") : null,
        Index = id % 5 == 0 ? (int)id : -1,
        Scope = id == 1 ? null : id % 2 == 0 ? "" : "Map[3]/Branch 1",
        Visit = id == 1 ? -1 : (int)(id / 2),
        Journal = id % 6 == 0 ? (JsonObject)JsonValue.Parse("""{"token":"abc","dueTicks":638000000000000000}""") : null,
    };
}
