using System.Diagnostics;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Tasks;

namespace StepFlow.Tests.Tasks;

/// <summary>
/// Handlers that block: timeouts, heartbeats and the execution's deadline hold, late results are discarded, and Map and
/// Parallel run such calls side by side. Blocking is real time here (a thread that waits), so these tests run on the
/// system clock, except where a handler "takes" engine time by moving a fake clock.
/// </summary>
public sealed class BlockingHandlerTests
{
    private const string Resource = "arn:aws:lambda:us-east-1:123456789012:function:Slow";

    private static string TaskMachine(string taskFields, string machineFields = "") => $$$$"""
        { {{{{machineFields}}}} "StartAt":"T","States":{"T":{"Type":"Task","Resource":"{{{{Resource}}}}"{{{{taskFields}}}},
          "Catch":[{"ErrorEquals":["States.Timeout"],"ResultPath":"$.error","Next":"Late"}],"End":true},
         "Late":{"Type":"Pass","Result":"late","End":true}}}
        """;

    private static string MapMachine(int maxConcurrency) => $$$$"""
        {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":{{{{maxConcurrency}}}},"ItemsPath":"$.items",
          "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"{{{{Resource}}}}","End":true}}},"End":true}}}
        """;

    private static string Items(int count) => "{\"items\":[" + string.Join(',', Enumerable.Range(0, count)) + "]}";

