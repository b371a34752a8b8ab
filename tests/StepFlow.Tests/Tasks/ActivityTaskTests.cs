using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Tasks;

namespace StepFlow.Tests.Tasks;

public sealed class ActivityTaskTests
{
    private const string Arn = "arn:aws:states:us-east-1:123456789012:activity:approve";

    private static string Definition(string extra = "", string resource = Arn) => $$$$"""
        {"StartAt":"Approve","States":{"Approve":{"Type":"Task","Resource":"{{{{resource}}}}","Parameters":{"amount.$":"$.amount"}{{{{extra}}}},"End":true}}}
        """;

    [Fact]
    public async Task Activity_WorkerPollsAndAnswers_OutputIsTheAnswer()
    {
        using var guard = TaskTestHost.Guard();
        var engine = StepFlowEngine.CreateBuilder().AddActivity(Arn).Build();
        var run = TaskTestHost.StartAsync(engine, Definition(), """{"amount":12}""");

        var task = await engine.GetActivityTaskAsync(Arn, "worker-1", guard.Token);
        task.IsEmpty.Should().BeFalse();
        task.Input.Should().Be(JsonValue.Parse("""{"amount":12}"""));
        await engine.SendTaskSuccessAsync(task.TaskToken!, """{"approved":true}""", guard.Token);
        var result = await run.WaitAsync(guard.Token);

        result.Output.Should().Be(JsonValue.Parse("""{"approved":true}"""));
        result.EventTypes().Should().Equal(
            "ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted", "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded");
        result.History[2].Details["resource"].Should().Be(JsonValue.From(Arn));
        result.History[2].Details["input"].Should().Be(JsonValue.From("""{"amount":12}"""));
        result.History[3].Details["workerName"].Should().Be(JsonValue.From("worker-1"));
    }

    [Fact]
    public async Task Activity_IsServedLikeAnyResource_AHandlerRegisteredForItsArnAnswersIt()
    {
        // Activities are a built-in integration registered like any handler: a handler registered for the activity's
        // ARN (a mock, say) is found first, with the attempt's token and pattern; no worker is involved.
        using var guard = TaskTestHost.Guard();
        TaskInvocation? seen = null;
        var engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler(Arn, invocation => (seen = invocation).Input)
            .Build();

        var result = await TaskTestHost.StartAsync(engine, Definition(), """{"amount":5}""").WaitAsync(guard.Token);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output.Should().Be(JsonValue.Parse("""{"amount":5}"""));
        seen!.Pattern.Should().Be(IntegrationPattern.Activity);
        seen.TaskToken.Should().NotBeNullOrEmpty();
        result.EventTypes().Should().Equal(
            "ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded");
    }

    [Fact]
    public async Task Activity_ThatDoesNotExist_IsAScheduleFailure()
    {
        using var guard = TaskTestHost.Guard();
        var engine = StepFlowEngine.CreateBuilder().Build();

        var result = await TaskTestHost.StartAsync(engine, Definition(), """{"amount":5}""").WaitAsync(guard.Token);

        result.Error.Should().Be("States.TaskFailed");
        result.Cause.Should().Contain("does not exist");
        result.EventTypes().Should().Equal(
            "ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityScheduleFailed", "ExecutionFailed");
    }

    [Fact]
    public async Task Activity_RegisteredOnTheEngineAtRunTime_Works()
    {
        using var guard = TaskTestHost.Guard();
        var engine = StepFlowEngine.CreateBuilder().Build();
        engine.RegisterActivity(Arn);
        var run = TaskTestHost.StartAsync(engine, Definition(), """{"amount":1}""");

        var task = await engine.GetActivityTaskAsync(Arn, null, guard.Token);
        await engine.SendTaskFailureAsync(task.TaskToken!, "Approval.Denied", "no", guard.Token);
        var result = await run.WaitAsync(guard.Token);

        result.Error.Should().Be("Approval.Denied");
        result.EventTypes().Should().Contain("ActivityFailed");
    }

