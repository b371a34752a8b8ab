using System.Text.Json;
using StepFlow.Service;

namespace StepFlow.Server;

/// <summary>StartExecution, StartSyncExecution, DescribeExecution, ListExecutions, StopExecution and RedriveExecution.</summary>
internal static class ExecutionOperations
{
    public static async Task StartExecution(OperationContext c)
    {
        var arn = c.Request.RequiredString("stateMachineArn");
        var input = ExecutionInput.Parse(c.Request.String("input"));
        var started = await c.Engine.StartExecutionAsync(arn, input, c.Request.String("name"), c.CancellationToken).ConfigureAwait(false);
        c.Response.WriteString("executionArn", started.ExecutionArn);
        c.Response.WriteDate("startDate", started.StartDate);
    }

    public static async Task StartSyncExecution(OperationContext c)
    {
        var arn = c.Request.RequiredString("stateMachineArn");
        var input = ExecutionInput.Parse(c.Request.String("input"));
        var result = await c.Engine.StartSyncExecutionAsync(arn, input, c.Request.String("name"), c.CancellationToken).ConfigureAwait(false);
        var w = c.Response;
        w.WriteString("executionArn", result.ExecutionArn);
        w.WriteString("stateMachineArn", result.StateMachineArn);
        w.WriteString("name", result.Name);
        w.WriteDate("startDate", result.StartDate);
        w.WriteDate("stopDate", result.StopDate);
        w.WriteString("status", WireFormat.Status(result.Status));
        w.WriteString("input", result.Input.ToJsonString());
        WriteIncluded(w, "inputDetails");
        if (result.Output is not null)
        {
            w.WriteString("output", result.Output.ToJsonString());
            WriteIncluded(w, "outputDetails");
        }

        w.WriteStringIfSet("error", result.Error);
        w.WriteStringIfSet("cause", result.Cause);
    }

    public static async Task DescribeExecution(OperationContext c)
    {
        var d = await c.Engine.DescribeExecutionAsync(c.Request.RequiredString("executionArn"), c.CancellationToken).ConfigureAwait(false);
        var w = c.Response;
        WriteSummary(w, d);
        w.WriteString("input", d.Input.ToJsonString());
        WriteIncluded(w, "inputDetails");
        if (d.Output is not null)
        {
            w.WriteString("output", d.Output.ToJsonString());
            WriteIncluded(w, "outputDetails");
        }

        w.WriteStringIfSet("error", d.Error);
        w.WriteStringIfSet("cause", d.Cause);
        w.WriteString("redriveStatus", d.RedriveStatus == RedriveStatus.Redrivable ? "REDRIVABLE" : "NOT_REDRIVABLE");
        w.WriteStringIfSet("redriveStatusReason", d.RedriveStatusReason);
    }

    public static async Task ListExecutions(OperationContext c)
    {
        var status = c.Request.String("statusFilter");
        var redrive = c.Request.String("redriveFilter");
        var request = new ListExecutionsRequest
        {
            StateMachineArn = c.Request.RequiredString("stateMachineArn"),
            StatusFilter = status is null ? null : WireFormat.ParseStatus(status, "statusFilter"),
            Redriven = redrive switch
            {
                null => null,
                "REDRIVEN" => true,
                "NOT_REDRIVEN" => false,
                _ => throw new ApiError(
                    ApiErrorNames.ValidationException,
                    $"1 validation error detected: Value '{redrive}' at 'redriveFilter' failed to satisfy constraint: Member must satisfy enum value set: [REDRIVEN, NOT_REDRIVEN]"),
            },
            MaxResults = MaxResults(c.Request),
            NextToken = c.Request.String("nextToken"),
        };
        var page = await c.Engine.ListExecutionsAsync(request, c.CancellationToken).ConfigureAwait(false);
        var w = c.Response;
        w.WriteStartArray("executions");
        foreach (var execution in page.Executions)
        {
            w.WriteStartObject();
            WriteSummary(w, execution);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStringIfSet("nextToken", page.NextToken);
    }

    public static async Task StopExecution(OperationContext c)
    {
        var stopped = await c.Engine.StopExecutionAsync(
            c.Request.RequiredString("executionArn"), c.Request.String("error"), c.Request.String("cause"), c.CancellationToken).ConfigureAwait(false);
        c.Response.WriteDate("stopDate", stopped);
    }

    public static async Task RedriveExecution(OperationContext c)
    {
        var redriven = await c.Engine.RedriveExecutionAsync(c.Request.RequiredString("executionArn"), c.CancellationToken).ConfigureAwait(false);
        c.Response.WriteDate("redriveDate", redriven);
    }

    /// <summary>AWS's <c>maxResults</c>: 0 (or absent) means the default page of 100; at most 1,000.</summary>
    internal static int MaxResults(Members request) => request.Integer("maxResults", 0, 1000) is { } n and > 0 ? n : 100;

    private static void WriteSummary(Utf8JsonWriter w, ExecutionSummary s)
    {
        w.WriteString("executionArn", s.ExecutionArn);
        w.WriteString("stateMachineArn", s.StateMachineArn);
        w.WriteString("name", s.Name);
        w.WriteString("status", WireFormat.Status(s.Status));
        w.WriteDate("startDate", s.StartDate);
        w.WriteDateIfSet("stopDate", s.StopDate);
        if (s.RedriveCount > 0)
        {
            w.WriteNumber("redriveCount", s.RedriveCount);
        }

        w.WriteDateIfSet("redriveDate", s.RedriveDate);
    }

    private static void WriteIncluded(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject(name);
        w.WriteBoolean("included", true);
        w.WriteEndObject();
    }
}
