using Microsoft.Extensions.Time.Testing;
using StepFlow.Definition;
using StepFlow.Execution;
using StepFlow.Json;
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

    public static StepFlowEngineBuilder Echo(this StepFlowEngineBuilder builder, string pattern = "*") =>
        builder.AddTaskHandler(pattern, (TaskInvocation invocation) => invocation.Input);
}
