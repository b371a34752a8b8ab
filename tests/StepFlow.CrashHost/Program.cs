using StepFlow;
using StepFlow.CrashHost;
using StepFlow.Execution;
using StepFlow.Persistence;
using StepFlow.Service;
using StepFlow.Sqlite;

// Runs the crash workflow's executions on a SQLite file for one lifetime, until they have all closed or it is killed:
// recovers what the store holds as RUNNING, starts (one every interval) the executions below the start limit the ledger
// holds no acknowledged start for, answers callbacks through the callback driver, and records everything acknowledged in the ledger first.
// Exit code 0 when every execution succeeded, 1 when one did not (or is missing, or stuck on a lost answer), 2 on a bad
// command line.
var options = HostOptions.Parse(args);
if (options is null)
{
    return 2;
}

var earlier = Ledger.Read(options.Ledger);
using var ledger = new Ledger(options.Ledger);
ledger.Write(LedgerEntryKind.Lifetime, options.Lifetime);
options.ApplyFault();

var driver = new CallbackDriver(ledger, earlier.Where(e => e.Kind == LedgerEntryKind.Answer).Select(e => e.Value));
await using var store = new SqliteExecutionStore(options.Database);
await using var engine = StepFlowEngine.CreateBuilder()
    .UseExecutionStore(store)
    .AddStateMachine(CrashWorkflow.Name, CrashWorkflow.Machine)
    .AddTaskHandler(CrashWorkflow.WorkResource, invocation =>
    {
        try
        {
            return CrashWorkflow.Work(invocation);
        }
        finally
        {
            ledger.Write(LedgerEntryKind.TaskOutcome, invocation.IdempotencyKey ?? "?");
        }
    })
    .AddTaskHandler(CrashWorkflow.CallbackResource, driver.Handle)
    .Build();
driver.Attach(engine);

var recovered = await engine.RecoverAsync();
Console.WriteLine($"lifetime {options.Lifetime}: resumed {recovered.Resumed.Count}, unrecoverable {recovered.Unrecoverable.Count}");
var started = earlier.Where(e => e.Kind == LedgerEntryKind.Start).Select(e => int.Parse(e.Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
await StartDriver.RunAsync(engine, ledger, started, options.StartLimit, options.StartInterval, CancellationToken.None);

var succeeded = 0;
var problems = new List<string>();
for (var i = 0; i < options.StartLimit; i++)
{
    var arn = CrashWorkflow.ExecutionArn(i);
    try
    {
        var closed = engine.WaitForExecutionAsync(arn);
        if (await Task.WhenAny(closed, driver.StuckAsync(arn)) != closed)
        {
            problems.Add($"{arn}: stuck: its callback was asked for again after its answer was acknowledged");
            continue;
        }

        var described = await closed;
        if (described.Status == ExecutionStatus.Succeeded)
        {
            succeeded++;
        }
        else
        {
            problems.Add($"{arn}: {described.Status} {described.Error} {described.Cause}");
        }
    }
    catch (ExecutionApiException e) when (e.ErrorCode == ExecutionApiErrorCodes.ExecutionDoesNotExist)
    {
        problems.Add($"{arn}: missing: {e.Message}");
    }
}

problems.AddRange(driver.Errors);
foreach (var problem in problems)
{
    Console.Error.WriteLine(problem);
}

Console.WriteLine($"lifetime {options.Lifetime}: {succeeded} of {options.StartLimit} executions succeeded, {problems.Count} problems");
return problems.Count == 0 ? 0 : 1;
