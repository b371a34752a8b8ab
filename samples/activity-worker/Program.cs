// An activity Task and the workers that do its work: they long-poll the engine for tasks, send heartbeats
// while they work, and answer with success or failure (AWS's GetActivityTask / SendTask* API, in-process).
using StepFlow;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Tasks;

const string PackOrder = "arn:aws:states:us-east-1:123456789012:activity:pack-order";

var engine = StepFlowEngine.CreateBuilder()
    .AddActivity(PackOrder)
    // An empty poll returns after 1 s (AWS: 60 s), so idle workers notice the shutdown quickly.
    .UseOptions(new EngineOptions { ActivityPollTimeout = TimeSpan.FromSeconds(1) })
    .Build();

var machine = StateMachine.Parse($$$$"""
    {"StartAt":"Pack","States":{
      "Pack":{"Type":"Task","Resource":"{{{{PackOrder}}}}","TimeoutSeconds":30,"HeartbeatSeconds":5,
        "Parameters":{"orderId.$":"$.orderId","items.$":"$.items"},"ResultPath":"$.parcel",
        "Catch":[{"ErrorEquals":["Order.Empty"],"ResultPath":"$.error","Next":"Reject"}],"Next":"Ship"},
      "Ship":{"Type":"Pass","Parameters":{"orderId.$":"$.orderId","trackingId.$":"$.parcel.trackingId","packedBy.$":"$.parcel.packedBy"},"End":true},
      "Reject":{"Type":"Fail","Error":"Order.Rejected","Cause":"There was nothing to pack."}}}
    """);

using var shutdown = new CancellationTokenSource();
Task[] workers = [WorkAsync("worker-1", shutdown.Token), WorkAsync("worker-2", shutdown.Token)];

(string Id, string Items)[] orders = [("A-1", """["book","pen","mug"]"""), ("A-2", """["lamp"]"""), ("A-3", "[]")];
var executions = orders
    .Select(order => engine.ExecuteAsync(
        machine,
        JsonValue.Parse($$"""{"orderId":"{{order.Id}}","items":{{order.Items}}}"""),
        new ExecutionOptions { ExecutionName = order.Id }))
    .ToArray();

foreach (var result in await Task.WhenAll(executions))
{
    var outcome = result.Status == ExecutionStatus.Succeeded ? result.Output!.ToJsonString() : $"{result.Error}: {result.Cause}";
    Console.WriteLine($"execution {result.ExecutionArn.Split(':')[^1]}: {result.Status} {outcome}");
    Console.WriteLine($"  history: {string.Join(", ", result.History.Select(e => e.Type))}");
}

await shutdown.CancelAsync();
await Task.WhenAll(workers);

async Task WorkAsync(string workerName, CancellationToken cancellationToken)
{
    var packed = 0;
    while (!cancellationToken.IsCancellationRequested)
    {
        ActivityTask task;
        try
        {
            task = await engine.GetActivityTaskAsync(PackOrder, workerName, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            break;
        }

        if (task.IsEmpty)
        {
            continue; // the long poll timed out: poll again
        }

        var input = (JsonObject)task.Input!;
        var orderId = input["orderId"] is JsonString id ? id.Value : "?";
        var items = (JsonArray)input["items"];
        Console.WriteLine($"{workerName} took {orderId} with {items.Count} item(s)");
        if (items.Count == 0)
        {
            await engine.SendTaskFailureAsync(task.TaskToken!, "Order.Empty", "The order has no items.", CancellationToken.None);
            continue;
        }

        foreach (var item in items)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, CancellationToken.None); // packing one item
            await engine.SendTaskHeartbeatAsync(task.TaskToken!, CancellationToken.None); // still working: restarts HeartbeatSeconds
            Console.WriteLine($"{workerName} packed {(item is JsonString name ? name.Value : item.ToJsonString())} for {orderId}");
        }

        packed++;
        var parcel = JsonObject.Create(("trackingId", JsonValue.From($"TRK-{workerName}-{packed}")), ("packedBy", JsonValue.From(workerName)));
        await engine.SendTaskSuccessAsync(task.TaskToken!, parcel, CancellationToken.None);
    }
}
