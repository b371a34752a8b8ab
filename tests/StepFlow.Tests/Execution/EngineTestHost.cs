using Microsoft.Extensions.Time.Testing;
using StepFlow.Definition;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Tasks;

namespace StepFlow.Tests.Execution;

/// <summary>Runs definitions in tests on a fake clock that the test can move.</summary>
internal static class EngineTestHost
{
    public static async Task<ExecutionResult> RunAsync(
        string definition,
        string input = "{}",
        Action<StepFlowEngineBuilder>? configure = null,
        FakeTimeProvider? clock = null)
    {
        var builder = StepFlowEngine.CreateBuilder();
        if (clock is not null)
        {
            builder.UseTimeProvider(clock);
        }

        configure?.Invoke(builder);
        var engine = builder.Build();
        var machine = StateMachine.Parse(definition);
        return await engine.ExecuteAsync(machine, JsonValue.Parse(input), new ExecutionOptions { ExecutionName = "test" });
    }

    /// <summary>
    /// Moves the fake clock forward in steps until the execution ends; bounded by 20 s of wall time, so a
    /// test fails instead of hanging. Advancing after the engine registered its timer is what makes it fire,
    /// whatever the machine's load.
    /// </summary>
    public static async Task<ExecutionResult> AdvanceUntilDoneAsync(Task<ExecutionResult> run, FakeTimeProvider clock, TimeSpan step)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!run.IsCompleted && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(5);
            clock.Advance(step);
        }

        run.IsCompleted.Should().BeTrue("the execution should end once its timers are due");
        return await run;
    }

    public static StepFlowEngineBuilder Echo(this StepFlowEngineBuilder builder, string pattern = "*") =>
        builder.AddTaskHandler(pattern, (TaskInvocation invocation) => invocation.Input);
}
