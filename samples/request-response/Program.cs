// Request-response tasks in-process: an ASL Retry that rides out a flaky handler, and a host's Polly
// circuit breaker that stops calling a service that is down (the Task's Catch takes over).
using Polly;
using Polly.CircuitBreaker;
using StepFlow;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Tasks;

const string ChargeCard = "arn:aws:lambda:us-east-1:123456789012:function:charge-card";
const string CheckInventory = "arn:aws:lambda:us-east-1:123456789012:function:check-inventory";

var clock = TimeProvider.System;
var start = 0L;
string Elapsed() => $"{clock.GetElapsedTime(start).TotalSeconds,5:0.0} s";

// The payment gateway fails twice, then answers.
var charges = 0;
var chargeCard = DelegateTaskHandler.FromFunc(invocation =>
{
    var call = Interlocked.Increment(ref charges);
    Console.WriteLine($"  [{Elapsed()}] charge-card called, $$.State.RetryCount = {invocation.RetryCount}");
    if (call < 3)
    {
        throw new InvalidOperationException("the payment gateway timed out");
    }

    return JsonObject.Create(("charged", JsonValue.True), ("attempts", JsonValue.From(call)));
});

// The inventory service is down for good.
var inventoryCalls = 0;
var checkInventory = DelegateTaskHandler.FromFunc(_ =>
{
    Interlocked.Increment(ref inventoryCalls);
    throw new HttpRequestException("inventory service unavailable");
});

var engine = StepFlowEngine.CreateBuilder()
    .AddTaskHandler(ChargeCard, chargeCard)
    // The host's own pipeline around the handler, built on the engine's clock. ASL Retry (if any) stays outside it.
    .AddTaskHandler(CheckInventory, checkInventory, pipeline => pipeline.AddCircuitBreaker(new CircuitBreakerStrategyOptions
    {
        FailureRatio = 0.5,
        MinimumThroughput = 2,
        SamplingDuration = TimeSpan.FromSeconds(30),
        BreakDuration = TimeSpan.FromSeconds(30),
    }))
    .Build();

Console.WriteLine("1. ASL Retry: IntervalSeconds 1, BackoffRate 2, MaxAttempts 3 (back-off 1 s, then 2 s)");
var charge = StateMachine.Parse($$$$"""
    {"StartAt":"Charge","States":{
      "Charge":{"Type":"Task","Resource":"{{{{ChargeCard}}}}",
        "Parameters":{"orderId.$":"$.orderId","amount.$":"$.amount"},
        "Retry":[{"ErrorEquals":["States.TaskFailed"],"IntervalSeconds":1,"BackoffRate":2,"MaxAttempts":3}],
        "ResultPath":"$.payment","End":true}}}
    """);
start = clock.GetTimestamp();
var paid = await engine.ExecuteAsync(charge, JsonValue.Parse("""{"orderId":"A-1","amount":42}"""));
Console.WriteLine($"  {paid.Status}: {paid.Output}");
Console.WriteLine($"  history: {string.Join(", ", paid.History.Select(e => e.Type))}");

Console.WriteLine();
Console.WriteLine("2. A host circuit breaker: opens after 2 failures; an open circuit is States.TaskFailed, and Catch takes over");
var inventory = StateMachine.Parse($$$$"""
    {"StartAt":"CheckInventory","States":{
      "CheckInventory":{"Type":"Task","Resource":"{{{{CheckInventory}}}}","ResultPath":"$.stock",
        "Catch":[{"ErrorEquals":["States.TaskFailed"],"ResultPath":"$.error","Next":"UseCachedStock"}],"End":true},
      "UseCachedStock":{"Type":"Pass","Result":{"source":"cache"},"ResultPath":"$.stock","End":true}}}
    """);
for (var order = 1; order <= 4; order++)
{
    var result = await engine.ExecuteAsync(inventory, JsonValue.Parse($$"""{"orderId":"B-{{order}}"}"""));
    var cause = result.Output is JsonObject output && output.TryGetValue("error", out var error) && error is JsonObject e && e.TryGetValue("Cause", out var c)
        ? c.ToJsonString()
        : "(none)";
    Console.WriteLine($"  order B-{order}: {result.Status}, handler calls so far {Volatile.Read(ref inventoryCalls)}, cause {cause}");
}
