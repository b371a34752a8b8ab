// A parent state machine runs a child as a nested execution with states:startExecution.sync:2, and the child runs a
// custom ".sync" job (a stand-in for AWS Batch). Run: dotnet run --project samples/nested-sync-job
using NestedSyncJob;
using StepFlow;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Service;

using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
var ct = stop.Token;

await using var engine = StepFlowEngine.CreateBuilder()
    // The custom .sync job: registered for the Resource without ".sync".
    .AddTaskHandler("arn:aws:states:::batch:submitJob", new BatchJobHandler(TimeProvider.System))
    // states:startExecution needs no handler: it is built in for state machines registered with the engine.
    .AddStateMachine("ProcessBatch", Load("process-batch.json"))
    .AddStateMachine("Orders", Load("orders.json"))
    .Build();
var orders = engine.StateMachines.Single(m => m.Name == "Orders").Arn;
var batches = engine.StateMachines.Single(m => m.Name == "ProcessBatch").Arn;

Console.WriteLine("Order 42 (three images):");
await RunAsync("order-42", """{"orderId":"42","images":["a.png","b.png","c.png"]}""");

Console.WriteLine();
Console.WriteLine("Order 43 (no images: the child's job fails, the parent catches States.TaskFailed):");
await RunAsync("order-43", """{"orderId":"43","images":[]}""");

Console.WriteLine();
Console.WriteLine("Child executions (ListExecutions on ProcessBatch):");
foreach (var child in (await engine.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = batches }, ct)).Executions)
{
    Console.WriteLine($"  {child.Name}: {child.Status}");
}

async Task RunAsync(string name, string input)
{
    var started = await engine.StartExecutionAsync(orders, JsonValue.Parse(input), name, ct);
    var closed = await engine.WaitForExecutionAsync(started.ExecutionArn, ct);
    Console.WriteLine($"  status: {closed.Status}");
    Console.WriteLine(closed.Output is { } output ? $"  output: {output.ToIndentedJsonString()}" : $"  error:  {closed.Error}");
    if (closed.Cause is { } cause)
    {
        // The Fail state's CausePath took the Catch's Cause: the child's DescribeExecution response as JSON text.
        Console.WriteLine($"  cause:  {cause}");
    }

    var history = await engine.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = started.ExecutionArn }, ct);
    Console.WriteLine($"  parent history: {string.Join(", ", history.Events.Select(e => e.Type))}");
}

static StateMachine Load(string file) => StateMachine.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file)));
