using StepFlow.Definition;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Service;
using StepFlow.Testing.Time;

namespace StepFlow.Tests.Execution;

/// <summary>AWS's limits on one execution: 25,000 history events (Standard), one year (Standard), five minutes (Express), the input size.</summary>
public sealed class ExecutionLimitTests
{
    private const string EndlessLoop = """
        {"StartAt":"Spin","States":{
          "Spin":{"Type":"Pass","Next":"Again"},
          "Again":{"Type":"Choice","Choices":[{"Variable":"$.stop","IsPresent":true,"Next":"Done"}],"Default":"Spin"},
          "Done":{"Type":"Succeed"}}}
        """;

    private const string WaitLoop = """
        {"StartAt":"Nap","States":{
          "Nap":{"Type":"Wait","Seconds":864000,"Next":"Again"},
          "Again":{"Type":"Choice","Choices":[{"Variable":"$.stop","IsPresent":true,"Next":"Done"}],"Default":"Nap"},
          "Done":{"Type":"Succeed"}}}
        """;

    private const string CountTo = """
        {"StartAt":"Inc","States":{
          "Inc":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($.n, 1)","to.$":"$.to"},"Next":"Again"},
          "Again":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThanPath":"$.to","Next":"Inc"}],"Default":"Done"},
          "Done":{"Type":"Succeed"}}}
        """;

    private static CancellationTokenSource Guard() => new(TimeSpan.FromSeconds(60));

    [Fact]
    public async Task ExecuteAsync_AnEndlessLoopWithTheHistoryOff_FailsAtTheHistoryEventLimit()
    {
        using var guard = Guard();
        var engine = StepFlowEngine.CreateBuilder().Build();

        var result = await engine.ExecuteAsync(
            StateMachine.Parse(EndlessLoop), JsonObject.Empty, new ExecutionOptions { RecordHistory = false }, guard.Token);

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be(StatesErrorNames.Runtime);
        result.Cause.Should().Be("The execution reached the maximum number of history events (25000).");
        result.History.Should().BeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_AnEndlessLoopWithTheHistoryOn_EndsWithTheFailureAsEvent25000()
    {
        using var guard = Guard();
        var engine = StepFlowEngine.CreateBuilder().Build();

        var result = await engine.ExecuteAsync(StateMachine.Parse(EndlessLoop), JsonObject.Empty, cancellationToken: guard.Token);

        result.History.Should().HaveCount(25_000);
        result.History[^1].Type.Should().Be("ExecutionFailed");
        result.History[^1].Id.Should().Be(25_000);
        result.Cause.Should().Be("The execution reached the maximum number of history events (25000).");
    }

    [Fact]
    public async Task ExecuteAsync_AWaitLoop_TimesOutAfterAYear()
    {
        using var guard = Guard();
        var clock = new AutoAdvancingTimeProvider();
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock).Build();

        var result = await engine.ExecuteAsync(
            StateMachine.Parse(WaitLoop), JsonObject.Empty, new ExecutionOptions { RecordHistory = false }, guard.Token);

        result.Status.Should().Be(ExecutionStatus.TimedOut);
        result.Error.Should().Be(StatesErrorNames.Timeout);
        (result.StopDate - result.StartDate).Should().Be(TimeSpan.FromDays(365));
    }

    [Fact]
    public async Task ExecuteAsync_MaxExecutionDurationOption_SetsTheDefaultLimit()
    {
        using var guard = Guard();
        var clock = new AutoAdvancingTimeProvider();
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock)
            .UseOptions(new EngineOptions { MaxExecutionDuration = TimeSpan.FromDays(30) })
            .Build();

        var result = await engine.ExecuteAsync(StateMachine.Parse(WaitLoop), JsonObject.Empty, cancellationToken: guard.Token);

        result.Status.Should().Be(ExecutionStatus.TimedOut);
        (result.StopDate - result.StartDate).Should().Be(TimeSpan.FromDays(30));
        result.History[^1].Type.Should().Be("ExecutionTimedOut");
    }

    [Fact]
    public async Task ExecuteAsync_TheDefaultDurationLimit_DoesNotCutAPendingTaskShort_OnAFastFakeClock()
    {
        using var guard = Guard();
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(new AutoAdvancingTimeProvider())
            .AddTaskHandler("arn:aws:states:::sqs:sendMessage", new StepFlow.Tasks.DelegateTaskHandler(async (invocation, _) =>
            {
                await Task.Delay(20);
                return invocation.Input;
            }))
            .Build();
        const string Definition = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","End":true}}}
            """;

        var result = await engine.ExecuteAsync(StateMachine.Parse(Definition), JsonValue.Parse("""{"a":1}"""), cancellationToken: guard.Token);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output!.ToJsonString().Should().Be("""{"a":1}""");
    }

    [Fact]
    public async Task ExpressExecution_HasNoHistoryEventLimit()
    {
        using var guard = Guard();
        await using var engine = StepFlowEngine.CreateBuilder()
            .AddStateMachine("Counter", StateMachine.Parse(CountTo), StateMachineType.Express)
            .Build();

        var result = await engine.StartSyncExecutionAsync(
            "arn:aws:states:us-east-1:123456789012:stateMachine:Counter", JsonValue.Parse("""{"n":0,"to":10000}"""), "count", guard.Token);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output!.ToJsonString().Should().Be("""{"n":10000,"to":10000}""");
    }

    [Fact]
    public async Task ExecuteAsync_AnInputOverThePayloadLimit_IsRefusedWithInvalidExecutionInput()
    {
        var engine = StepFlowEngine.CreateBuilder().Build();
        var input = JsonObject.Create(("big", JsonValue.From(new string('x', 262_144))));

        var act = () => engine.ExecuteAsync(StateMachine.Parse(EndlessLoop), input);

        (await act.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.InvalidExecutionInput);
    }
}