    [Fact]
    public async Task BlockingHandler_PastTimeoutSeconds_TimesOutOnTime_AndItsLateResultIsDiscarded()
    {
        using var guard = TaskTestHost.Guard();
        using var release = new ManualResetEventSlim();
        var returned = 0;
        var engine = StepFlowEngine.CreateBuilder()
            .AddBlockingTaskHandler(Resource, (_, _) =>
            {
                release.Wait(TimeSpan.FromSeconds(20));
                Interlocked.Increment(ref returned);
                return JsonValue.From("too late");
            })
            .Build();

        var clock = Stopwatch.StartNew();
        var result = await TaskTestHost.StartAsync(engine, TaskMachine(""","TimeoutSeconds":1""")).WaitAsync(guard.Token);
        var elapsed = clock.Elapsed;
        var returnedBeforeTheEnd = Volatile.Read(ref returned);
        release.Set();

        result.Output.Should().Be(JsonValue.From("late"));
        result.EventTypes().Should().ContainInOrder("LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionTimedOut", "PassStateEntered")
            .And.NotContain("LambdaFunctionSucceeded");
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "the timeout fires while the handler still blocks");
        returnedBeforeTheEnd.Should().Be(0, "the execution ended before the handler returned");
    }

    [Fact]
    public async Task BlockingHandler_PastTheMachinesTimeoutSeconds_TimesTheExecutionOutOnTime()
    {
        using var guard = TaskTestHost.Guard();
        using var release = new ManualResetEventSlim();
        var engine = StepFlowEngine.CreateBuilder()
            .AddBlockingTaskHandler(Resource, (_, _) =>
            {
                release.Wait(TimeSpan.FromSeconds(20));
                return JsonValue.From("too late");
            })
            .Build();

        var clock = Stopwatch.StartNew();
        var result = await TaskTestHost.StartAsync(engine, TaskMachine(string.Empty, "\"TimeoutSeconds\":1,")).WaitAsync(guard.Token);
        var elapsed = clock.Elapsed;
        release.Set();

        result.Status.Should().Be(ExecutionStatus.TimedOut);
        result.Error.Should().Be(StatesErrorNames.Timeout);
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task BlockingCallbackSubmitter_MissingItsHeartbeat_FailsWithHeartbeatTimeoutOnTime()
    {
        using var guard = TaskTestHost.Guard();
        using var release = new ManualResetEventSlim();
        var engine = StepFlowEngine.CreateBuilder()
            .AddBlockingTaskHandler("arn:aws:states:::sqs:sendMessage.waitForTaskToken", (_, _) =>
            {
                release.Wait(TimeSpan.FromSeconds(20));
                return JsonObject.Empty;
            })
            .Build();
        const string Definition = """
            {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters":{"token.$":"$$.Task.Token"},"HeartbeatSeconds":1,"TimeoutSeconds":30,
              "Catch":[{"ErrorEquals":["States.HeartbeatTimeout"],"Next":"Missed"}],"End":true},
             "Missed":{"Type":"Pass","Result":"missed","End":true}}}
            """;

        var clock = Stopwatch.StartNew();
        var result = await TaskTestHost.StartAsync(engine, Definition).WaitAsync(guard.Token);
        var elapsed = clock.Elapsed;
        release.Set();

        result.Output.Should().Be(JsonValue.From("missed"));
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Map_OfBlockingHandlers_RunsItsIterationsSideBySide()
    {
        using var guard = TaskTestHost.Guard();
        const int Iterations = 8;
        using var together = new CountdownEvent(Iterations);
        var engine = StepFlowEngine.CreateBuilder()
            .AddBlockingTaskHandler(Resource, (_, _) =>
            {
                // Each call waits until all of them are under way: only calls that run at the same time all see it.
                together.Signal();
                return JsonValue.From(together.Wait(TimeSpan.FromSeconds(3)));
            })
            .Build();

        var result = await TaskTestHost.StartAsync(engine, MapMachine(0), Items(Iterations)).WaitAsync(guard.Token);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output!.ToJsonString().Should().Be("[" + string.Join(',', Enumerable.Repeat("true", Iterations)) + "]");
    }

    [Fact]
    public async Task Map_MaxConcurrency_BoundsBlockingCallsToThatMany()
    {
        using var guard = TaskTestHost.Guard();
        var running = 0;
        var most = 0;
        var engine = StepFlowEngine.CreateBuilder()
            .AddBlockingTaskHandler(Resource, (_, _) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                using (var pause = new ManualResetEventSlim())
                {
                    pause.Wait(TimeSpan.FromMilliseconds(100));
                }

                Interlocked.Decrement(ref running);
                return JsonValue.True;
            })
            .Build();

        var result = await TaskTestHost.StartAsync(engine, MapMachine(3), Items(9)).WaitAsync(guard.Token);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        Volatile.Read(ref most).Should().BeInRange(2, 3);
    }

    [Fact]
    public async Task Parallel_BranchesWithBlockingHandlers_RunSideBySide()
    {
        using var guard = TaskTestHost.Guard();
        using var together = new CountdownEvent(3);
        var engine = StepFlowEngine.CreateBuilder()
            .AddBlockingTaskHandler(Resource, (_, _) =>
            {
                together.Signal();
                return JsonValue.From(together.Wait(TimeSpan.FromSeconds(3)));
            })
            .Build();
        var branches = string.Join(',', Enumerable.Range(0, 3).Select(i =>
            $$$$"""{"StartAt":"T{{{{i}}}}","States":{"T{{{{i}}}}":{"Type":"Task","Resource":"{{{{Resource}}}}","End":true}}}"""));
        var definition = $$$$"""{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{{{{branches}}}}],"End":true}}}""";

        var result = await TaskTestHost.StartAsync(engine, definition).WaitAsync(guard.Token);

        result.Output!.ToJsonString().Should().Be("[true,true,true]");
    }

    [Fact]
    public async Task SyncHandler_ThatHeldTheThreadOnce_RunsOffItFromThenOn_SoMapIterationsOverlap()
    {
        using var guard = TaskTestHost.Guard();
        const int Later = 6;
        using var together = new CountdownEvent(Later);
        var first = 1;
        var engine = StepFlowEngine.CreateBuilder()
            .UseOptions(new EngineOptions { BlockingHandlerThreshold = TimeSpan.FromMilliseconds(20) })
            .AddTaskHandler(Resource, _ =>
            {
                if (Interlocked.Exchange(ref first, 0) == 1)
                {
                    // The first call blocks the execution's thread for longer than the threshold.
                    using var pause = new ManualResetEventSlim();
                    pause.Wait(TimeSpan.FromMilliseconds(200));
                    return JsonValue.From("first");
                }

                together.Signal();
                return JsonValue.From(together.Wait(TimeSpan.FromSeconds(3)));
            })
            .Build();

        var result = await TaskTestHost.StartAsync(engine, MapMachine(0), Items(Later + 1)).WaitAsync(guard.Token);

        result.Output!.ToJsonString().Should().Be("[\"first\"," + string.Join(',', Enumerable.Repeat("true", Later)) + "]");
    }

    [Fact]
    public async Task SyncHandler_TakingLongerThanTimeoutSeconds_OnTheExecutionsThread_HasItsResultDiscarded()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock)
            .AddTaskHandler(Resource, invocation =>
            {
                // The handler holds the execution's thread for 10 s of engine time.
                clock.Advance(TimeSpan.FromSeconds(10));
                return JsonValue.From("too late");
            })
            .Build();

        var result = await TaskTestHost.StartAsync(engine, TaskMachine(""","TimeoutSeconds":2""")).WaitAsync(guard.Token);

        result.Output.Should().Be(JsonValue.From("late"));
        result.EventTypes().Should().Contain("LambdaFunctionTimedOut").And.NotContain("LambdaFunctionSucceeded");
        clock.TimersCreated.Should().Be(0);
    }

    [Fact]
    public async Task SyncHandler_FailingAfterTimeoutSeconds_OnTheExecutionsThread_TimesOutInstead()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock)
            .AddTaskHandler(Resource, invocation =>
            {
                clock.Advance(TimeSpan.FromSeconds(10));
                throw new InvalidOperationException("gave up");
            })
            .Build();

        var result = await TaskTestHost.StartAsync(engine, TaskMachine(""","TimeoutSeconds":2""")).WaitAsync(guard.Token);

        result.Output.Should().Be(JsonValue.From("late"));
    }

    [Fact]
    public async Task SyncHandler_TakingLongerThanTheMachinesTimeoutSeconds_TimesTheExecutionOut()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock)
            .AddTaskHandler(Resource, invocation =>
            {
                clock.Advance(TimeSpan.FromSeconds(10));
                return JsonValue.From("too late");
            })
            .Build();

        var result = await TaskTestHost.StartAsync(engine, TaskMachine(string.Empty, "\"TimeoutSeconds\":3,")).WaitAsync(guard.Token);

        result.Status.Should().Be(ExecutionStatus.TimedOut);
        result.EventTypes().Should().NotContain("LambdaFunctionSucceeded");
    }

    [Fact]
    public async Task SyncJobHandler_TakingLongerThanTimeoutSeconds_OnTheExecutionsThread_HasItsResultDiscarded()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        const string Job = "arn:aws:states:::batch:submitJob.sync";
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock)
            .AddTaskHandler(Job, invocation =>
            {
                clock.Advance(TimeSpan.FromSeconds(10));
                return JsonValue.From("too late");
            })
            .Build();
        var definition = TaskMachine(""","TimeoutSeconds":2""").Replace(Resource, Job, StringComparison.Ordinal);

        var result = await TaskTestHost.StartAsync(engine, definition).WaitAsync(guard.Token);

        result.Output.Should().Be(JsonValue.From("late"));
        result.EventTypes().Should().Contain("TaskTimedOut").And.NotContain("TaskSucceeded");
    }

    [Fact]
    public async Task SyncHandler_CompletingAtOnce_UnderAFastFakeClock_StaysOnTheThreadAndSucceeds()
    {
        using var guard = TaskTestHost.Guard();
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(new Testing.Time.AutoAdvancingTimeProvider())
            .AddTaskHandler(Resource, invocation => invocation.Input)
            .Build();

        for (var i = 0; i < 20; i++)
        {
            var result = await TaskTestHost.StartAsync(engine, TaskMachine(""","TimeoutSeconds":2""", "\"TimeoutSeconds\":5,"), """{"n":1}""")
                .WaitAsync(guard.Token);

            result.Output!.ToJsonString().Should().Be("""{"n":1}""");
        }
    }

    [Fact]
    public async Task Handler_ReturningNull_FailsTheTaskWithAClearError()
    {
        using var guard = TaskTestHost.Guard();
        var engine = StepFlowEngine.CreateBuilder().AddTaskHandler(Resource, _ => null!).Build();

        var result = await TaskTestHost.StartAsync(engine, TaskMachine(string.Empty)).WaitAsync(guard.Token);

        result.Error.Should().Be(StatesErrorNames.TaskFailed);
        result.Cause.Should().Contain("returned null instead of a JSON value").And.Contain("state 'T'");
    }

    [Fact]
    public async Task AsyncHandler_ReturningNull_FailsTheTaskWithAClearError()
    {
        using var guard = TaskTestHost.Guard();
        var engine = StepFlowEngine.CreateBuilder()
            .AddTaskHandler(Resource, new DelegateTaskHandler(async (_, _) =>
            {
                await Task.Yield();
                return null!;
            }))
            .Build();

        var result = await TaskTestHost.StartAsync(engine, TaskMachine(string.Empty)).WaitAsync(guard.Token);

        result.Error.Should().Be(StatesErrorNames.TaskFailed);
        result.Cause.Should().Contain("returned null instead of a JSON value");
    }

    [Fact]
    public async Task LambdaInvokeFunction_ReturningNull_FailsTheTaskWithAClearError()
    {
        using var guard = TaskTestHost.Guard();
        var engine = StepFlowEngine.CreateBuilder().AddTaskHandler(Resource, _ => null!).Build();
        const string Definition = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
              "Parameters":{"FunctionName":"Slow","Payload":{}},"End":true}}}
            """;

        var result = await TaskTestHost.StartAsync(engine, Definition).WaitAsync(guard.Token);

        result.Error.Should().Be(StatesErrorNames.TaskFailed);
        result.Cause.Should().Contain("returned null instead of a JSON value");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
