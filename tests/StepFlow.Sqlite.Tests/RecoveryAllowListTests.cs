using StepFlow.Definition;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Sqlite.Tests.Support;

namespace StepFlow.Sqlite.Tests;

/// <summary>
/// An execution started under a resource allow-list (a nested execution of a parent run with one) keeps it across a
/// restart: the store holds the list with the record, and the resumed run is refused what the list refuses.
/// </summary>
public sealed class RecoveryAllowListTests : IDisposable
{
    private const string MachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Flow";
    private const string ExecutionArn = "arn:aws:states:us-east-1:123456789012:execution:Flow:limited";
    private const string Definition = """
        {"StartAt":"Ask","States":{
          "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"q":"x"},"ResultPath":"$.answer","Next":"Notify"},
          "Notify":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Parameters":{"m":"y"},"End":true}}}
        """;

    private readonly TempDatabase _file = new();

    [Fact]
    public async Task Recover_ExecutionStartedUnderAnAllowList_IsStillHeldToIt()
    {
        var tokens = new List<string>();
        await using (var store = new SqliteExecutionStore(_file.Path))
        {
            var engine = Build(store, tokens);
            await engine.Executions.StartAsync(
                MachineArn, JsonObject.Empty, "limited", ["arn:aws:states:::sqs:sendMessage.waitForTaskToken"], CancellationToken.None);
            await WaitForTokenAsync(tokens);
            await engine.ShutdownAsync();
        }

        await using (var store = new SqliteExecutionStore(_file.Path))
        {
            tokens.Clear();
            var engine = Build(store, tokens);
            (await engine.RecoverAsync()).Resumed.Should().Equal(ExecutionArn);
            await engine.SendTaskSuccessAsync(await WaitForTokenAsync(tokens), JsonObject.Empty);

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var result = await engine.WaitForExecutionAsync(ExecutionArn, timeout.Token);
            await engine.ShutdownAsync();

            result.Status.Should().Be(ExecutionStatus.Failed, "sns:publish is not on the list the execution started under");
            result.Error.Should().Be("States.Permissions");
        }
    }

    public void Dispose() => _file.Dispose();

    private static async Task<string> WaitForTokenAsync(List<string> tokens)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            lock (tokens)
            {
                if (tokens.Count > 0)
                {
                    return tokens[0];
                }
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("no task token within 20 s");
    }

    private static StepFlowEngine Build(SqliteExecutionStore store, List<string> tokens) =>
        StepFlowEngine.CreateBuilder()
            .AddTaskHandler("arn:aws:states:::sqs:sendMessage", invocation =>
            {
                lock (tokens)
                {
                    tokens.Add(invocation.TaskToken!);
                }

                return JsonObject.Empty;
            })
            .AddTaskHandler("arn:aws:states:::sns:publish", _ => JsonObject.Empty)
            .AddStateMachine("Flow", StateMachine.Parse(Definition))
            .UseExecutionStore(store)
            .Build();
}
