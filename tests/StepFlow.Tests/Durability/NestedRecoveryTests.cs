using StepFlow.Definition;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Service;
using static StepFlow.Tests.Durability.Waits;

namespace StepFlow.Tests.Durability;

public sealed class NestedRecoveryTests
{
    private const string ParentArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Parent";
    private const string ChildArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Child";

    private const string Parent = """
        {"StartAt":"RunChild","States":{"RunChild":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
          "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:Child","Input":{"key":"Child"}},
          "ResultSelector":{"out.$":"$.Output"},"End":true}}}
        """;

    private const string Child = """
        {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","End":true}}}
        """;

    [Fact]
    public async Task Recover_ParentWaitingOnSyncChild_FindsTheSameChildInsteadOfStartingAnother()
    {
        var shared = new InMemoryExecutionStore();
        var first = new HandlerLog();
        first.Hold("Child");
        var (engine, store) = Build(shared, first);
        var started = await engine.StartExecutionAsync(ParentArn, JsonObject.Empty, "parent");
        await Eventually(() => first.Calls("Child") == 1);
        store.Crash();
        await engine.ShutdownAsync();

        var second = new HandlerLog();
        var (recovered, _) = Build(shared, second);
        var report = await recovered.RecoverAsync();
        var described = await recovered.WaitForExecutionAsync(started.ExecutionArn, Bounded());
        var children = await recovered.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = ChildArn });

        report.Resumed.Should().HaveCount(2, "the parent and its child were both running");
        described.Status.Should().Be(ExecutionStatus.Succeeded);
        described.Output!.ToJsonString().Should().Be("""{"out":{"done":"Child"}}""");
        children.Executions.Should().ContainSingle("the resumed parent must not start a second child");
        second.Calls("Child").Should().Be(1, "the child's task was in flight at the crash");
    }

    private static (StepFlowEngine Engine, CrashableStore Store) Build(InMemoryExecutionStore shared, HandlerLog log)
    {
        var store = new CrashableStore(shared);
        var engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler("arn:aws:lambda:*", log.Echo())
            .AddStateMachine("Parent", StateMachine.Parse(Parent))
            .AddStateMachine("Child", StateMachine.Parse(Child))
            .UseExecutionStore(store)
            .Build();
        return (engine, store);
    }
}
