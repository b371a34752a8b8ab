using StepFlow;
using StepFlow.CrashHost;
using StepFlow.Json;
using StepFlow.Service;
using StepFlow.Sqlite;

// Usage: StepFlow.CrashHost <database> <invocation log> <executions>
// Recovers whatever the store holds as RUNNING, starts the executions that do not exist yet, and waits until every
// execution has closed. Each task invocation writes "<idempotency key>" as a line to the log before the handler answers,
// so a test that kills this process at random moments can count invocations across lifetimes.
if (args.Length != 3 || !int.TryParse(args[2], out var count))
{
    Console.Error.WriteLine("usage: StepFlow.CrashHost <database> <invocation log> <executions>");
    return 2;
}

using var log = new StreamWriter(new FileStream(args[1], FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
var gate = new object();
void Log(string line)
{
    lock (gate)
    {
        log.WriteLine(line);
    }
}

await using var store = new SqliteExecutionStore(args[0]);
StepFlowEngine engine = null!;
engine = StepFlowEngine.CreateBuilder()
    .UseExecutionStore(store)
    .AddStateMachine(CrashWorkflow.Name, CrashWorkflow.Machine)
    .AddTaskHandler(CrashWorkflow.WorkResource, CrashWorkflow.Work(Log))
    .AddTaskHandler(CrashWorkflow.CallbackResource, invocation =>
    {
        Log(invocation.IdempotencyKey ?? "?");
        var token = invocation.TaskToken!;
        var answer = CrashWorkflow.Approval(invocation.Input);
        _ = Task.Run(async () =>
        {
            await Task.Delay(Random.Shared.Next(1, 50));
            try
            {
                await engine.SendTaskSuccessAsync(token, answer);
            }
            catch (StepFlow.Tasks.TaskApiException)
            {
                // Answered already (the task was resumed and asked again).
            }
        });
        return JsonObject.Empty;
    })
    .Build();

var report = await engine.RecoverAsync();
Console.WriteLine($"resumed {report.Resumed.Count}, unrecoverable {report.Unrecoverable.Count}");
var arns = new List<string>();
for (var i = 0; i < count; i++)
{
    try
    {
        arns.Add((await engine.StartExecutionAsync(CrashWorkflow.Arn, CrashWorkflow.Input(i), CrashWorkflow.ExecutionName(i))).ExecutionArn);
    }
    catch (ExecutionApiException e) when (e.ErrorCode == ExecutionApiErrorCodes.ExecutionAlreadyExists)
    {
        arns.Add($"arn:aws:states:us-east-1:123456789012:execution:{CrashWorkflow.Name}:{CrashWorkflow.ExecutionName(i)}");
    }
}

var failed = 0;
foreach (var arn in arns)
{
    var described = await engine.WaitForExecutionAsync(arn);
    if (described.Status != StepFlow.Execution.ExecutionStatus.Succeeded)
    {
        failed++;
        Console.Error.WriteLine($"{arn}: {described.Status} {described.Error} {described.Cause}");
    }
}

Console.WriteLine($"closed {arns.Count}, failed {failed}");
await engine.ShutdownAsync();
return failed == 0 ? 0 : 1;
