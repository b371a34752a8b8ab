using System.Collections.Concurrent;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Tasks;

namespace StepFlow.Tests.Tasks;

/// <summary>
/// Every task attempt of a state machine run hands its handler an idempotency key (docs/durability.md), whichever way the
/// Resource reaches the handler: its own ARN, or the <c>lambda:invoke</c> integration naming the function.
/// </summary>
public sealed class IdempotencyKeyTests
{
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:work";
    private const string MachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Flow";

    private const string Definition = """
        {"StartAt":"Direct","States":{
          "Direct":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","ResultPath":null,"Next":"ViaLambda"},
          "ViaLambda":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"work","Payload":{}},"ResultPath":null,"End":true}}}
        """;

    [Fact]
    public async Task LambdaInvoke_ExecuteAsync_HandlerGetsTheAttemptsKey()
    {
        var keys = new ConcurrentDictionary<string, string?>();
        var engine = Engine(keys).Build();

        var result = await engine.ExecuteAsync(StateMachine.Parse(Definition), JsonObject.Empty);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        keys["Direct"].Should().NotBeNull();
        keys["ViaLambda"].Should().NotBeNull().And.Contain("#ViaLambda#").And.EndWith("#0.0");
    }

    [Fact]
    public async Task LambdaInvoke_DurableExecution_HandlerGetsTheAttemptsKey()
    {
        var keys = new ConcurrentDictionary<string, string?>();
        var engine = Engine(keys).AddStateMachine("Flow", StateMachine.Parse(Definition)).UseExecutionStore(new InMemoryExecutionStore()).Build();

        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty);
        var result = await engine.WaitForExecutionAsync(started.ExecutionArn);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        keys["ViaLambda"].Should().NotBeNull().And.StartWith(started.ExecutionArn + "#ViaLambda#");
    }

    private static StepFlowEngineBuilder Engine(ConcurrentDictionary<string, string?> keys) =>
        StepFlowEngine.CreateBuilder().AddTaskHandler(FunctionArn, invocation =>
        {
            keys[invocation.StateName] = invocation.IdempotencyKey;
            return JsonObject.Empty;
        });
}
