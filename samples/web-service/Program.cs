using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StepFlow;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Samples.WebService;
using StepFlow.Service;

var builder = WebApplication.CreateBuilder(args);

// The engine, its store and state machines come from appsettings.json ("StepFlow"); handlers come from DI.
builder.Services.AddScoped<Inventory>();
builder.Services.AddSingleton<ApprovalInbox>();
builder.Services.AddStepFlow(stepFlow => stepFlow
    .AddTaskHandler<ReserveHandler, Order, Reservation>("arn:aws:lambda:us-east-1:123456789012:function:reserve", OrderJson.Default)
    .AddTaskHandler<ShipHandler, Order, Shipment>("arn:aws:lambda:us-east-1:123456789012:function:ship", OrderJson.Default)
    .AddTaskHandler<ApprovalRequestHandler>("arn:aws:states:::sqs:sendMessage"));
builder.Services.AddHealthChecks().AddStepFlowHealthChecks();

// Traces and metrics of the engine (ActivitySource and Meter "StepFlow") to the console.
builder.Services.AddOpenTelemetry()
    .WithTracing(tracing => tracing.AddSource("StepFlow").AddConsoleExporter())
    .WithMetrics(metrics => metrics.AddMeter("StepFlow").AddConsoleExporter());

var app = builder.Build();
const string OrdersMachine = "Orders";

// Starts an order workflow; the order id names the execution, so a repeated POST of the same order is not started twice.
app.MapPost("/orders", async (Order order, StepFlowEngine engine, CancellationToken ct) =>
{
    var machine = engine.StateMachines.Single(m => m.Name == OrdersMachine);
    var input = JsonValue.Parse(JsonSerializer.Serialize(order, OrderJson.Default.Order));
    try
    {
        var started = await engine.StartExecutionAsync(machine.Arn, input, order.OrderId, ct);
        return Results.Accepted($"/orders/{order.OrderId}", new { started.ExecutionArn, started.StartDate });
    }
    catch (ExecutionApiException e)
    {
        return Results.Problem(e.Message, statusCode: e.ErrorCode == ExecutionApiErrorCodes.ServiceUnavailable ? 503 : 409, title: e.ErrorCode);
    }
});

// Answers the order's .waitForTaskToken step (SendTaskSuccess, or SendTaskFailure when rejected).
app.MapPost("/orders/{orderId}/approval", async (string orderId, ApprovalAnswer answer, ApprovalInbox inbox, StepFlowEngine engine, CancellationToken ct) =>
{
    if (!inbox.TryTake(orderId, out var token))
    {
        return Results.NotFound(new { error = $"Order '{orderId}' is not waiting for an approval." });
    }

    if (answer.Approved)
    {
        await engine.SendTaskSuccessAsync(token, JsonValue.Parse(JsonSerializer.Serialize(answer, OrderJson.Default.ApprovalAnswer)), ct);
    }
    else
    {
        await engine.SendTaskFailureAsync(token, "Order.Rejected", answer.Comment ?? "rejected", ct);
    }

    return Results.NoContent();
});

// The order's execution: status, output, error.
app.MapGet("/orders/{orderId}", async (string orderId, StepFlowEngine engine, CancellationToken ct) =>
{
    var machine = engine.StateMachines.Single(m => m.Name == OrdersMachine);
    var arn = machine.Arn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + orderId;
    try
    {
        var execution = await engine.DescribeExecutionAsync(arn, ct);
        return Results.Ok(new
        {
            status = AwsStatus(execution.Status),
            output = execution.Output is null ? (JsonElement?)null : JsonDocument.Parse(execution.Output.ToJsonString()).RootElement,
            error = execution.Error,
        });
    }
    catch (ExecutionApiException e) when (e.ErrorCode == ExecutionApiErrorCodes.ExecutionDoesNotExist)
    {
        return Results.NotFound(new { error = e.Message });
    }
});

app.MapHealthChecks("/health", new HealthCheckOptions());

app.Run();

static string AwsStatus(ExecutionStatus status) => status switch
{
    ExecutionStatus.Running => "RUNNING",
    ExecutionStatus.Succeeded => "SUCCEEDED",
    ExecutionStatus.Failed => "FAILED",
    ExecutionStatus.TimedOut => "TIMED_OUT",
    _ => "ABORTED",
};

/// <summary>The web service's entry point (public for the integration tests' WebApplicationFactory).</summary>
public partial class Program;
