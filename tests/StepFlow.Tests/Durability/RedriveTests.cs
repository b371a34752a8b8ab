using System.Collections.Concurrent;
using StepFlow.Definition;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Service;
using StepFlow.Tasks;
using static StepFlow.Tests.Durability.Waits;

namespace StepFlow.Tests.Durability;

public sealed class RedriveTests
{
    private const string MachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Flow";

    private const string MapOfHundred = """
        {"StartAt":"Items","States":{
          "Items":{"Type":"Pass","Parameters":{"items.$":"States.ArrayRange(0, 99, 1)"},"Next":"Each"},
          "Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":0,"ToleratedFailureCount":2,
            "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Work","States":{
              "Work":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","Parameters":{"item.$":"$"},"End":true}}},
            "Next":"Done"},
          "Done":{"Type":"Pass","Parameters":{"count.$":"States.ArrayLength($)"},"End":true}}}
        """;

    [Fact]
    public async Task Redrive_MapWithThreeFailedIterations_RunsOnlyThoseThreeAgain()
    {
        var calls = new ConcurrentDictionary<long, int>();
        var failing = new ConcurrentDictionary<long, bool>(new[] { 7L, 42L, 99L }.Select(i => KeyValuePair.Create(i, true)));
        await using var engine = Build(MapOfHundred, b => b.AddTaskHandler("arn:aws:lambda:us-east-1:123456789012:function:work", new ItemHandler(calls, failing)));
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "map");
        var failed = await engine.WaitForExecutionAsync(started.ExecutionArn, Bounded());
        failed.Status.Should().Be(ExecutionStatus.Failed);
        failed.Error.Should().Be(StatesErrorNames.ExceedToleratedFailureThreshold);
        calls.Values.Sum().Should().Be(100);

        failing.Clear();
        calls.Clear();
        await engine.RedriveExecutionAsync(started.ExecutionArn);
        var redriven = await engine.WaitForExecutionAsync(started.ExecutionArn, Bounded());

