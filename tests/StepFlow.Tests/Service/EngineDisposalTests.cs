using Microsoft.Extensions.DependencyInjection;
using StepFlow.Definition;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Service;
using StepFlow.Tasks;

namespace StepFlow.Tests.Service;

/// <summary>
/// The engine can be disposed synchronously (a DI container disposed with <c>Dispose()</c>) as well as asynchronously,
/// with the same cleanup as <see cref="StepFlowEngine.ShutdownAsync"/>; disposing twice, or both ways, is harmless.
/// </summary>
public sealed class EngineDisposalTests
{
    private const string Held = """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:held","End":true}}}""";

    private const string HeldArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Held";

    [Fact]
    public async Task ServiceProvider_DisposedSynchronously_DisposesTheEngine()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_ => StepFlowEngine.CreateBuilder().AddStateMachine("Held", StateMachine.Parse(Held)).Build());
        var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<StepFlowEngine>();

        var dispose = () => provider.Dispose();

        dispose.Should().NotThrow();
        var start = () => engine.StartExecutionAsync(HeldArn, JsonObject.Empty);
        await start.Should().ThrowAsync<ExecutionApiException>().WithMessage("*shutting down*");
    }

    [Fact]
    public async Task Dispose_WithARunningExecution_StopsItAndReturns()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var engine = StepFlowEngine.CreateBuilder()
            .AddStateMachine("Held", StateMachine.Parse(Held))
            .AddTaskHandler("arn:aws:lambda:us-east-1:123456789012:function:held", new DelegateTaskHandler(async (invocation, token) =>
            {
                entered.TrySetResult();
                await Task.Delay(Timeout.Infinite, token);
                return invocation.Input;
            }))
            .Build();
        await engine.StartExecutionAsync(HeldArn, JsonObject.Empty, "held");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(20));

        var dispose = Task.Run(engine.Dispose);

        (await Task.WhenAny(dispose, Task.Delay(TimeSpan.FromSeconds(20)))).Should().BeSameAs(dispose, "Dispose stops the running execution and returns");
        await dispose;
    }

    [Fact]
    public async Task DisposeBothWaysAndTwice_IsHarmless()
    {
        var first = StepFlowEngine.CreateBuilder().Build();
        first.Dispose();
        first.Dispose();
        await first.DisposeAsync();

        var second = StepFlowEngine.CreateBuilder().Build();
        await second.DisposeAsync();
        second.Dispose();
        await second.DisposeAsync();
    }
}
