using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using StepFlow.Definition;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Service;
using StepFlow.Tasks;
using StepFlow.Testing.Time;

namespace StepFlow.Tests.Tasks;

public sealed class NestedExecutionTests
{
    private const string Prefix = "arn:aws:states:us-east-1:123456789012";
    private const string EchoArn = Prefix + ":stateMachine:Echo";
    private const string FailsArn = Prefix + ":stateMachine:Fails";
    private const string WaitsArn = Prefix + ":stateMachine:Waits";
    private const string ParentArn = Prefix + ":stateMachine:Parent";
    private const string Sqs = "arn:aws:states:::sqs:sendMessage";
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string Echo = """
        {"StartAt":"Echo","States":{"Echo":{"Type":"Pass","Parameters":{"got.$":"$"},"End":true}}}
        """;

    private const string Fails = """
        {"StartAt":"Boom","States":{"Boom":{"Type":"Fail","Error":"Child.Broke","Cause":"on purpose"}}}
        """;

    private const string Waits = """
        {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters":{"token.$":"$$.Task.Token"},"End":true}}}
        """;

    [Fact]
    public async Task RequestResponse_RegisteredChild_ReturnsExecutionArnAndStartDateAndStartsTheChild()
    {
        using var guard = TaskTestHost.Guard();
        await using var engine = Engine(new FakeTimeProvider(Start));

        var result = await Run(engine, "arn:aws:states:::states:startExecution", """{"StateMachineArn":"{{Echo}}","Input":{"n":1},"Name":"kid"}""")
            .WaitAsync(guard.Token);
        var child = await engine.WaitForExecutionAsync(Prefix + ":execution:Echo:kid", guard.Token);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        var output = (JsonObject)result.Output!;
        output.Keys.Should().Equal("ExecutionArn", "SdkHttpMetadata", "SdkResponseMetadata", "StartDate");
        output.Str("ExecutionArn").Should().Be(Prefix + ":execution:Echo:kid");
        At(output, "StartDate").Should().Be(JsonValue.From(Start.ToUnixTimeMilliseconds()));
        child.Output!.ToJsonString().Should().Be("""{"got":{"n":1}}""");
        result.EventTypes().Should().Equal(
            "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
    }

    [Fact]
    public async Task Sync_ChildSucceeds_ReturnsDescribeShapeWithInputAndOutputAsJsonText()
    {
        using var guard = TaskTestHost.Guard();
        await using var engine = Engine(new FakeTimeProvider(Start));

        var result = await Run(engine, "arn:aws:states:::states:startExecution.sync", """{"StateMachineArn":"{{Echo}}","Input":{"n":1},"Name":"kid"}""")
            .WaitAsync(guard.Token);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        var output = (JsonObject)result.Output!;
        output.Keys.Should().Equal(
            "ExecutionArn", "Input", "InputDetails", "Name", "Output", "OutputDetails", "RedriveCount", "RedriveStatus", "RedriveStatusReason",
            "StartDate", "StateMachineArn", "Status", "StopDate");
        At(output, "Input").Should().Be(JsonValue.From("""{"n":1}"""));
        At(output, "Output").Should().Be(JsonValue.From("""{"got":{"n":1}}"""));
        At(output, "InputDetails").ToJsonString().Should().Be("""{"Included":true}""");
        output.Str("Status").Should().Be("SUCCEEDED");
        output.Str("StateMachineArn").Should().Be(EchoArn);
        output.Str("RedriveStatus").Should().Be("NOT_REDRIVABLE");
        At(output, "StartDate").Should().Be(JsonValue.From(Start.ToUnixTimeMilliseconds()));
        At(output, "StopDate").Should().Be(JsonValue.From(Start.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public async Task Sync2_ChildSucceeds_ReturnsInputAndOutputAsJsonValues()
    {
        using var guard = TaskTestHost.Guard();
        await using var engine = Engine();

        var result = await Run(engine, "arn:aws:states:::states:startExecution.sync:2", """{"StateMachineArn":"{{Echo}}","Input":{"n":1}}""")
            .WaitAsync(guard.Token);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        At(result.Output!, "Input").ToJsonString().Should().Be("""{"n":1}""");
        At(result.Output!, "Output").ToJsonString().Should().Be("""{"got":{"n":1}}""");
        result.Output!.Str("ExecutionArn").Should().StartWith(Prefix + ":execution:Echo:");
    }

    [Fact]
    public async Task Sync_History_RecordsTaskSubmittedWithTheStartResponseBeforeTaskSucceeded()
    {
        using var guard = TaskTestHost.Guard();
        await using var engine = Engine();

        var result = await Run(engine, "arn:aws:states:::states:startExecution.sync:2", """{"StateMachineArn":"{{Echo}}","Name":"kid"}""")
            .WaitAsync(guard.Token);

        result.EventTypes().Should().Equal(
            "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited",
            "ExecutionSucceeded");
        var submitted = JsonValue.Parse(result.History[4].Details.Str("output"));
        submitted.Str("ExecutionArn").Should().Be(Prefix + ":execution:Echo:kid");
        result.History[2].Details.Str("resource").Should().Be("arn:aws:states:::states:startExecution.sync:2");
    }

    [Theory]
    [InlineData("""{"a":[1,2]}""", """{"a":[1,2]}""")]
    [InlineData("null", "{}")]
    [InlineData("\"{\\\"text\\\":true}\"", """{"text":true}""")]
    [InlineData("[1,2]", "[1,2]")]
    public async Task Sync2_Input_ObjectNullOrJsonText_ReachesTheChildAsJson(string inputField, string childInput)
    {
        using var guard = TaskTestHost.Guard();
        await using var engine = Engine();

        var result = await Run(engine, "arn:aws:states:::states:startExecution.sync:2", """{"StateMachineArn":"{{Echo}}","Input":""" + inputField + "}")
            .WaitAsync(guard.Token);

        At(result.Output!, "Output", "got").ToJsonString().Should().Be(childInput);
    }

    [Fact]
    public async Task Sync_InputTextThatIsNotJson_FailsWithInvalidExecutionInputException()
    {
        using var guard = TaskTestHost.Guard();
        await using var engine = Engine();

        var result = await Run(engine, "arn:aws:states:::states:startExecution.sync", """{"StateMachineArn":"{{Echo}}","Input":"not json"}""")
            .WaitAsync(guard.Token);

        result.Error.Should().Be("StepFunctions.InvalidExecutionInputException");
        result.Cause.Should().Contain("Error Code: InvalidExecutionInput");
    }

    [Fact]
    public async Task Sync_StartedByExecutionIdField_IsPassedToTheChildAsIs()
    {
        using var guard = TaskTestHost.Guard();
        await using var engine = Engine();

        var result = await Run(
                engine,
                "arn:aws:states:::states:startExecution.sync:2",
                """{"StateMachineArn":"{{Echo}}","Input":{"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$":"$$.Execution.Id"}}""")
            .WaitAsync(guard.Token);

        At(result.Output!, "Output", "got").Str("AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID").Should().Be(result.ExecutionArn);
    }

    [Theory]
    [InlineData("arn:aws:states:::states:startExecution.sync", "\"{}\"")]
    [InlineData("arn:aws:states:::states:startExecution.sync:2", "{}")]
    public async Task Sync_ChildFails_TaskFailedWithTheChildsDescriptionAsCause(string resource, string inputInCause)
    {
        using var guard = TaskTestHost.Guard();
        await using var engine = Engine();

        var result = await Run(engine, resource, """{"StateMachineArn":"{{Fails}}","Name":"kid"}""").WaitAsync(guard.Token);

        result.Error.Should().Be(StatesErrorNames.TaskFailed);
        var cause = (JsonObject)JsonValue.Parse(result.Cause!);
        cause.Keys.Should().Equal(
            "Cause", "Error", "ExecutionArn", "Input", "InputDetails", "Name", "RedriveCount", "RedriveStatus", "StartDate", "StateMachineArn", "Status",
            "StopDate");
        cause.Str("Error").Should().Be("Child.Broke");
        cause.Str("Cause").Should().Be("on purpose");
        cause.Str("Status").Should().Be("FAILED");
        cause.Str("RedriveStatus").Should().Be("REDRIVABLE");
        At(cause, "Input").ToJsonString().Should().Be(inputInCause);
        result.EventTypes().Should().Contain("TaskFailed");
    }

    [Fact]
    public async Task Sync_ChildFails_CatchOnTaskFailedReceivesTheChildsError()
    {
        using var guard = TaskTestHost.Guard();
        await using var engine = Engine();
        var parent = """
            {"StartAt":"Nest","States":{
              "Nest":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","Parameters":{"StateMachineArn":"{{Fails}}"},
                      "Catch":[{"ErrorEquals":["States.TaskFailed"],"ResultPath":"$.failure","Next":"Recover"}],"End":true},
              "Recover":{"Type":"Pass","Parameters":{"child.$":"States.StringToJson($.failure.Cause)"},"OutputPath":"$.child.Error","End":true}}}
            """;

        var result = await TaskTestHost.StartAsync(engine, Resolve(parent)).WaitAsync(guard.Token);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output!.ToJsonString().Should().Be("\"Child.Broke\"");
    }

    [Fact]
    public async Task Sync_ChildTimesOut_TaskFailedWithStatusTimedOut()
    {
        using var guard = TaskTestHost.Guard();
        var slow = StateMachine.Parse("""{"TimeoutSeconds":1,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""");
        await using var engine = Builder(new AutoAdvancingTimeProvider()).AddStateMachine("Slow", slow).Build();

        var result = await Run(engine, "arn:aws:states:::states:startExecution.sync", """{"StateMachineArn":"{{Prefix}}:stateMachine:Slow"}""")
            .WaitAsync(guard.Token);

        result.Error.Should().Be(StatesErrorNames.TaskFailed);
        var cause = JsonValue.Parse(result.Cause!);
        cause.Str("Status").Should().Be("TIMED_OUT");
        cause.Str("Error").Should().Be(StatesErrorNames.Timeout);
    }

    [Theory]
    [InlineData("arn:aws:states:::states:startExecution")]
    [InlineData("arn:aws:states:::states:startExecution.sync")]
    [InlineData("arn:aws:states:::states:startExecution.sync:2")]
    public async Task StartExecution_UnknownMachine_FailsWithCatchableStateMachineDoesNotExistException(string resource)
    {
        using var guard = TaskTestHost.Guard();
        await using var engine = Engine();
        var parent = Resolve($$$$"""
            {"StartAt":"Nest","States":{
              "Nest":{"Type":"Task","Resource":"{{{{resource}}}}","Parameters":{"StateMachineArn":"{{Prefix}}:stateMachine:Nope"},
                      "Catch":[{"ErrorEquals":["StepFunctions.StateMachineDoesNotExistException"],"Next":"Recover"}],"End":true},
              "Recover":{"Type":"Pass","End":true}}}
            """);
        var uncaught = parent.Replace("StepFunctions.StateMachineDoesNotExistException", "Other.Error", StringComparison.Ordinal);

        var caught = await TaskTestHost.StartAsync(engine, Resolve(parent)).WaitAsync(guard.Token);
        var failed = await TaskTestHost.StartAsync(engine, uncaught).WaitAsync(guard.Token);

        caught.Status.Should().Be(ExecutionStatus.Succeeded);
        caught.Output!.Str("Error").Should().Be("StepFunctions.StateMachineDoesNotExistException");
        failed.Error.Should().Be("StepFunctions.StateMachineDoesNotExistException");
        failed.Cause.Should().StartWith($"State Machine Does Not Exist: '{Prefix}:stateMachine:Nope'")
            .And.Contain("Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist");
    }

    [Fact]
    public async Task StartExecution_NameOfAClosedChild_FailsWithExecutionAlreadyExistsException()
    {
        using var guard = TaskTestHost.Guard();
        await using var engine = Engine();
        var first = await engine.StartExecutionAsync(EchoArn, JsonObject.Empty, "once", guard.Token);
        await engine.WaitForExecutionAsync(first.ExecutionArn, guard.Token);

        var result = await Run(engine, "arn:aws:states:::states:startExecution", """{"StateMachineArn":"{{Echo}}","Name":"once"}""")
            .WaitAsync(guard.Token);

        result.Error.Should().Be("StepFunctions.ExecutionAlreadyExistsException");
    }

    [Theory]
    [InlineData("""{"Input":{}}""", "the required field 'StateMachineArn' is missing")]
    [InlineData("""{"StateMachineArn":5}""", "'StateMachineArn' must be a string, not a number")]
    [InlineData("""{"StateMachineArn":"x","Name":{}}""", "'Name' must be a string, not an object")]
    [InlineData("""{"StateMachineArn":"x","Extra":1}""", "the field 'Extra' is not a StartExecution parameter")]
    public async Task StartExecution_MalformedParameters_FailsWithTaskFailedNamingStateAndField(string parameters, string problem)
    {
        using var guard = TaskTestHost.Guard();
        await using var engine = Engine();

        var result = await Run(engine, "arn:aws:states:::states:startExecution.sync", parameters).WaitAsync(guard.Token);

        result.Error.Should().Be(StatesErrorNames.TaskFailed);
        result.Cause.Should().Contain("state 'Nest'").And.Contain(problem);
    }

    [Fact]
    public async Task StartExecution_HandlerRegisteredForTheResource_WinsOverTheBuiltIn()
    {
        using var guard = TaskTestHost.Guard();
        await using var engine = Builder(TimeProvider.System)
            .AddTaskHandler("arn:aws:states:::states:startExecution", _ => JsonObject.Create(("mine", JsonValue.True)))
            .Build();

        var result = await Run(engine, "arn:aws:states:::states:startExecution.sync", """{"StateMachineArn":"{{Echo}}"}""").WaitAsync(guard.Token);
        var started = await engine.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = EchoArn }, guard.Token);

        result.Output!.ToJsonString().Should().Be("""{"mine":true}""");
        started.Executions.Should().BeEmpty();
    }

    [Fact]
    public async Task WaitForTaskToken_ChildSendsTaskSuccess_ParentGetsTheAnswer()
    {
        using var guard = TaskTestHost.Guard();
        StepFlowEngine engine = null!;
        var answerer = StateMachine.Parse("""
            {"StartAt":"Answer","States":{"Answer":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:answer","End":true}}}
            """);
        engine = Builder(TimeProvider.System)
            .AddStateMachine("Answerer", answerer)
            .AddTaskHandler("arn:aws:lambda:us-east-1:123456789012:function:answer", new DelegateTaskHandler(async (invocation, ct) =>
            {
                await engine.SendTaskSuccessAsync(invocation.Input.Str("token"), JsonObject.Create(("answer", JsonValue.From(42))), ct);
                return JsonObject.Empty;
            }))
            .Build();
        await using var owned = engine;

        var result = await Run(
                engine,
                "arn:aws:states:::states:startExecution.waitForTaskToken",
                """{"StateMachineArn":"{{Prefix}}:stateMachine:Answerer","Input":{"token.$":"$$.Task.Token"},"Name":"kid"}""")
            .WaitAsync(guard.Token);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output!.ToJsonString().Should().Be("""{"answer":42}""");
        var submitted = result.History.Single(e => e.Type == "TaskSubmitted");
        JsonValue.Parse(submitted.Details.Str("output")).Str("ExecutionArn").Should().Be(Prefix + ":execution:Answerer:kid");
    }

    [Fact]
    public async Task Sync_ParentStopped_ChildIsAbortedWithAwsCause()
    {
        using var guard = TaskTestHost.Guard();
        var tokens = new ConcurrentQueue<string>();
        await using var engine = BuilderWithWaitingChild(TimeProvider.System, tokens)
            .AddStateMachine("Parent", StateMachine.Parse(Parent("arn:aws:states:::states:startExecution.sync", """{"StateMachineArn":"{{Waits}}","Name":"kid"}""")))
            .Build();
        var parent = await engine.StartExecutionAsync(ParentArn, null, "p", guard.Token);
        await UntilTokenHandedOutAsync(tokens, guard.Token);

        await engine.StopExecutionAsync(parent.ExecutionArn, "Operator.Stop", null, guard.Token);
        var child = await engine.WaitForExecutionAsync(Prefix + ":execution:Waits:kid", guard.Token);
        var childHistory = await engine.GetExecutionHistoryAsync(
            new GetExecutionHistoryRequest { ExecutionArn = child.ExecutionArn, ReverseOrder = true, MaxResults = 1 }, guard.Token);

        (await engine.DescribeExecutionAsync(parent.ExecutionArn, guard.Token)).Status.Should().Be(ExecutionStatus.Aborted);
        child.Status.Should().Be(ExecutionStatus.Aborted);
        child.Error.Should().BeNull();
        child.Cause.Should().Be($"The Task state in AWS Step Functions execution [{parent.ExecutionArn}] which was managing this resource was aborted");
        childHistory.Events.Single().Type.Should().Be("ExecutionAborted");
    }

    [Fact]
    public async Task Sync_EngineShutsDown_ParentAndChildStaySuspendedRunning()
    {
        using var guard = TaskTestHost.Guard();
        var tokens = new ConcurrentQueue<string>();
        await using var engine = BuilderWithWaitingChild(TimeProvider.System, tokens)
            .AddStateMachine("Parent", StateMachine.Parse(Parent("arn:aws:states:::states:startExecution.sync", """{"StateMachineArn":"{{Waits}}","Name":"kid"}""")))
            .Build();
        var parent = await engine.StartExecutionAsync(ParentArn, null, "p", guard.Token);
        await UntilTokenHandedOutAsync(tokens, guard.Token);

        await engine.ShutdownAsync(guard.Token);

        (await engine.DescribeExecutionAsync(parent.ExecutionArn, guard.Token)).Status.Should().Be(ExecutionStatus.Running);
        (await engine.DescribeExecutionAsync(Prefix + ":execution:Waits:kid", guard.Token)).Status.Should().Be(ExecutionStatus.Running);
    }

    [Fact]
    public async Task WaitForTaskToken_ParentStopped_ChildKeepsRunning()
    {
        using var guard = TaskTestHost.Guard();
        var tokens = new ConcurrentQueue<string>();
        await using var engine = BuilderWithWaitingChild(TimeProvider.System, tokens)
            .AddStateMachine(
                "Parent",
                StateMachine.Parse(Parent("arn:aws:states:::states:startExecution.waitForTaskToken", """{"StateMachineArn":"{{Waits}}","Name":"kid"}""")))
            .Build();
        var parent = await engine.StartExecutionAsync(ParentArn, null, "p", guard.Token);
        await UntilTokenHandedOutAsync(tokens, guard.Token);

        await engine.StopExecutionAsync(parent.ExecutionArn, null, null, guard.Token);

        (await engine.DescribeExecutionAsync(Prefix + ":execution:Waits:kid", guard.Token)).Status.Should().Be(ExecutionStatus.Running);
    }

    [Fact]
    public async Task Sync_TaskTimeoutSeconds_TimesOutAndStopsTheChild()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var tokens = new ConcurrentQueue<string>();
        await using var engine = BuilderWithWaitingChild(clock, tokens)
            .Build();
        var parent = """
            {"StartAt":"Nest","States":{"Nest":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync","TimeoutSeconds":5,
              "Parameters":{"StateMachineArn":"{{Waits}}","Name":"kid"},"End":true}}}
            """;
        var run = TaskTestHost.StartAsync(engine, Resolve(parent));
        await UntilTokenHandedOutAsync(tokens, guard.Token);

        await clock.WaitForTimersAsync(1, guard.Token);
        clock.Advance(TimeSpan.FromSeconds(5));
        var result = await run.WaitAsync(guard.Token);
        var child = await engine.WaitForExecutionAsync(Prefix + ":execution:Waits:kid", guard.Token);

        result.Error.Should().Be(StatesErrorNames.Timeout);
        result.EventTypes().Should().Contain("TaskTimedOut");
        child.Status.Should().Be(ExecutionStatus.Aborted);
        child.Cause.Should().Contain("which was managing this resource was aborted");
    }

    [Fact]
    public async Task Sync2_ChildStartsAGrandchild_ResultsNestTwoLevels()
    {
        using var guard = TaskTestHost.Guard();
        var middle = StateMachine.Parse(Parent("arn:aws:states:::states:startExecution.sync:2", """{"StateMachineArn":"{{Echo}}","Input.$":"$"}"""));
        await using var engine = Builder(TimeProvider.System).AddStateMachine("Middle", middle).Build();

        var result = await Run(
                engine,
                "arn:aws:states:::states:startExecution.sync:2",
                """{"StateMachineArn":"{{Prefix}}:stateMachine:Middle","Input":{"deep":true}}""")
            .WaitAsync(guard.Token);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        At(result.Output!, "Output", "Output").ToJsonString().Should().Be("""{"got":{"deep":true}}""");
        At(result.Output!, "Output").Str("StateMachineArn").Should().Be(EchoArn);
    }

    [Fact]
    public async Task Sync2_ExpressChild_RunsToItsEndAndReturnsItsOutput()
    {
        using var guard = TaskTestHost.Guard();
        await using var engine = Builder(TimeProvider.System).AddStateMachine("Quick", StateMachine.Parse(Echo), StateMachineType.Express).Build();

        var sync = await Run(engine, "arn:aws:states:::states:startExecution.sync:2", """{"StateMachineArn":"{{Prefix}}:stateMachine:Quick","Input":{"n":2}}""")
            .WaitAsync(guard.Token);
        var started = await Run(engine, "arn:aws:states:::states:startExecution", """{"StateMachineArn":"{{Prefix}}:stateMachine:Quick"}""")
            .WaitAsync(guard.Token);

        At(sync.Output!, "Output").ToJsonString().Should().Be("""{"got":{"n":2}}""");
        sync.Output!.Str("Status").Should().Be("SUCCEEDED");
        sync.Output!.Str("ExecutionArn").Should().StartWith(Prefix + ":express:Quick:");
        started.Output!.Str("ExecutionArn").Should().StartWith(Prefix + ":express:Quick:");
    }

    /// <summary>A builder whose SQS tasks (the child machine "Waits") hand their token to <paramref name="tokens"/> and leave the child waiting.</summary>
    private static StepFlowEngineBuilder BuilderWithWaitingChild(TimeProvider clock, ConcurrentQueue<string> tokens) =>
        Builder(clock, b => b.AddTaskHandler(Sqs, i =>
        {
            tokens.Enqueue(i.TaskToken!);
            return JsonObject.Empty;
        }));

    /// <summary>Returns once the waiting child has handed out its token (bounded by the test's guard).</summary>
    private static async Task UntilTokenHandedOutAsync(ConcurrentQueue<string> tokens, CancellationToken cancellationToken)
    {
        while (tokens.IsEmpty)
        {
            await Task.Delay(5, cancellationToken);
        }
    }

    private static StepFlowEngine Engine(TimeProvider? clock = null) => Builder(clock ?? TimeProvider.System).Build();

    private static StepFlowEngineBuilder Builder(TimeProvider clock, Action<StepFlowEngineBuilder>? configure = null)
    {
        var builder = StepFlowEngine.CreateBuilder().UseTimeProvider(clock);
        configure?.Invoke(builder);
        return builder
            .AddStateMachine("Echo", StateMachine.Parse(Echo))
            .AddStateMachine("Fails", StateMachine.Parse(Fails))
            .AddStateMachine("Waits", StateMachine.Parse(Waits));
    }

    /// <summary>A one-Task parent named Nest; the parameters may use the tokens of <see cref="Resolve"/>.</summary>
    private static string Parent(string resource, string parameters)
    {
        var resolved = Resolve(parameters);
        return $$$$"""
            {"StartAt":"Nest","States":{"Nest":{"Type":"Task","Resource":"{{{{resource}}}}","Parameters":{{{{resolved}}}},"End":true}}}
            """;
    }

    /// <summary>Replaces <c>{{Prefix}}</c>, <c>{{Echo}}</c>, <c>{{Fails}}</c> and <c>{{Waits}}</c> with the account prefix and the machines' ARNs.</summary>
    private static string Resolve(string text) => text
        .Replace("{{Prefix}}", Prefix, StringComparison.Ordinal)
        .Replace("{{Echo}}", EchoArn, StringComparison.Ordinal)
        .Replace("{{Fails}}", FailsArn, StringComparison.Ordinal)
        .Replace("{{Waits}}", WaitsArn, StringComparison.Ordinal);

    private static JsonValue At(JsonValue value, params string[] path)
    {
        foreach (var member in path)
        {
            value = value is JsonObject o && o.TryGetValue(member, out var next) ? next : throw new InvalidOperationException($"no '{member}' in {value}");
        }

        return value;
    }

    private static Task<ExecutionResult> Run(StepFlowEngine engine, string resource, string parameters) =>
        TaskTestHost.StartAsync(engine, Parent(resource, parameters));
}