        redriven.Status.Should().Be(ExecutionStatus.Succeeded);
        calls.Keys.Order().Should().Equal(7, 42, 99);
        calls.Values.Should().OnlyContain(n => n == 1);
        redriven.Output!.ToJsonString().Should().Be("""{"count":100}""");
        redriven.RedriveCount.Should().Be(1);
        redriven.RedriveDate.Should().NotBeNull();
    }

    [Fact]
    public async Task Redrive_FailedTask_ResumesAtTheFailedStateWithItsInputAndKeepsEarlierResults()
    {
        const string definition = """
            {"StartAt":"First","States":{
              "First":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:first","ResultPath":"$.first","Next":"Second"},
              "Second":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:second","Parameters":{"seen.$":"$.first","count.$":"$$.Execution.RedriveCount"},"ResultPath":"$.second","End":true}}}
            """;
        var firstCalls = 0;
        var secondFails = true;
        await using var engine = Build(definition, b => b
            .AddTaskHandler("arn:aws:lambda:us-east-1:123456789012:function:first", _ => JsonValue.From(++firstCalls))
            .AddTaskHandler("arn:aws:lambda:us-east-1:123456789012:function:second", i => secondFails
                ? throw new StatesErrorException("Downstream.Unavailable", "try later")
                : i.Input));
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "task");
        (await engine.WaitForExecutionAsync(started.ExecutionArn, Bounded())).Error.Should().Be("Downstream.Unavailable");

        secondFails = false;
        await engine.RedriveExecutionAsync(started.ExecutionArn);
        var redriven = await engine.WaitForExecutionAsync(started.ExecutionArn, Bounded());
        var history = await engine.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = started.ExecutionArn, MaxResults = 1000 });

        redriven.Status.Should().Be(ExecutionStatus.Succeeded);
        firstCalls.Should().Be(1);
        redriven.Output!.ToJsonString().Should().Be("""{"first":1,"second":{"seen":1,"count":1}}""");
        var types = history.Events.Select(e => e.Type).ToList();
        types.Should().ContainInOrder(HistoryEventTypes.ExecutionFailed, HistoryEventTypes.ExecutionRedriven, HistoryEventTypes.TaskStateEntered, HistoryEventTypes.ExecutionSucceeded);
        history.Events.Single(e => e.Type == HistoryEventTypes.ExecutionRedriven).Details["redriveCount"].ToJsonString().Should().Be("1");
        history.Events.Select(e => e.Id).Should().Equal(Enumerable.Range(1, history.Events.Count).Select(i => (long)i));
    }

    [Fact]
    public async Task Redrive_AbortedExecution_RestartsTheStoppedState()
    {
        const string definition = """
            {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"t.$":"$$.Task.Token"},"End":true}}}
            """;
        var tokens = new ConcurrentQueue<string>();
        await using var engine = Build(definition, b => b.AddTaskHandler("arn:aws:states:::sqs:sendMessage", i =>
        {
            tokens.Enqueue(i.TaskToken!);
            return JsonObject.Empty;
        }));
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "aborted");
        await Eventually(() => tokens.Count == 1);
        await engine.StopExecutionAsync(started.ExecutionArn, "Ops", "paused");

        await engine.RedriveExecutionAsync(started.ExecutionArn);
        await Eventually(() => tokens.Count == 2);
        await engine.SendTaskSuccessAsync(tokens.Last(), JsonValue.Parse("""{"ok":1}"""));
        var redriven = await engine.WaitForExecutionAsync(started.ExecutionArn, Bounded());

        redriven.Status.Should().Be(ExecutionStatus.Succeeded);
        tokens.Distinct().Should().HaveCount(2, "the redriven attempt gets a token of its own");
        var stale = async () => await engine.SendTaskSuccessAsync(tokens.First(), JsonObject.Empty);
        (await stale.Should().ThrowAsync<TaskApiException>()).Which.ErrorCode.Should().Be(TaskApiErrorCodes.TaskTimedOut);
    }

    [Fact]
    public async Task Redrive_SucceededOrRunning_FailsWithExecutionNotRedrivable()
    {
        await using var engine = Build("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "ok");
        await engine.WaitForExecutionAsync(started.ExecutionArn, Bounded());

        var redrive = async () => await engine.RedriveExecutionAsync(started.ExecutionArn);
        var unknown = async () => await engine.RedriveExecutionAsync("arn:aws:states:us-east-1:123456789012:execution:Flow:none");

        var refused = (await redrive.Should().ThrowAsync<ExecutionApiException>()).Which;
        refused.ErrorCode.Should().Be(ExecutionApiErrorCodes.ExecutionNotRedrivable);
        refused.Message.Should().Contain("SUCCEEDED");
        (await unknown.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.ExecutionDoesNotExist);
    }

    [Fact]
    public async Task Redrive_MoreThanFourteenDaysAfterStopping_IsRefused()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var engine = Build("""{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}}""", b => b.UseTimeProvider(clock));
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "old");
        await engine.WaitForExecutionAsync(started.ExecutionArn, Bounded());
        clock.Advance(TimeSpan.FromDays(15));

        var described = await engine.DescribeExecutionAsync(started.ExecutionArn);
        var redrive = async () => await engine.RedriveExecutionAsync(started.ExecutionArn);

        described.RedriveStatus.Should().Be(RedriveStatus.NotRedrivable);
        (await redrive.Should().ThrowAsync<ExecutionApiException>()).Which.ErrorCode.Should().Be(ExecutionApiErrorCodes.ExecutionNotRedrivable);
    }

    [Fact]
    public async Task Redrive_ListExecutionsFiltersRedriven()
    {
        var fail = true;
        await using var engine = Build(
            """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:flaky","End":true}}}""",
            b => b.AddTaskHandler("arn:aws:lambda:us-east-1:123456789012:function:flaky", i => fail ? throw new StatesErrorException("Flaky", null) : i.Input));
        var first = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "a");
        await engine.WaitForExecutionAsync(first.ExecutionArn, Bounded());
        var second = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "b");
        await engine.WaitForExecutionAsync(second.ExecutionArn, Bounded());
        fail = false;
        await engine.RedriveExecutionAsync(first.ExecutionArn);
        (await engine.WaitForExecutionAsync(first.ExecutionArn, Bounded())).Status.Should().Be(ExecutionStatus.Succeeded);

        var redriven = await engine.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = MachineArn, Redriven = true });
        var notRedriven = await engine.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = MachineArn, Redriven = false });

        redriven.Executions.Select(e => e.Name).Should().Equal("a");
        notRedriven.Executions.Select(e => e.Name).Should().Equal("b");
    }

    [Fact]
    public async Task Redrive_FailStateReachedThroughChoice_FailsAgainWithoutReevaluatingTheChoice()
    {
        await using var engine = Build("""{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$$.Execution.RedriveCount","NumericGreaterThan":0,"Next":"Y"}],"Default":"N"},"Y":{"Type":"Succeed"},"N":{"Type":"Fail","Error":"First"}}}""");
        var started = await engine.StartExecutionAsync(MachineArn, JsonObject.Empty, "choice");
        await engine.WaitForExecutionAsync(started.ExecutionArn, Bounded());

        await engine.RedriveExecutionAsync(started.ExecutionArn);
        var redriven = await engine.WaitForExecutionAsync(started.ExecutionArn, Bounded());

        redriven.Status.Should().Be(ExecutionStatus.Failed, "the Choice succeeded before, so the redrive resumes at the Fail state it chose");
        redriven.RedriveCount.Should().Be(1);
    }

    private static StepFlowEngine Build(string definition, Action<StepFlowEngineBuilder>? configure = null)
    {
        var builder = StepFlowEngine.CreateBuilder();
        configure?.Invoke(builder);
        return builder.AddStateMachine("Flow", StateMachine.Parse(definition)).Build();
    }

    /// <summary>Echoes the item; the items listed as failing fail after a short delay, so every other item has finished by then.</summary>
    private sealed class ItemHandler(ConcurrentDictionary<long, int> calls, ConcurrentDictionary<long, bool> failing) : ITaskHandler
    {
        public async ValueTask<JsonValue> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
        {
            var item = ((JsonNumber)((JsonObject)invocation.Input)["item"]).TryGetInt64(out var n) ? n : -1;
            calls.AddOrUpdate(item, 1, (_, c) => c + 1);
            if (failing.ContainsKey(item))
            {
                await Task.Delay(100, cancellationToken);
                throw new StatesErrorException("Item.Failed", $"item {item}");
            }

            return JsonValue.From(item);
        }
    }
}
