using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Tasks;
using StepFlow.Testing.Time;

namespace StepFlow.Tests.Tasks;

/// <summary>A host's own Polly pipeline around a task handler, inside the state's ASL Retry.</summary>
public sealed class HostPipelineTests
{
    private const string Resource = "arn:aws:lambda:us-east-1:123456789012:function:payments";

    private static readonly string CaughtDefinition = """
        {"StartAt":"Charge","States":{
          "Charge":{"Type":"Task","Resource":"@Resource@","Catch":[{"ErrorEquals":["States.TaskFailed"],"Next":"Fallback"}],"End":true},
          "Fallback":{"Type":"Pass","End":true}}}
        """.Replace("@Resource@", Resource, StringComparison.Ordinal);

    [Fact]
    public async Task AddTaskHandler_CircuitOpensAfterFailures_TaskFailsWithTaskFailedAndCatchSeesIt()
    {
        using var guard = TaskTestHost.Guard();
        var calls = 0;
        var handler = DelegateTaskHandler.FromFunc(_ =>
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("payment service down");
        });
        var breaker = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromMinutes(1),
                BreakDuration = TimeSpan.FromMinutes(5),
            })
            .Build();
        var engine = StepFlowEngine.CreateBuilder().AddTaskHandler(Resource, handler, breaker).Build();

        var first = await TaskTestHost.StartAsync(engine, CaughtDefinition).WaitAsync(guard.Token);
        var second = await TaskTestHost.StartAsync(engine, CaughtDefinition).WaitAsync(guard.Token);
        var third = await TaskTestHost.StartAsync(engine, CaughtDefinition).WaitAsync(guard.Token);

        calls.Should().Be(2);
        first.Output!.Str("Cause").Should().Contain("payment service down");
        second.Output!.Str("Cause").Should().Contain("payment service down");
        third.Status.Should().Be(ExecutionStatus.Succeeded);
        third.Output!.Str("Error").Should().Be(StatesErrorNames.TaskFailed);
        third.Output!.Str("Cause").Should().Contain("circuit breaker").And.Contain(Resource).And.Contain("'Charge'");
    }

    [Fact]
    public async Task AddTaskHandler_OpenCircuitWithoutCatch_FailsTheExecutionWithTaskFailed()
    {
        using var guard = TaskTestHost.Guard();
        var breaker = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions { ManualControl = new CircuitBreakerManualControl(isIsolated: true) })
            .Build();
        var engine = StepFlowEngine.CreateBuilder().AddTaskHandler(Resource, DelegateTaskHandler.FromFunc(i => i.Input), breaker).Build();
        var definition = """{"StartAt":"Charge","States":{"Charge":{"Type":"Task","Resource":"@Resource@","End":true}}}""".Replace("@Resource@", Resource, StringComparison.Ordinal);

        var result = await TaskTestHost.StartAsync(engine, definition).WaitAsync(guard.Token);

        result.Error.Should().Be(StatesErrorNames.TaskFailed);
        result.Cause.Should().Contain("circuit breaker");
        result.EventTypes().Should().Contain("LambdaFunctionFailed");
    }

    [Fact]
    public async Task AddTaskHandler_HostRetryInsideAslRetryOutside_EachAslAttemptRunsThePipelineOnce()
    {
        using var guard = TaskTestHost.Guard();
        var retryCounts = new List<int>();
        var handler = DelegateTaskHandler.FromFunc(i =>
        {
            lock (retryCounts)
            {
                retryCounts.Add(i.RetryCount);
                return retryCounts.Count < 4 ? throw new InvalidOperationException($"call {retryCounts.Count} fails") : JsonValue.From("paid");
            }
        });
        var engine = StepFlowEngine.CreateBuilder()
            .UseTimeProvider(new AutoAdvancingTimeProvider())
            .AddTaskHandler(Resource, handler, pipeline => pipeline.AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 1, Delay = TimeSpan.Zero }))
            .Build();
        var definition = """
            {"StartAt":"Charge","States":{"Charge":{"Type":"Task","Resource":"@Resource@",
              "Retry":[{"ErrorEquals":["States.TaskFailed"],"IntervalSeconds":1,"MaxAttempts":2}],"End":true}}}
            """.Replace("@Resource@", Resource, StringComparison.Ordinal);

        var result = await TaskTestHost.StartAsync(engine, definition).WaitAsync(guard.Token);

        result.Output.Should().Be(JsonValue.From("paid"));
        retryCounts.Should().Equal(0, 0, 1, 1);
        result.EventTypes().Count(t => t == "LambdaFunctionFailed").Should().Be(1);
        result.EventTypes().Count(t => t == "LambdaFunctionSucceeded").Should().Be(1);
    }

    [Fact]
    public async Task AddTaskHandler_ConfiguredPipeline_RunsOnTheEnginesClock()
    {
        using var guard = TaskTestHost.Guard();
        var clock = new CountingClock();
        var calls = 0;
        var handler = DelegateTaskHandler.FromFunc(i => Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("once") : i.Input);
        var engine = StepFlowEngine.CreateBuilder()
            .UseTimeProvider(clock)
            .AddTaskHandler(Resource, handler, pipeline => pipeline.AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 1, Delay = TimeSpan.FromSeconds(10) }))
            .Build();
        var definition = """{"StartAt":"Charge","States":{"Charge":{"Type":"Task","Resource":"@Resource@","End":true}}}""".Replace("@Resource@", Resource, StringComparison.Ordinal);
        var run = TaskTestHost.StartAsync(engine, definition, """{"a":1}""");
        await clock.WaitForTimersAsync(1, guard.Token);

        clock.Advance(TimeSpan.FromSeconds(10));
        var result = await run.WaitAsync(guard.Token);

        clock.DueTimes.Should().Equal(TimeSpan.FromSeconds(10));
        result.Output.Should().Be(JsonValue.Parse("""{"a":1}"""));
        calls.Should().Be(2);
    }
}
