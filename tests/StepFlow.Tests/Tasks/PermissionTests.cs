using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;

namespace StepFlow.Tests.Tasks;

public sealed class PermissionTests
{
    private const string Definition = """
        {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","End":true}}}
        """;

    private static (StepFlowEngine Engine, Func<int> Calls) Engine(Action<StepFlowEngineBuilder>? configure = null)
    {
        var calls = 0;
        var builder = StepFlowEngine.CreateBuilder().AddTaskHandler("*", i =>
        {
            Interlocked.Increment(ref calls);
            return i.Input;
        });
        configure?.Invoke(builder);
        return (builder.Build(), () => Volatile.Read(ref calls));
    }

    [Theory]
    [InlineData(StepFlow.Parsing.StateMachineType.Standard)]
    [InlineData(StepFlow.Parsing.StateMachineType.Express)]
    public async Task ExecutionsAllowList_ReachesItsNestedExecutions(StepFlow.Parsing.StateMachineType childType)
    {
        using var guard = TaskTestHost.Guard();
        var calls = 0;
        var engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler("arn:aws:states:::sqs:*", i =>
            {
                Interlocked.Increment(ref calls);
                return i.Input;
            })
            .AddStateMachine("Child", StateMachine.Parse(Definition), childType)
            .Build();
        const string Parent = """
            {"StartAt":"Start","States":{"Start":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
              "Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:Child","Input":{}},"End":true}}}
            """;
        var options = new ExecutionOptions { AllowedResources = ["arn:aws:states:::states:startExecution*"] };

        var result = await TaskTestHost.StartAsync(engine, Parent, options: options).WaitAsync(guard.Token);

        result.Error.Should().Be(StatesErrorNames.TaskFailed);
        result.Cause.Should().Contain(StatesErrorNames.Permissions);
        Volatile.Read(ref calls).Should().Be(0, "the child may not call a resource its parent may not call");
    }

    [Fact]
    public async Task ResourceNotOnTheExecutionsAllowList_FailsWithPermissionsBeforeTheHandlerRuns()
    {
        using var guard = TaskTestHost.Guard();
        var (engine, calls) = Engine();
        var options = new ExecutionOptions { AllowedResources = ["arn:aws:states:::lambda:invoke"] };

        var result = await TaskTestHost.StartAsync(engine, Definition, options: options).WaitAsync(guard.Token);

        result.Error.Should().Be(StatesErrorNames.Permissions);
        result.Cause.Should().Contain("arn:aws:states:::sqs:sendMessage");
        calls().Should().Be(0);
        result.EventTypes().Should().Equal("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStartFailed", "ExecutionFailed");
    }

    [Theory]
    [InlineData("arn:aws:states:::sqs:sendMessage")]
    [InlineData("arn:aws:states:::sqs:*")]
    [InlineData("*")]
    public async Task ResourceMatchingAnExactOrGlobEntry_Runs(string allowed)
    {
        using var guard = TaskTestHost.Guard();
        var (engine, calls) = Engine();
        var options = new ExecutionOptions { AllowedResources = [allowed] };

        var result = await TaskTestHost.StartAsync(engine, Definition, """{"a":1}""", options).WaitAsync(guard.Token);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        calls().Should().Be(1);
    }

    [Fact]
    public async Task EngineAllowList_AppliesToEveryExecution_AndPermissionsCanBeCaught()
    {
        using var guard = TaskTestHost.Guard();
        var (engine, calls) = Engine(b => b.AllowTaskResources("arn:aws:lambda:*"));
        var definition = """
            {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Catch":[{"ErrorEquals":["States.Permissions"],"Next":"Denied"}],"End":true},
             "Denied":{"Type":"Pass","Result":"denied","End":true}}}
            """;

        var result = await TaskTestHost.StartAsync(engine, definition).WaitAsync(guard.Token);

        result.Output.Should().Be(JsonValue.From("denied"));
        calls().Should().Be(0);
        engine.Tokens.OpenCount.Should().Be(0);
    }

    [Fact]
    public async Task EngineAndExecutionLists_BothHaveToAllow()
    {
        using var guard = TaskTestHost.Guard();
        var (engine, _) = Engine(b => b.AllowTaskResources("arn:aws:states:::sqs:*"));

        var narrowed = await TaskTestHost.StartAsync(engine, Definition, options: new ExecutionOptions { AllowedResources = ["arn:aws:states:::sns:*"] }).WaitAsync(guard.Token);
        var allowed = await TaskTestHost.StartAsync(engine, Definition).WaitAsync(guard.Token);

        narrowed.Error.Should().Be(StatesErrorNames.Permissions);
        allowed.Status.Should().Be(ExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task LegacyLambdaResourceNotAllowed_RecordsLambdaFunctionStartFailed()
    {
        using var guard = TaskTestHost.Guard();
        var (engine, _) = Engine(b => b.AllowTaskResources("arn:aws:states:::*"));
        var definition = """
            {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","End":true}}}
            """;

        var result = await TaskTestHost.StartAsync(engine, definition).WaitAsync(guard.Token);

        result.Error.Should().Be(StatesErrorNames.Permissions);
        result.EventTypes().Should().Contain("LambdaFunctionStartFailed");
    }
}
