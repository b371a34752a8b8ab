using System.Collections.Concurrent;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Sqlite.Tests.Support;

namespace StepFlow.Sqlite.Tests;

/// <summary>
/// A durable execution on SQLite hands the handler of a function called through <c>lambda:invoke</c> the attempt's
/// idempotency key, as docs/durability.md promises for every task.
/// </summary>
public sealed class LambdaInvokeIdempotencyKeyTests : IDisposable
{
    private const string MachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Flow";
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:work";
    private const string Definition = """
        {"StartAt":"ViaLambda","States":{
          "ViaLambda":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"work","Payload":{}},"End":true}}}
        """;

    private readonly TempDatabase _file = new();

    [Fact]
    public async Task LambdaInvoke_SqliteDurableRun_HandlerGetsTheAttemptsKey()
    {
        var keys = new ConcurrentBag<string?>();
        await using var store = new SqliteExecutionStore(_file.Path);
        await using var engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler(FunctionArn, invocation =>
            {
                keys.Add(invocation.IdempotencyKey);
                return JsonObject.Empty;
            })
            .AddStateMachine("Flow", StateMachine.Parse(Definition))
            .UseExecutionStore(store)
            .Build();

        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty);
        var closed = await engine.WaitForExecutionAsync(started.ExecutionArn);

        closed.Status.Should().Be(ExecutionStatus.Succeeded);
        keys.Should().ContainSingle().Which.Should().Be(started.ExecutionArn + "#ViaLambda#/0#0.0");
    }

    public void Dispose() => _file.Dispose();
}
