using Microsoft.Extensions.Time.Testing;
using StepFlow.Definition;
using StepFlow.Execution;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Service;
using StepFlow.Tasks;

namespace StepFlow.Tests.Service;

public sealed class ExecutionApiTests
{
    private const string MachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Orders";

    private const string PassChain = """
        {"StartAt":"Add","States":{
          "Add":{"Type":"Pass","Parameters":{"total.$":"States.MathAdd($.a, $.b)"},"Next":"Done"},
          "Done":{"Type":"Succeed"}}}
        """;

    private const string WaitsForToken = """
        {"StartAt":"Ask","States":{
          "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                 "Parameters":{"token.$":"$$.Task.Token"},"End":true}}}
        """;

    [Fact]
    public async Task StartExecution_RegisteredMachine_RunsAndDescribesOutput()
    {
        await using var engine = Build(PassChain);

        var started = await engine.StartExecutionAsync(MachineArn, JsonValue.Parse("""{"a":2,"b":3}"""), "first");
        var described = await engine.WaitForExecutionAsync(started.ExecutionArn);

        started.ExecutionArn.Should().Be("arn:aws:states:us-east-1:123456789012:execution:Orders:first");
        described.Status.Should().Be(ExecutionStatus.Succeeded);
        described.Output!.ToJsonString().Should().Be("""{"total":5}""");
        described.Input.ToJsonString().Should().Be("""{"a":2,"b":3}""");
        described.StopDate.Should().NotBeNull();
        described.RedriveStatus.Should().Be(RedriveStatus.NotRedrivable);
    }

