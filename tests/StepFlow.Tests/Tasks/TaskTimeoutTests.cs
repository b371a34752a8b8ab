using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Tasks;

namespace StepFlow.Tests.Tasks;

/// <summary>TimeoutSeconds on request-response tasks, as a Polly timeout on the engine's clock.</summary>
public sealed class TaskTimeoutTests
{
    private const string Resource = "arn:aws:states:::sqs:sendMessage";

    private static string Definition(string timeout) => """
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"@Resource@"@timeout@,
          "Catch":[{"ErrorEquals":["States.Timeout"],"Next":"Late"}],"End":true},
         "Late":{"Type":"Pass","Result":"late","End":true}}}
        """.Replace("@Resource@", Resource, StringComparison.Ordinal).Replace("@timeout@", timeout, StringComparison.Ordinal);

    /// <summary>An engine on <paramref name="clock"/> whose task handler never answers.</summary>
    private static StepFlowEngine EngineWithUnansweredTask(TimeProvider clock) =>
        StepFlowEngine.CreateBuilder().UseTimeProvider(clock)
            .AddTaskHandler(Resource, new DelegateTaskHandler((_, _) => new ValueTask<JsonValue>(new TaskCompletionSource<JsonValue>().Task)))
            .Build();

    [Fact]
    public async Task RequestResponse_PendingPastTimeoutSeconds_FailsWithStatesTimeoutAfterExactlyThatLong()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var engine = EngineWithUnansweredTask(clock);
        var run = TaskTestHost.StartAsync(engine, Definition(""","TimeoutSeconds":7"""));
        await clock.WaitForTimersAsync(1, guard.Token);

        clock.Advance(TimeSpan.FromSeconds(7));
        var result = await run.WaitAsync(guard.Token);

        clock.DueTimes.Should().Equal(TimeSpan.FromSeconds(7));
        result.Output.Should().Be(JsonValue.From("late"));
        result.EventTypes().Should().ContainInOrder("TaskScheduled", "TaskStarted", "TaskTimedOut", "PassStateEntered");
    }

    [Fact]
    public async Task RequestResponse_PendingPastTheExecutionDeadline_TimesTheExecutionOut()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var engine = EngineWithUnansweredTask(clock);
        var definition = "{\"TimeoutSeconds\":3," + Definition(""","TimeoutSeconds":7""")[1..];
        var run = TaskTestHost.StartAsync(engine, definition);
        await clock.WaitForTimersAsync(1, guard.Token);

        clock.Advance(TimeSpan.FromSeconds(3));
        var result = await run.WaitAsync(guard.Token);

        clock.DueTimes.Should().Equal(TimeSpan.FromSeconds(3));
        result.Status.Should().Be(ExecutionStatus.TimedOut);
    }

    [Fact]
    public async Task RequestResponse_PastTimeoutSeconds_CancelsTheHandlersToken_SoItCanStop()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var handlerToken = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock)
            .AddTaskHandler(Resource, new DelegateTaskHandler((_, token) =>
            {
                handlerToken.SetResult(token);
                return new ValueTask<JsonValue>(new TaskCompletionSource<JsonValue>().Task);
            }))
            .Build();
        var run = TaskTestHost.StartAsync(engine, Definition(""","TimeoutSeconds":7"""));
        await clock.WaitForTimersAsync(1, guard.Token);
        var token = await handlerToken.Task.WaitAsync(guard.Token);
        token.IsCancellationRequested.Should().BeFalse();

        clock.Advance(TimeSpan.FromSeconds(7));
        var result = await run.WaitAsync(guard.Token);

        result.Output.Should().Be(JsonValue.From("late"));
        token.IsCancellationRequested.Should().BeTrue("the handler is told that its result is no longer wanted");
    }

    [Fact]
    public async Task RequestResponse_AnsweredBeforeTheTimeout_Succeeds()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var answer = new TaskCompletionSource<JsonValue>(TaskCreationOptions.RunContinuationsAsynchronously);
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock)
            .AddTaskHandler(Resource, new DelegateTaskHandler((_, _) => new ValueTask<JsonValue>(answer.Task)))
            .Build();
        var run = TaskTestHost.StartAsync(engine, Definition(""","TimeoutSeconds":7"""));
        await clock.WaitForTimersAsync(1, guard.Token);

        clock.Advance(TimeSpan.FromSeconds(6));
        answer.SetResult(JsonValue.From("on time"));
        var result = await run.WaitAsync(guard.Token);

        result.Output.Should().Be(JsonValue.From("on time"));
        result.EventTypes().Should().Contain("TaskSucceeded").And.NotContain("TaskTimedOut");
    }

    [Fact]
    public async Task RequestResponse_CompletesAtOnce_CreatesNoTimer()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock).AddTaskHandler(Resource, i => i.Input).Build();

        var result = await TaskTestHost.StartAsync(engine, Definition(""","TimeoutSeconds":7"""), """{"a":1}""").WaitAsync(guard.Token);

        result.Output.Should().Be(JsonValue.Parse("""{"a":1}"""));
        clock.TimersCreated.Should().Be(0);
    }

    [Fact]
    public async Task RequestResponse_TimeoutSecondsPath_IsResolvedFromTheInput()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var engine = EngineWithUnansweredTask(clock);
        var run = TaskTestHost.StartAsync(engine, Definition(""","TimeoutSecondsPath":"$.limit" """), """{"limit":42}""");
        await clock.WaitForTimersAsync(1, guard.Token);

        clock.Advance(TimeSpan.FromSeconds(42));
        var result = await run.WaitAsync(guard.Token);

        clock.DueTimes.Should().Equal(TimeSpan.FromSeconds(42));
        result.Output.Should().Be(JsonValue.From("late"));
        result.Error.Should().BeNull();
    }
}