    [Fact]
    public async Task GetActivityTask_NoWork_ReturnsEmptyAfterThePollTimeout()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock).AddActivity(Arn).Build();

        var poll = engine.GetActivityTaskAsync(Arn, "w", guard.Token);
        await clock.WaitForTimersAsync(1, guard.Token);
        clock.Advance(TimeSpan.FromSeconds(60));

        (await poll.WaitAsync(guard.Token)).IsEmpty.Should().BeTrue();
    }

    [Fact]
    public async Task GetActivityTask_Cancelled_Throws()
    {
        using var guard = TaskTestHost.Guard();
        using var stop = new CancellationTokenSource();
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(new CountingClock()).AddActivity(Arn).Build();

        var poll = engine.GetActivityTaskAsync(Arn, "w", stop.Token);
        await stop.CancelAsync();

        await poll.Invoking(p => p.WaitAsync(guard.Token)).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task GetActivityTask_UnknownActivity_IsActivityDoesNotExist()
    {
        var engine = StepFlowEngine.CreateBuilder().Build();

        var poll = () => engine.GetActivityTaskAsync(Arn, "w");

        (await poll.Should().ThrowAsync<TaskApiException>()).Which.ErrorCode.Should().Be(TaskApiErrorCodes.ActivityDoesNotExist);
        engine.Invoking(e => e.RegisterActivity("arn:aws:lambda:us-east-1:1:function:f")).Should().Throw<TaskApiException>()
            .Which.ErrorCode.Should().Be(TaskApiErrorCodes.InvalidArn);
    }

    [Fact]
    public async Task Activity_NotRegistered_TaskFailsWithScheduleFailed()
    {
        using var guard = TaskTestHost.Guard();
        var engine = StepFlowEngine.CreateBuilder().Build();

        var result = await TaskTestHost.StartAsync(engine, Definition(), """{"amount":1}""").WaitAsync(guard.Token);

        result.Error.Should().Be(StatesErrorNames.TaskFailed);
        result.EventTypes().Should().Contain("ActivityScheduleFailed");
    }

    [Fact]
    public async Task Activity_NoWorkerBeforeTimeoutSeconds_TimesOutAndIsNeverHandedOut()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock).AddActivity(Arn).Build();
        var run = TaskTestHost.StartAsync(engine, Definition(""","TimeoutSeconds":5"""), """{"amount":1}""");
        await clock.WaitForTimersAsync(1, guard.Token);

        clock.Advance(TimeSpan.FromSeconds(5));
        var result = await run.WaitAsync(guard.Token);

        result.Error.Should().Be(StatesErrorNames.Timeout);
        result.EventTypes().Should().Contain("ActivityTimedOut");
        var poll = engine.GetActivityTaskAsync(Arn, "late", guard.Token);
        await clock.WaitForTimersAsync(2, guard.Token);
        clock.Advance(TimeSpan.FromSeconds(60));
        (await poll.WaitAsync(guard.Token)).IsEmpty.Should().BeTrue();
    }

    [Fact]
    public async Task Activity_HeartbeatClockStartsWhenAWorkerTakesTheTask()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock).AddActivity(Arn).Build();
        var run = TaskTestHost.StartAsync(engine, Definition(""","HeartbeatSeconds":10"""), """{"amount":1}""");
        await Task.Delay(1, guard.Token);
        clock.Advance(TimeSpan.FromSeconds(60)); // queued for a minute: no heartbeat is due yet

        var before = clock.TimersCreated;
        var task = await engine.GetActivityTaskAsync(Arn, "w", guard.Token);
        run.IsCompleted.Should().BeFalse();
        await clock.WaitForTimersAsync(before + 2, guard.Token); // the poll's timer, then the heartbeat timer
        clock.Advance(TimeSpan.FromSeconds(10));
        var result = await run.WaitAsync(guard.Token);

        result.Error.Should().Be(StatesErrorNames.Timeout);
        result.EventTypes().Should().ContainInOrder("ActivityScheduled", "ActivityStarted", "ActivityTimedOut");
        var late = () => engine.SendTaskHeartbeatAsync(task.TaskToken!, guard.Token);
        (await late.Should().ThrowAsync<TaskApiException>()).Which.ErrorCode.Should().Be(TaskApiErrorCodes.TaskTimedOut);
    }

    [Fact]
    public async Task Activity_ManyTasksManyWorkers_EachTaskGoesToExactlyOneWorker()
    {
        using var guard = TaskTestHost.Guard();
        var engine = StepFlowEngine.CreateBuilder().AddActivity(Arn).Build();
        var definition = $$$$"""
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{"StartAt":"Approve","States":{
              "Approve":{"Type":"Task","Resource":"{{{{Arn}}}}","End":true}}},"End":true}}}
            """;
        var items = string.Join(",", Enumerable.Range(0, 200));
        var run = TaskTestHost.StartAsync(engine, definition, $$"""{"items":[{{items}}]}""");
        var answered = 0;

        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            while (Volatile.Read(ref answered) < 200)
            {
                using var poll = CancellationTokenSource.CreateLinkedTokenSource(guard.Token);
                poll.CancelAfter(TimeSpan.FromMilliseconds(50));
                ActivityTask task;
                try
                {
                    task = await engine.GetActivityTaskAsync(Arn, $"w{w}", poll.Token);
                }
                catch (OperationCanceledException) when (!guard.IsCancellationRequested)
                {
                    continue;
                }

                var n = ((JsonNumber)task.Input!).TryGetInt64(out var value) ? value : -1;
                await engine.SendTaskSuccessAsync(task.TaskToken!, JsonValue.From(n * 10), guard.Token);
                Interlocked.Increment(ref answered);
            }
        })).ToArray();
        var result = await run.WaitAsync(guard.Token);
        await Task.WhenAll(workers).WaitAsync(guard.Token);

        answered.Should().Be(200);
        result.Output.Should().Be(JsonValue.Parse("[" + string.Join(",", Enumerable.Range(0, 200).Select(i => i * 10)) + "]"));
    }
}