    [Fact]
    public async Task StartExecution_SameNameAndInputWhileRunning_ReturnsTheOriginal()
    {
        var tokens = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var engine = Build(WaitsForToken, b => b.AddTaskHandler("arn:aws:states:::sqs:sendMessage", i =>
        {
            tokens.Enqueue(i.TaskToken!);
            return JsonObject.Empty;
        }));
        var input = JsonValue.Parse("""{"id":1}""");

        var first = await engine.StartExecutionAsync(MachineArn, input, "same");
        var second = await engine.StartExecutionAsync(MachineArn, JsonValue.Parse("""{"id":1}"""), "same");
        var otherInput = async () => await engine.StartExecutionAsync(MachineArn, JsonValue.Parse("""{"id":2}"""), "same");

        second.Should().Be(first);
        (await otherInput.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.ExecutionAlreadyExists);
        await WaitUntilAsync(() => !tokens.IsEmpty);
        await engine.SendTaskSuccessAsync(tokens.Single(), JsonObject.Empty);
        (await engine.WaitForExecutionAsync(first.ExecutionArn)).Status.Should().Be(ExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task StartExecution_SameNameAfterClose_FailsWithExecutionAlreadyExists()
    {
        await using var engine = Build(PassChain);
        var first = await engine.StartExecutionAsync(MachineArn, JsonValue.Parse("""{"a":1,"b":1}"""), "once");
        await engine.WaitForExecutionAsync(first.ExecutionArn);

        var again = async () => await engine.StartExecutionAsync(MachineArn, JsonValue.Parse("""{"a":1,"b":1}"""), "once");

        (await again.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.ExecutionAlreadyExists);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("x\u0007")]
    public async Task StartExecution_BadName_FailsWithInvalidName(string name)
    {
        await using var engine = Build(PassChain);

        var start = async () => await engine.StartExecutionAsync(MachineArn, null, name);

        (await start.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.InvalidName);
    }

    [Fact]
    public async Task StartExecution_UnknownMachineOrBadArn_FailsWithAwsErrorNames()
    {
        await using var engine = Build(PassChain);

        var unknown = async () => await engine.StartExecutionAsync("arn:aws:states:us-east-1:123456789012:stateMachine:Nope");
        var malformed = async () => await engine.StartExecutionAsync("Orders");

        (await unknown.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.StateMachineDoesNotExist);
        (await malformed.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.InvalidArn);
    }

    [Fact]
    public async Task StartExecution_OversizedInput_FailsWithInvalidExecutionInput()
    {
        await using var engine = Build(PassChain, b => b.UseOptions(new EngineOptions { MaxPayloadBytes = 100 }));

        var start = async () => await engine.StartExecutionAsync(MachineArn, JsonValue.From(new string('x', 200)));

        (await start.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.InvalidExecutionInput);
    }

    [Fact]
    public async Task DescribeExecution_Unknown_FailsWithExecutionDoesNotExist()
    {
        await using var engine = Build(PassChain);

        var describe = async () => await engine.DescribeExecutionAsync("arn:aws:states:us-east-1:123456789012:execution:Orders:ghost");

        (await describe.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.ExecutionDoesNotExist);
    }

    [Fact]
    public async Task ListExecutions_PagesNewestFirstAndFiltersByStatus()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var engine = Build("""{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.ok","BooleanEquals":true,"Next":"Y"}],"Default":"N"},"Y":{"Type":"Succeed"},"N":{"Type":"Fail","Error":"No"}}}""", b => b.UseTimeProvider(clock));
        for (var i = 0; i < 5; i++)
        {
            var started = await engine.StartExecutionAsync(MachineArn, JsonValue.Parse(i % 2 == 0 ? """{"ok":true}""" : """{"ok":false}"""), $"run-{i}");
            await engine.WaitForExecutionAsync(started.ExecutionArn);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await engine.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = MachineArn, MaxResults = 2 });
        var second = await engine.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = MachineArn, MaxResults = 2, NextToken = first.NextToken });
        var third = await engine.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = MachineArn, MaxResults = 2, NextToken = second.NextToken });
        var failed = await engine.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = MachineArn, StatusFilter = ExecutionStatus.Failed });

        first.Executions.Select(e => e.Name).Concat(second.Executions.Select(e => e.Name)).Concat(third.Executions.Select(e => e.Name))
            .Should().Equal("run-4", "run-3", "run-2", "run-1", "run-0");
        third.NextToken.Should().BeNull();
        failed.Executions.Select(e => e.Name).Should().Equal("run-3", "run-1");
    }

    [Fact]
    public async Task ListExecutions_ForeignToken_FailsWithInvalidToken()
    {
        await using var engine = Build(PassChain);

        var list = async () => await engine.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = MachineArn, NextToken = "garbage" });

        (await list.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.InvalidToken);
    }

    [Fact]
    public async Task GetExecutionHistory_PagesForwardAndBackwardWithAndWithoutData()
    {
        await using var engine = Build(PassChain);
        var started = await engine.StartExecutionAsync(MachineArn, JsonValue.Parse("""{"a":1,"b":2}"""), "h");
        await engine.WaitForExecutionAsync(started.ExecutionArn);

        var page1 = await engine.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = started.ExecutionArn, MaxResults = 4 });
        var page2 = await engine.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = started.ExecutionArn, MaxResults = 4, NextToken = page1.NextToken });
        var reversed = await engine.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = started.ExecutionArn, ReverseOrder = true, IncludeExecutionData = false });

        page1.Events.Concat(page2.Events).Select(e => e.Type).Should().Equal(
            HistoryEventTypes.ExecutionStarted, HistoryEventTypes.PassStateEntered, HistoryEventTypes.PassStateExited,
            HistoryEventTypes.SucceedStateEntered, HistoryEventTypes.SucceedStateExited, HistoryEventTypes.ExecutionSucceeded);
        page2.NextToken.Should().BeNull();
        page1.Events[0].Data!.ToJsonString().Should().Be("""{"a":1,"b":2}""");
        reversed.Events.Select(e => e.Id).Should().Equal(6, 5, 4, 3, 2, 1);
        reversed.Events.Should().OnlyContain(e => e.Data == null);
    }

    [Fact]
    public async Task StopExecution_Running_EndsAbortedWithErrorAndCauseInTheEvent()
    {
        await using var engine = Build(WaitsForToken, b => b.AddTaskHandler("arn:aws:states:::sqs:sendMessage", _ => JsonObject.Empty));
        var started = await engine.StartExecutionAsync(MachineArn, null, "stopped");
        await WaitUntilAsync(async () => (await engine.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = started.ExecutionArn }))
            .Events.Any(e => e.Type == HistoryEventTypes.TaskSubmitted || e.Type == HistoryEventTypes.TaskStarted));

        await engine.StopExecutionAsync(started.ExecutionArn, "Operator.Stop", "no longer needed");
        var described = await engine.DescribeExecutionAsync(started.ExecutionArn);
        var history = await engine.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = started.ExecutionArn, ReverseOrder = true, MaxResults = 1 });

        described.Status.Should().Be(ExecutionStatus.Aborted);
        described.Error.Should().Be("Operator.Stop");
        described.Cause.Should().Be("no longer needed");
        described.RedriveStatus.Should().Be(RedriveStatus.Redrivable);
        history.Events[0].Type.Should().Be(HistoryEventTypes.ExecutionAborted);
        history.Events[0].Details["error"]!.ToJsonString().Should().Be("\"Operator.Stop\"");
    }

    [Fact]
    public async Task GetExecutionHistory_WhileParallelIterationsRecord_ReadsOnlyWrittenEvents()
    {
        // A Map's iterations record concurrently while the history is read again and again: an event is counted before
        // it is written, and a reader must never see one counted but not yet written (it used to throw here).
        const string definition = """
            {"StartAt":"Fan","States":{"Fan":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":0,
              "ItemProcessor":{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}},"End":true}}}
            """;
        await using var engine = Build(definition);
        var items = JsonArray.Create(Enumerable.Range(0, 3000).Select(i => (JsonValue)JsonValue.From(i)));
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Create(("items", items)), "busy");

        var reads = 0;
        while ((await engine.DescribeExecutionAsync(started.ExecutionArn)).Status == ExecutionStatus.Running || reads == 0)
        {
            var page = await engine.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = started.ExecutionArn, ReverseOrder = true, MaxResults = 1000 });
            page.Events.Should().NotContain(e => e.Type == null);
            reads++;
        }

        (await engine.DescribeExecutionAsync(started.ExecutionArn)).Status.Should().Be(ExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task StartSyncExecution_Express_ReturnsResultWithExpressArn()
    {
        var engine = StepFlowEngine.CreateBuilder()
            .AddStateMachine("Quick", StateMachine.Parse(PassChain), StateMachineType.Express)
            .Build();

        var result = await engine.StartSyncExecutionAsync("arn:aws:states:us-east-1:123456789012:stateMachine:Quick", JsonValue.Parse("""{"a":4,"b":5}"""), "q1");

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output!.ToJsonString().Should().Be("""{"total":9}""");
        result.ExecutionArn.Should().StartWith("arn:aws:states:us-east-1:123456789012:express:Quick:q1:");
    }

    [Fact]
    public async Task StartSyncExecution_Standard_FailsWithStateMachineTypeNotSupported()
    {
        await using var engine = Build(PassChain);

        var start = async () => await engine.StartSyncExecutionAsync(MachineArn);

        (await start.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.StateMachineTypeNotSupported);
    }

    [Fact]
    public async Task StartSyncExecution_ExpressLongerThanFiveMinutes_TimesOut()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var engine = StepFlowEngine.CreateBuilder()
            .UseTimeProvider(clock)
            .AddStateMachine("Slow", StateMachine.Parse("""{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":400,"Next":"P"},"P":{"Type":"Pass","End":true}}}"""), StateMachineType.Express)
            .Build();

        var run = engine.StartSyncExecutionAsync("arn:aws:states:us-east-1:123456789012:stateMachine:Slow");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!run.IsCompleted && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(5);
            clock.Advance(TimeSpan.FromSeconds(50));
        }

        var result = await run;
        result.Status.Should().Be(ExecutionStatus.TimedOut);
        result.Error.Should().Be("States.Timeout");
    }

    [Theory]
    [InlineData("arn:aws:states:::sqs:sendMessage.waitForTaskToken", "waitForTaskToken")]
    [InlineData("arn:aws:states:::states:startExecution.sync:2", ".sync")]
    [InlineData("arn:aws:states:us-east-1:123456789012:activity:Work", "Activity ARN")]
    public void AddStateMachine_ExpressWithUnsupportedPattern_IsRejectedAtTheResource(string resource, string named)
    {
        var definition = """{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"RESOURCE","End":true}}}]}}}""".Replace("RESOURCE", resource, StringComparison.Ordinal);

        var register = () => StepFlowEngine.CreateBuilder().AddStateMachine("Fast", StateMachine.Parse(definition), StateMachineType.Express);

        var error = register.Should().Throw<InvalidDefinitionException>().Which.Diagnostics.Single();
        error.Code.Should().Be(DiagnosticCodes.SchemaValidationFailed);
        error.Location.Should().Be("/States/P/Branches/0/States/T/Resource");
        error.Message.Should().Contain(named);
    }

    [Fact]
    public async Task StartExecution_BeyondMaxOpenExecutions_FailsWithExecutionLimitExceeded()
    {
        await using var engine = Build(WaitsForToken, b => b
            .AddTaskHandler("arn:aws:states:::sqs:sendMessage", _ => JsonObject.Empty)
            .UseOptions(new EngineOptions { MaxOpenExecutions = 2 }));
        await engine.StartExecutionAsync(MachineArn, null, "one");
        await engine.StartExecutionAsync(MachineArn, null, "two");

        var third = async () => await engine.StartExecutionAsync(MachineArn, null, "three");

        (await third.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.ExecutionLimitExceeded);
    }

    [Fact]
    public async Task ExpressExecutions_AreNotRecorded()
    {
        var engine = StepFlowEngine.CreateBuilder()
            .AddStateMachine("Quick", StateMachine.Parse(PassChain), StateMachineType.Express)
            .Build();
        var started = await engine.StartExecutionAsync("arn:aws:states:us-east-1:123456789012:stateMachine:Quick", JsonValue.Parse("""{"a":1,"b":1}"""));

        var describe = async () => await engine.DescribeExecutionAsync(started.ExecutionArn);

        (await describe.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.StateMachineTypeNotSupported);
    }

    private static StepFlowEngine Build(string definition, Action<StepFlowEngineBuilder>? configure = null)
    {
        var builder = StepFlowEngine.CreateBuilder();
        configure?.Invoke(builder);
        return builder.AddStateMachine("Orders", StateMachine.Parse(definition)).Build();
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "the condition should come true");
            await Task.Delay(5);
        }
    }
}
