using System.Collections.Concurrent;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Tasks;
using StepFlow.Testing.Time;
using StepFlow.Tests.Tasks;

namespace StepFlow.Tests.Execution;

/// <summary>ASL Retry run through the engine's Polly retry pipeline, on a fake clock.</summary>
public sealed class RetryTests
{
    private const string Resource = "arn:aws:lambda:us-east-1:123456789012:function:flaky";

    private static string TaskWithRetry(string retry, string extra = "") => """
        {"StartAt":"T","States":{
          "T":{"Type":"Task","Resource":"@Resource@","Retry":@retry@@extra@,"Next":"Done"},
          "Done":{"Type":"Pass","End":true}}}
        """.Replace("@Resource@", Resource, StringComparison.Ordinal).Replace("@retry@", retry, StringComparison.Ordinal).Replace("@extra@", extra, StringComparison.Ordinal);

    /// <summary>Moves the clock by each back-off once its timer exists, <paramref name="retries"/> times.</summary>
    private static async Task<ExecutionResult> DriveAsync(Task<ExecutionResult> run, CountingClock clock, int retries, CancellationToken cancellationToken)
    {
        for (var i = 1; i <= retries; i++)
        {
            while (clock.TimersCreated < i)
            {
                if (run.IsCompleted)
                {
                    var early = await run;
                    throw new InvalidOperationException($"The execution ended ({early.Status} {early.Error}) before back-off {i}.");
                }

                await Task.Delay(1, cancellationToken);
            }

            clock.Advance(clock.DueTimes[i - 1]);
        }

        return await run.WaitAsync(cancellationToken);
    }

