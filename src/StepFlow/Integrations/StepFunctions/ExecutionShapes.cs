using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Service;

namespace StepFlow.Integrations.StepFunctions;

/// <summary>
/// The results of the <c>states:startExecution</c> integration, shaped as AWS returns them: member names in PascalCase
/// and alphabetical order, dates as epoch milliseconds. <c>.sync</c> gives the child's DescribeExecution response with
/// <c>Input</c> and <c>Output</c> as JSON text; <c>.sync:2</c> gives them as JSON values.
/// </summary>
internal static class ExecutionShapes
{
    /// <summary>The StartExecution response: <c>ExecutionArn</c>, the SDK metadata (with <paramref name="requestId"/>) and <c>StartDate</c>.</summary>
    public static JsonObject Started(StartExecutionResult started, Guid requestId) =>
        JsonObject.Create(
            ("ExecutionArn", JsonValue.From(started.ExecutionArn)),
            ("SdkHttpMetadata", JsonObject.Create(("HttpStatusCode", JsonValue.From(200)))),
            ("SdkResponseMetadata", JsonObject.Create(("RequestId", JsonValue.From(requestId.ToString())))),
            ("StartDate", Date(started.StartDate)));

    /// <summary>A closed Standard child as DescribeExecution describes it.</summary>
    public static JsonObject Described(ExecutionDescription child, bool parsed)
    {
        var redrive = child.RedriveStatus == RedriveStatus.Redrivable ? "REDRIVABLE" : "NOT_REDRIVABLE";
        var builder = Common(child.Error, child.Cause, child.ExecutionArn, child.Input, child.Name, child.Output, parsed)
            .Set("RedriveCount", JsonValue.From(child.RedriveCount));
        if (child.RedriveDate is { } redriven)
        {
            builder.Set("RedriveDate", Date(redriven));
        }

        builder.Set("RedriveStatus", JsonValue.From(redrive));
        if (child.RedriveStatusReason is { } reason)
        {
            builder.Set("RedriveStatusReason", JsonValue.From(reason));
        }

        return End(builder, child.StartDate, child.StateMachineArn, child.Status, child.StopDate);
    }

    /// <summary>A finished Express child (run with StartSyncExecution, as Express executions cannot be described).</summary>
    public static JsonObject Described(SyncExecutionResult child, bool parsed) =>
        End(
            Common(child.Error, child.Cause, child.ExecutionArn, child.Input, child.Name, child.Output, parsed),
            child.StartDate,
            child.StateMachineArn,
            child.Status,
            child.StopDate);

    /// <summary>AWS's spelling of an execution status.</summary>
    public static string StatusName(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Running => "RUNNING",
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        _ => "ABORTED",
    };

    private static JsonObjectBuilder Common(string? error, string? cause, string executionArn, JsonValue input, string name, JsonValue? output, bool parsed)
    {
        var included = JsonObject.Create(("Included", JsonValue.True));
        var builder = new JsonObjectBuilder();
        if (cause is not null)
        {
            builder.Set("Cause", JsonValue.From(cause));
        }

        if (error is not null)
        {
            builder.Set("Error", JsonValue.From(error));
        }

        builder.Set("ExecutionArn", JsonValue.From(executionArn))
            .Set("Input", Payload(input, parsed))
            .Set("InputDetails", included)
            .Set("Name", JsonValue.From(name));
        if (output is not null)
        {
            builder.Set("Output", Payload(output, parsed)).Set("OutputDetails", included);
        }

        return builder;
    }

    private static JsonObject End(JsonObjectBuilder builder, DateTimeOffset startDate, string stateMachineArn, ExecutionStatus status, DateTimeOffset? stopDate)
    {
        builder.Set("StartDate", Date(startDate))
            .Set("StateMachineArn", JsonValue.From(stateMachineArn))
            .Set("Status", JsonValue.From(StatusName(status)));
        if (stopDate is { } stopped)
        {
            builder.Set("StopDate", Date(stopped));
        }

        return builder.Build();
    }

    private static JsonValue Payload(JsonValue value, bool parsed) => parsed ? value : JsonValue.From(value.ToJsonString());

    private static JsonNumber Date(DateTimeOffset instant) => JsonValue.From(instant.ToUnixTimeMilliseconds());
}
