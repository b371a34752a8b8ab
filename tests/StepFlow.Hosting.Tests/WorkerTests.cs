using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
using StepFlow.Service;
using StepFlow.Sqlite;
using static StepFlow.Hosting.Tests.TestHosts;

namespace StepFlow.Hosting.Tests;

public sealed class WorkerTests : IDisposable
{
    private const string Hold = """
        {"StartAt":"Ask","States":{
          "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"token.$":"$$.Task.Token"},"End":true}}}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("stepflow-worker-").FullName;
    private readonly ConcurrentQueue<string> _tokens = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task StopAsync_StartDuringTheDrain_IsRefusedWithServiceUnavailableSayingTheEngineIsDraining()
    {
        using var host = Build(new Dictionary<string, string?>(), Register, shutdownTimeout: TimeSpan.FromSeconds(20));
        await host.StartAsync(Bounded());
        var engine = host.Services.GetRequiredService<StepFlowEngine>();
        var worker = host.Services.GetRequiredService<StepFlowWorker>();
        var held = await engine.StartExecutionAsync(MachineArn("Hold"), JsonObject.Empty, "held");
        await Eventually(() => _tokens.Count == 1, "the callback's token was handed out");

        var watch = Stopwatch.StartNew();
        var stopping = host.StopAsync(Bounded());
        await Eventually(() => worker.State == StepFlowWorkerState.Draining, "the worker drains");
        var start = () => engine.StartExecutionAsync(MachineArn("Hold"), JsonObject.Empty, "during-drain");
        var refused = (await start.Should().ThrowAsync<ExecutionApiException>()).Which;
        refused.ErrorCode.Should().Be(ExecutionApiErrorCodes.ServiceUnavailable);
        refused.Message.Should().Contain("StartExecution refused: the engine is draining for shutdown");

        await engine.SendTaskSuccessAsync(_tokens.Single(), """{"ok":true}""");
        await stopping;
        watch.Stop();

        worker.State.Should().Be(StepFlowWorkerState.Stopped);
        (await engine.DescribeExecutionAsync(held.ExecutionArn)).Status.Should().Be(ExecutionStatus.Succeeded, "a running execution may finish while the host drains");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "the drain ends when the last execution closes, not at the timeout");
    }

    [Fact]
    public async Task StopAsync_ExecutionStillWaitingAtTheShutdownTimeout_IsLeftRunningInTheStoreToResume()
    {
        var settings = Sqlite("held.db");
        string arn;
        using (var host = Build(settings, Register, shutdownTimeout: TimeSpan.FromMilliseconds(500)))
        {
            await host.StartAsync(Bounded());
            arn = (await host.Services.GetRequiredService<StepFlowEngine>().StartExecutionAsync(MachineArn("Hold"))).ExecutionArn;
            await Eventually(() => _tokens.Count == 1, "the callback's token was handed out");
            var watch = Stopwatch.StartNew();
            await host.StopAsync(Bounded());
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        }

        using var store = new SqliteExecutionStore(settings["StepFlow:Store:Path"]!);
        (await store.GetAsync(arn, default))!.Status.Should().Be(ExecutionStatus.Running, "an unfinished execution is left to resume, not aborted");
    }

    [Fact]
    public async Task HealthChecks_FollowTheWorkerFromStartToStop()
    {
        using var host = Build(Sqlite("health.db"), Register, s => s.AddHealthChecks().AddStepFlowHealthChecks("ready"));
        var health = host.Services.GetRequiredService<HealthCheckService>();

        var before = await health.CheckHealthAsync();
        before.Entries["stepflow-store"].Status.Should().Be(HealthStatus.Healthy);
        before.Entries["stepflow-worker"].Status.Should().Be(HealthStatus.Unhealthy);
        before.Entries["stepflow-worker"].Description.Should().Contain("NotStarted");
        before.Entries["stepflow-worker"].Tags.Should().Contain("ready");

        await host.StartAsync(Bounded());
        var running = await health.CheckHealthAsync();
        running.Status.Should().Be(HealthStatus.Healthy);

        await host.StopAsync(Bounded());
        var stopped = await health.CheckHealthAsync(r => r.Name == "stepflow-worker");
        stopped.Status.Should().Be(HealthStatus.Unhealthy);
        stopped.Entries["stepflow-worker"].Description.Should().Contain("Stopped");
    }

    [Fact]
    public async Task HealthChecks_StoreHeldByAnotherProcess_AreUnhealthyNamingTheLock()
    {
        var settings = Sqlite("locked.db");
        using var holder = new SqliteExecutionStore(settings["StepFlow:Store:Path"]!);
        await holder.InitializeAsync(default);
        using var host = Build(settings, Register, s => s.AddHealthChecks().AddStepFlowHealthChecks());

        var start = () => host.StartAsync(Bounded());
        await start.Should().ThrowAsync<IOException>();
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries["stepflow-store"].Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["stepflow-store"].Description.Should().Contain("is locked by another connection or process");
        report.Entries["stepflow-worker"].Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["stepflow-worker"].Description.Should().Contain("could not start");
        host.Services.GetRequiredService<StepFlowWorker>().State.Should().Be(StepFlowWorkerState.Faulted);
    }

    private Dictionary<string, string?> Sqlite(string file) => new()
    {
        ["StepFlow:Store:Kind"] = "Sqlite",
        ["StepFlow:Store:Path"] = Path.Combine(_dir, file),
    };

    private void Register(StepFlowBuilder builder) => builder
        .AddStateMachine("Hold", StateMachine.Parse(Hold))
        .ConfigureEngine((_, engine) => engine.AddTaskHandler("arn:aws:states:::sqs:sendMessage", i =>
        {
            _tokens.Enqueue(i.TaskToken!);
            return JsonObject.Empty;
        }));
}