    [Fact]
    public async Task Retry_IntervalTwoBackoffTwoMaxDelayFive_WaitsTwoFourFiveFiveSeconds()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var retryCounts = new ConcurrentQueue<int>();
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock)
            .AddTaskHandler(Resource, i =>
            {
                retryCounts.Enqueue(i.RetryCount);
                throw new StatesErrorException("Boom", "bad");
            })
            .Build();
        var run = TaskTestHost.StartAsync(engine, TaskWithRetry("""[{"ErrorEquals":["Boom"],"IntervalSeconds":2,"BackoffRate":2,"MaxDelaySeconds":5,"MaxAttempts":4}]"""));

        var result = await DriveAsync(run, clock, 4, guard.Token);

        clock.DueTimes.Should().Equal(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        retryCounts.Should().Equal(0, 1, 2, 3, 4);
        result.Error.Should().Be("Boom");
        (result.StopDate - result.StartDate).Should().Be(TimeSpan.FromSeconds(16));
        result.EventTypes().Count(t => t == "LambdaFunctionFailed").Should().Be(5);
        result.EventTypes().Count(t => t == "TaskStateEntered").Should().Be(1);
    }

    [Fact]
    public async Task Retry_FullJitter_EachDelayIsWithinItsBackoff()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock)
            .AddTaskHandler(Resource, _ => throw new StatesErrorException("Boom", null))
            .Build();
        var run = TaskTestHost.StartAsync(engine, TaskWithRetry("""[{"ErrorEquals":["Boom"],"IntervalSeconds":10,"BackoffRate":2,"MaxAttempts":3,"JitterStrategy":"FULL"}]"""));

        var result = await DriveAsync(run, clock, 3, guard.Token);

        result.Error.Should().Be("Boom");
        var delays = clock.DueTimes;
        delays.Should().HaveCount(3);
        delays[0].Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(10));
        delays[1].Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(20));
        delays[2].Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(40));
    }

    [Fact]
    public async Task Retry_FirstMatchingRetrierHasMaxAttemptsZero_NothingRetriesAndCatchRuns()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var calls = 0;
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock)
            .AddTaskHandler(Resource, _ =>
            {
                Interlocked.Increment(ref calls);
                throw new StatesErrorException("Boom", "bad");
            })
            .Build();
        var definition = TaskWithRetry(
            """[{"ErrorEquals":["Boom"],"MaxAttempts":0},{"ErrorEquals":["States.ALL"],"MaxAttempts":5}]""",
            ""","Catch":[{"ErrorEquals":["Boom"],"Next":"Done"}]""");

        var result = await TaskTestHost.StartAsync(engine, definition).WaitAsync(guard.Token);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output.Should().Be(JsonValue.Parse("""{"Error":"Boom","Cause":"bad"}"""));
        calls.Should().Be(1);
        clock.TimersCreated.Should().Be(0);
    }

    [Fact]
    public async Task Retry_SucceedsOnTheThirdAttempt_RetryCountReachesTheHandlerAndTheContextObject()
    {
        using var guard = TaskTestHost.Guard();
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(new AutoAdvancingTimeProvider())
            .AddTaskHandler(Resource, i => i.RetryCount < 2 ? throw new InvalidOperationException("flaky") : i.Input)
            .Build();
        var definition = TaskWithRetry(
            """[{"ErrorEquals":["States.TaskFailed"],"IntervalSeconds":1,"MaxAttempts":3}]""",
            ""","Parameters":{"retry.$":"$$.State.RetryCount"}""");

        var result = await TaskTestHost.StartAsync(engine, definition).WaitAsync(guard.Token);

        result.Output.Should().Be(JsonValue.Parse("""{"retry":2}"""));
        result.EventTypes().Should().Equal(
            "ExecutionStarted", "TaskStateEntered",
            "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed",
            "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed",
            "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded",
            "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
        (result.StopDate - result.StartDate).Should().Be(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Retry_ExecutionCancelledDuringBackoff_AbortsWithoutAnotherAttempt()
    {
        using var guard = TaskTestHost.Guard();
        using var abort = new CancellationTokenSource();
        var clock = new CountingClock();
        var calls = 0;
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock)
            .AddTaskHandler(Resource, _ =>
            {
                Interlocked.Increment(ref calls);
                throw new StatesErrorException("Boom", null);
            })
            .Build();
        var run = TaskTestHost.StartAsync(engine, TaskWithRetry("""[{"ErrorEquals":["Boom"],"IntervalSeconds":60}]"""), cancellationToken: abort.Token);
        await clock.WaitForTimersAsync(1, guard.Token);

        await abort.CancelAsync();
        var result = await run.WaitAsync(guard.Token);

        result.Status.Should().Be(ExecutionStatus.Aborted);
        result.History[^1].Type.Should().Be("ExecutionAborted");
        calls.Should().Be(1);
        clock.DueTimes.Should().Equal(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Retry_ExecutionCancelledAsTheAttemptFails_AbortsInsteadOfFailing()
    {
        using var guard = TaskTestHost.Guard();
        using var abort = new CancellationTokenSource();
        var clock = new CountingClock();
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock)
            .AddTaskHandler(Resource, _ =>
            {
                abort.Cancel();
                throw new StatesErrorException("Boom", null);
            })
            .Build();
        var definition = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"@Resource@","Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":60}],"End":true}}}
            """.Replace("@Resource@", Resource, StringComparison.Ordinal);

        var result = await TaskTestHost.StartAsync(engine, definition, cancellationToken: abort.Token).WaitAsync(guard.Token);

        result.Status.Should().Be(ExecutionStatus.Aborted);
        result.History[^1].Type.Should().Be("ExecutionAborted");
        clock.TimersCreated.Should().Be(0);
    }

    [Fact]
    public async Task Retry_BackoffPastTheExecutionDeadline_WaitsOnlyToTheDeadlineAndTimesOut()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock)
            .AddTaskHandler(Resource, _ => throw new StatesErrorException("Boom", null))
            .Build();
        var definition = """
            {"TimeoutSeconds":5,"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"@Resource@","Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":10}],"End":true}}}
            """.Replace("@Resource@", Resource, StringComparison.Ordinal);
        var run = TaskTestHost.StartAsync(engine, definition);

        var result = await DriveAsync(run, clock, 1, guard.Token);

        clock.DueTimes.Should().Equal(TimeSpan.FromSeconds(5));
        result.Status.Should().Be(ExecutionStatus.TimedOut);
        result.History[^1].Type.Should().Be("ExecutionTimedOut");
    }

    [Fact]
    public async Task Retry_ErrorInTheStatesOwnFields_IsNotRetriedButCanBeCaught()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var calls = 0;
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(clock)
            .AddTaskHandler(Resource, i =>
            {
                Interlocked.Increment(ref calls);
                return i.Input;
            })
            .Build();
        var definition = """
            {"QueryLanguage":"JSONata","StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"@Resource@","Arguments":"{% $error('bad arguments') %}",
                   "Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":3}],
                   "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true},
              "Caught":{"Type":"Pass","End":true}}}
            """.Replace("@Resource@", Resource, StringComparison.Ordinal);

        var result = await TaskTestHost.StartAsync(engine, definition).WaitAsync(guard.Token);

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output.Should().BeOfType<JsonObject>().Which.Str("Error").Should().Be(StatesErrorNames.QueryEvaluationError);
        calls.Should().Be(0);
        clock.TimersCreated.Should().Be(0);
    }

    [Fact]
    public async Task Retry_OnParallel_RerunsEveryBranchThenSucceeds()
    {
        using var guard = TaskTestHost.Guard();
        var calls = 0;
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(new AutoAdvancingTimeProvider())
            .AddTaskHandler(Resource, i => Interlocked.Increment(ref calls) == 1 ? throw new StatesErrorException("Busy", null) : i.Input)
            .Build();
        var definition = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,
              "Retry":[{"ErrorEquals":["Busy"],"IntervalSeconds":1}],
              "Branches":[{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"@Resource@","End":true}}},
                          {"StartAt":"B","States":{"B":{"Type":"Pass","Result":2,"End":true}}}]}}}
            """.Replace("@Resource@", Resource, StringComparison.Ordinal);

        var result = await TaskTestHost.StartAsync(engine, definition, """{"a":1}""").WaitAsync(guard.Token);

        result.Output.Should().Be(JsonValue.Parse("""[{"a":1},2]"""));
        result.EventTypes().Count(t => t == "ParallelStateStarted").Should().Be(2);
        result.EventTypes().Should().NotContain("ParallelStateFailed");
    }

    [Fact]
    public async Task Retry_OnMap_SpentRetriesRecordMapStateFailedOnceAndCatchRuns()
    {
        using var guard = TaskTestHost.Guard();
        var engine = StepFlowEngine.CreateBuilder().UseTimeProvider(new AutoAdvancingTimeProvider())
            .AddTaskHandler(Resource, _ => throw new StatesErrorException("Busy", "still busy"))
            .Build();
        var definition = """
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.xs","Next":"Done",
              "Retry":[{"ErrorEquals":["Busy"],"IntervalSeconds":1,"MaxAttempts":2}],
              "Catch":[{"ErrorEquals":["Busy"],"ResultPath":"$.error","Next":"Done"}],
              "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Task","Resource":"@Resource@","End":true}}}},
             "Done":{"Type":"Succeed"}}}
            """.Replace("@Resource@", Resource, StringComparison.Ordinal);

        var result = await TaskTestHost.StartAsync(engine, definition, """{"xs":[1]}""").WaitAsync(guard.Token);

        result.Output.Should().Be(JsonValue.Parse("""{"xs":[1],"error":{"Error":"Busy","Cause":"still busy"}}"""));
        result.EventTypes().Count(t => t == "MapStateStarted").Should().Be(3);
        result.EventTypes().Count(t => t == "MapStateFailed").Should().Be(1);
        (result.StopDate - result.StartDate).Should().Be(TimeSpan.FromSeconds(3));
    }
}
